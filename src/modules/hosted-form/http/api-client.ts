import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ThemeMessages } from '../../programs/index.ts';

/** What the form reads of the program theme (`GET /rest/v2/program/{id}/theme`). */
export interface Theme {
  intl: { locale: string; messages: ThemeMessages };
  customCss: string;
  logoUrl: string | null;
  privacyPolicyUrl: string | null;
  colors: { primary: string; background: string };
  allowedDomains: string[];
  isTestMode: boolean;
  smsLoopEnabled: boolean;
  config: {
    countries: string[];
    locales: string[];
    estimatedReviewTime: string;
    marketConsent: { enabled: boolean; required: boolean; message: string };
    orgSearchUrl: string;
    segment: string;
    subSegments: string[];
  };
}

/** A verification response of the eligibility dialect, as the form reads it. */
export interface Answer {
  verificationId: string | null;
  currentStep: string;
  errorIds: string[];
  segment: string | null;
  submissionUrl?: string;
  cancelUrl?: string;
  retryUrl?: string;
  loginUrl?: string;
  statusUrl?: string;
  rewardCode?: string | null;
  redirectUrl?: string | null;
  consolationRewardCode?: string | null;
  systemErrorMessage?: string | null;
  rejectionReasons?: string[];
  availableStatuses?: string[];
  estimatedReviewTime?: string;
  canResendEmailLoop?: boolean;
}

export type ApiCall = <T>(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) => Promise<{ status: number; json: T }>;

/**
 * The hosted form's server side is a client of Vouch's public `/rest/v2` API like any integrator: every
 * read and change goes through the API's own routes (in process, with Fastify's inject), so the form can
 * never do what the API would refuse, and the API's limits, audit and rules apply to it. The person's
 * address, browser and page (Origin, Referer) are passed on as theirs.
 */
export function apiFor(app: FastifyInstance, req: FastifyRequest): ApiCall {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const h of ['user-agent', 'origin', 'referer', 'accept-language'] as const) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  return async (method, url, body) => {
    const r = await app.inject({
      method,
      url,
      remoteAddress: req.ip,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    let json: unknown = null;
    try {
      json = r.body ? JSON.parse(r.body) : null;
    } catch {
      // Not JSON: the caller sees the status.
    }
    return { status: r.statusCode, json: json as never };
  };
}

/** The path of one of the API's own URLs (they are absolute, on the public URL). */
export const pathOf = (url: string) => {
  const u = new URL(url, 'http://x');
  return `${u.pathname}${u.search}`;
};
