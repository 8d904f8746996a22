import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import { CommonErrors, isAppError } from '../../../shared/errors.ts';
import { auditLogAll, auditLogPage } from '../app/audit-log.ts';
import { changeSettingsFromForm } from '../app/change-settings.ts';
import type { AccountConsoleDeps } from '../app/deps.ts';
import { auditCsv } from '../domain/audit-csv.ts';
import { parseAuditFilter } from '../domain/audit-filter.ts';
import { AccountConsoleErrors } from '../error-codes.ts';
import { AuditPage } from './audit-page.tsx';
import { SettingsPage, type SettingsView } from './settings-page.tsx';
import { FormError } from './views.tsx';

const HIDDEN = { hide: true } as const;
const ADMIN = ['ADMIN'] as const;

/** What a reset removed, in words. */
function resetText(done: { email: string; totp: boolean; passkeys: number }) {
  const removed = [
    done.totp ? 'the authenticator app' : '',
    done.passkeys > 0 ? `${done.passkeys} passkey${done.passkeys === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  return removed ? `Removed ${removed} of ${done.email}.` : `${done.email} had no second factor.`;
}

/** The console's Account section (ADMIN): the account's settings, its audit log and its export, second-factor resets. */
export function registerAccountConsoleRoutes(app: FastifyInstance, deps: AccountConsoleDeps) {
  const settingsPage = async (req: FastifyRequest, reply: FastifyReply, extra: Partial<SettingsView>) => {
    const accountId = callerOf(req).accountId;
    const view: SettingsView = {
      settings: await deps.settings.get(accountId),
      retention: await deps.documentRetention(accountId),
      ...extra,
    };
    return sendConsolePage(req, reply, {
      title: 'Account settings',
      current: 'account',
      body: ({ csrf }) => <SettingsPage view={view} csrf={csrf} />,
    });
  };

  app.get('/console/account', { schema: HIDDEN, config: rails({ access: ADMIN, limit: 'none', audit: 'none' }) }, (req, reply) =>
    settingsPage(req, reply, {}),
  );

  app.post(
    '/console/account/settings',
    { schema: HIDDEN, config: rails({ access: ADMIN, limit: 'none', idempotency: 'change', audit: audited('console.settings-changed') }) },
    async (req, reply) => {
      try {
        await changeSettingsFromForm(deps, callerOf(req).accountId, req.body);
        return settingsPage(req, reply, { notice: 'Settings saved.' });
      } catch (e) {
        // A refusal the person can mend: the form again, with what was typed and why, beside it.
        if (!isAppError(e) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
        const details = e.details as { fields?: Record<string, string>; typed?: Record<string, string> };
        reply.status(e.status);
        return settingsPage(req, reply, { error: e.message, problems: details.fields ?? {}, typed: details.typed });
      }
    },
  );

  const filterOf = (req: FastifyRequest) => {
    const checked = parseAuditFilter(req.query);
    if (!checked.ok) throw AccountConsoleErrors.badFilter(checked.problem);
    return checked.filter;
  };

  app.get(
    '/console/account/audit',
    // The page names people by email: reading it is itself recorded.
    { schema: HIDDEN, config: rails({ access: ADMIN, limit: 'none', audit: audited('console.audit-read') }) },
    async (req, reply) => {
      const filter = filterOf(req);
      const listed = await auditLogPage(deps, callerOf(req).accountId, filter);
      return sendConsolePage(req, reply, {
        title: 'Audit log',
        current: 'account',
        body: () => <AuditPage listed={listed} filter={filter} />,
      });
    },
  );

  app.get(
    '/console/account/audit/export.csv',
    { schema: HIDDEN, config: rails({ access: ADMIN, limit: 'none', audit: audited('console.audit-exported') }) },
    async (req, reply) => {
      const filter = filterOf(req);
      const { entries, names } = await auditLogAll(deps, callerOf(req).accountId, filter);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="audit-log.csv"')
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(auditCsv(entries, names));
    },
  );

  app.post(
    '/console/account/people/:userId/reset-second-factor',
    {
      schema: HIDDEN,
      config: rails({
        access: ADMIN,
        limit: 'none',
        idempotency: 'change',
        audit: audited('console.second-factor-reset', 'user', 'params.userId'),
      }),
    },
    async (req, reply) => {
      const p = callerOf(req);
      const userId = (req.params as { userId: string }).userId;
      // Only a person's console session resets a factor (the entry then names who did it).
      if (!p.userId) throw CommonErrors.forbidden();
      let done: Awaited<ReturnType<AccountConsoleDeps['resetSecondFactor']>> | null = null;
      let error: string | null = null;
      try {
        done = await deps.resetSecondFactor(p.accountId, userId, p.userId);
      } catch (e) {
        // Refusing one's own reset is mendable (ask someone else); an unknown person is a 404 page.
        if (!isAppError(e) || e.status !== 409) throw e;
        reply.status(e.status);
        error = e.message;
      }
      return sendConsolePage(req, reply, {
        title: 'Second factor',
        current: 'users',
        body: () => (
          <>
            <h1>Second factor</h1>
            <FormError message={error} />
            {done && (
              <div class="notice" role="status">
                <p>{resetText(done)} Their next sign-in needs their password only; they can set up a new factor on their sign-in page.</p>
              </div>
            )}
            <p>
              <a href="/console/users">Back to People</a>
            </p>
          </>
        ),
      });
    },
  );
}
