import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren, VNode } from 'preact';
import { hasRole, type Principal, type Role } from '../../shared/principal.ts';
import { CSRF_FIELD } from '../http/cookie-sessions.ts';
import { renderDocument } from './render.ts';

/** The console's sections, in the order the navigation lists them, with the roles that open each. */
export const CONSOLE_SECTIONS = [
  { key: 'overview', label: 'Overview', href: '/console', roles: null },
  { key: 'review', label: 'Review', href: '/console/review', roles: ['REVIEWER'] },
  { key: 'verifications', label: 'Verifications', href: '/console/verifications', roles: ['REVIEWER', 'VERIFIER', 'VIEWER'] },
  { key: 'programs', label: 'Programs', href: '/console/programs', roles: ['ADMIN'] },
  { key: 'files', label: 'Client files', href: '/console/files', roles: ['VERIFIER', 'REVIEWER'] },
  { key: 'bulk', label: 'Re-verify and reports', href: '/console/bulk', roles: ['BULK_VERIFIER', 'REPORTER'] },
  { key: 'integrations', label: 'Integrations', href: '/console/integrations', roles: ['ADMIN'] },
  { key: 'users', label: 'People', href: '/console/users', roles: ['ADMIN'] },
  { key: 'account', label: 'Account', href: '/console/account', roles: ['ADMIN'] },
  { key: 'security', label: 'Your sign-in', href: '/console/security', roles: null },
] as const satisfies readonly { key: string; label: string; href: string; roles: readonly Role[] | null }[];
export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number]['key'];

/** What a page's body may use: the nonce of its scripts, the CSRF token of its forms, who is signed in. */
export interface PageContext {
  nonce: string;
  csrf: string;
  principal: Principal | null;
}

export interface ConsolePage {
  title: string;
  /** The section it belongs to (marked in the navigation); none for pages outside a session (sign-in). */
  current?: ConsoleSection;
  body: (ctx: PageContext) => ComponentChildren;
  /** The answer's status; by default the one the reply already has (200 unless a handler set another). */
  status?: number;
  /** Scripts the page loads (same-origin paths), each given the page's nonce. */
  scripts?: string[];
  /** A narrow single column (sign-in and other forms on their own). */
  narrow?: boolean;
}

/** The hidden field that carries the session's CSRF token; every console form that changes something has one. */
export const CsrfField = ({ csrf }: { csrf: string }) => <input type="hidden" name={CSRF_FIELD} value={csrf} />;

/**
 * The policy of every console page: its own scripts and styles by nonce only; images, frames and
 * fetches from Vouch itself; forms post to Vouch only; never framed by another site.
 */
const csp = (nonce: string) =>
  [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');

function Navigation({ principal, current, csrf, label }: { principal: Principal; current?: ConsoleSection; csrf: string; label: string }) {
  const open = CONSOLE_SECTIONS.filter((s) => s.roles === null || s.roles.some((r) => hasRole(principal, r)));
  return (
    <header class="top">
      <a class="brand" href="/console">
        Vouch console
      </a>
      <nav aria-label="Console">
        <ul>
          {open.map((s) => (
            <li key={s.key}>
              <a href={s.href} aria-current={s.key === current ? 'page' : undefined}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <search>
        <form class="search" method="get" action="/console/search">
          <label class="skip" for="console-search">
            Search
          </label>
          <input id="console-search" name="q" type="search" placeholder="Verification id, email, request id, file number" />
        </form>
      </search>
      <div class="who">
        <span>{label}</span>
        <form method="post" action="/console/sign-out">
          <CsrfField csrf={csrf} />
          <button type="submit" class="link">
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}

export function ConsoleDocument({ page, ctx, label }: { page: ConsolePage; ctx: PageContext; label: string | null }): VNode {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <title>{`${page.title} · Vouch console`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" nonce={ctx.nonce} />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        {ctx.principal && label !== null && <Navigation principal={ctx.principal} current={page.current} csrf={ctx.csrf} label={label} />}
        <main id="main" class={page.narrow ? 'narrow' : undefined} tabIndex={-1}>
          {page.body(ctx)}
        </main>
        {(page.scripts ?? []).map((src) => (
          <script key={src} src={src} nonce={ctx.nonce} defer />
        ))}
      </body>
    </html>
  );
}

/** Renders a console page for this request and sends it with the console's headers (policy, no caching). */
export function sendConsolePage(req: FastifyRequest, reply: FastifyReply, page: ConsolePage) {
  const nonce = randomBytes(16).toString('base64');
  const ctx: PageContext = { nonce, csrf: req.session?.csrf ?? '', principal: req.session ? req.principal : null };
  return reply
    .status(page.status ?? reply.statusCode)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', csp(nonce))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin')
    .send(renderDocument(<ConsoleDocument page={page} ctx={ctx} label={req.session?.label ?? null} />));
}
