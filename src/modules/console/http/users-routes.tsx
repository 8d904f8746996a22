import { RoleBoxes as PlatformRoleBoxes, rolesTicked } from '../../../platform/html/role-boxes.tsx';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeRoles, inviteUser, listUsers, setUserDisabled, type AccountsDeps } from '../../accounts/index.ts';
import { CsrfField, sendConsolePage } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import { audited, rails } from '../../../platform/http/rails.ts';
import { CommonErrors, isAppError } from '../../../shared/errors.ts';
import type { Role } from '../../../shared/principal.ts';
import { field } from './forms.ts';

const HIDDEN = { hide: true } as const;
const ADMIN = ['ADMIN'] as const;
const change = (action: string, ...from: string[]) =>
  rails({ access: ADMIN, limit: 'none', idempotency: 'change', audit: audited(action, 'user', ...from) });

const RoleBoxes = ({ prefix, checked }: { prefix: string; checked: readonly Role[] }) => (
  <PlatformRoleBoxes prefix={prefix} checked={(r) => checked.includes(r)} />
);

/** The account's people (ADMIN only): who can sign in with which roles, invitations, role changes, disabling. */
export function registerUsersRoutes(app: FastifyInstance, accounts: AccountsDeps) {
  const page = async (req: FastifyRequest, reply: FastifyReply, notice: string | null, error: string | null) => {
    const p = req.principal!;
    const users = await listUsers(accounts, p.accountId);
    return sendConsolePage(req, reply, {
      title: 'People',
      current: 'users',
      body: ({ csrf }) => (
        <>
          <h1>People</h1>
          <Notices notice={notice} error={error} />
          <div class="table-wrap">
            <table>
              <caption class="skip">People who can sign in to this account</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Sign-in</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id}>
                    <td>{u.email}</td>
                    <td>{u.roles.join(', ')}</td>
                    <td>
                      {u.disabled ? 'Disabled' : u.hasPassword ? 'Password' : 'Invited'}
                      {u.totp ? ' + app code' : ''}
                      {u.passkeys ? ` · ${u.passkeys} passkey${u.passkeys === 1 ? '' : 's'}` : ''}
                    </td>
                    <td>
                      <details>
                        <summary>Roles and access</summary>
                        <form method="post" action={`/console/users/${u.id}/roles`}>
                          <CsrfField csrf={csrf} />
                          <RoleBoxes prefix={`u-${u.id}`} checked={u.roles} />
                          <button type="submit">Save roles</button>
                        </form>
                        {u.id !== p.userId && (
                          <form method="post" action={`/console/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`}>
                            <CsrfField csrf={csrf} />
                            <button type="submit" class={u.disabled ? 'secondary' : 'danger'}>
                              {u.disabled ? 'Enable sign-in' : 'Disable sign-in'}
                            </button>
                          </form>
                        )}
                        {u.id !== p.userId && (u.totp || u.passkeys > 0) && (
                          <form method="post" action={`/console/account/people/${u.id}/reset-second-factor`}>
                            <CsrfField csrf={csrf} />
                            <button type="submit" class="danger">
                              Reset second factor
                            </button>
                          </form>
                        )}
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 id="invite-heading">Invite someone</h2>
          <form method="post" action="/console/users/invite" class="card" aria-labelledby="invite-heading">
            <CsrfField csrf={csrf} />
            <label for="invite-email">Email</label>
            <input id="invite-email" name="email" type="email" required />
            <RoleBoxes prefix="invite" checked={['REVIEWER']} />
            <div class="actions">
              <button type="submit">Send invitation</button>
            </div>
          </form>
        </>
      ),
    });
  };
  /** Runs a change, then shows the page with what happened (or why not, for a refusal a person can mend). */
  const attempt = async (req: FastifyRequest, reply: FastifyReply, run: () => Promise<string>) => {
    try {
      return page(req, reply, await run(), null);
    } catch (e) {
      if (!isAppError(e) || e.status >= 500 || e.status === 401 || e.status === 403) throw e;
      reply.status(e.status);
      return page(req, reply, null, e.message);
    }
  };
  const target = (req: FastifyRequest) => ({ accountId: req.principal!.accountId, userId: (req.params as { userId: string }).userId });

  app.get('/console/users', { schema: HIDDEN, config: rails({ access: ADMIN, limit: 'none', audit: 'none' }) }, async (req, reply) =>
    page(req, reply, null, null),
  );
  app.post('/console/users/invite', { schema: HIDDEN, config: change('console.user-invited') }, async (req, reply) =>
    attempt(req, reply, async () => {
      const email = field(req.body, 'email').trim();
      const roles = rolesTicked(req.body);
      await inviteUser(accounts, { accountId: req.principal!.accountId, email, roles, invitedBy: req.principal!.userId! });
      return `Invitation sent to ${email}.`;
    }),
  );
  app.post(
    '/console/users/:userId/roles',
    { schema: HIDDEN, config: change('console.roles-changed', 'params.userId') },
    async (req, reply) =>
      attempt(req, reply, async () => {
        await changeRoles(accounts, { ...target(req), roles: rolesTicked(req.body), by: req.principal!.userId! });
        return 'Roles saved.';
      }),
  );
  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    app.post(
      `/console/users/:userId/${action}`,
      { schema: HIDDEN, config: change(`console.user-${action}d`, 'params.userId') },
      async (req, reply) =>
        attempt(req, reply, async () => {
          const { accountId, userId } = target(req);
          if (userId === req.principal!.userId)
            throw CommonErrors.conflict('You cannot disable your own sign-in; ask another administrator');
          const user = (await listUsers(accounts, accountId)).find((u) => u.id === userId);
          if (!user) throw CommonErrors.notFound('User', userId);
          await setUserDisabled(accounts, { accountId, email: user.email, disabled });
          return disabled ? 'Sign-in disabled.' : 'Sign-in enabled.';
        }),
    );
}
