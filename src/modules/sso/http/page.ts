import type { FastifyReply } from 'fastify';
import type { SignInOutcome } from '../app/callbacks.ts';

const TEXT: Record<SignInOutcome, { title: string; body: string }> = {
  success: { title: 'Signed in', body: 'Your sign-in confirmed your eligibility. You can close this window and go back.' },
  ssoNotEligible: {
    title: 'Not confirmed',
    body: 'Your sign-in did not confirm your eligibility. Go back to upload a document instead.',
  },
  ssoFailed: { title: 'Sign-in failed', body: 'Your organization’s sign-in could not be completed. Go back to upload a document instead.' },
};

/**
 * The page the browser lands on once the sign-in is done: it tells the person how it ended. The form
 * that sent them polls the verification (or reads it again) for the next step; the page holds the
 * verification id and the outcome as data attributes for a script that embeds it.
 */
export function signInPage(reply: FastifyReply, verificationId: string, outcome: SignInOutcome) {
  const t = TEXT[outcome];
  return reply
    .status(200)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title}</title></head>` +
        `<body><main data-verification-id="${verificationId}" data-outcome="${outcome}"><h1>${t.title}</h1><p>${t.body}</p></main></body></html>`,
    );
}
