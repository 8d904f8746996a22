import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Confirm, Notices } from '../../../platform/html/console-parts.tsx';
import { TableWrap, When } from '../../review-desk/index.ts';
import type { ListedToken } from '../app/token-list.ts';
import { RoleBoxes, SubNav } from './views.tsx';

export interface TokensPageProps {
  tokens: ListedToken[];
  csrf: string;
  notice?: string | null;
  error?: string | null;
  /** The create form's fields as last posted (kept when it is shown with a problem). */
  form?: Record<string, string>;
}

/** API tokens: the list (never a secret: only its first characters), revoking, and the form that creates one. */
export function TokensPage({ tokens, csrf, notice, error, form = { 'role.VERIFIER': 'on' } }: TokensPageProps) {
  return (
    <>
      <h1>API tokens</h1>
      <SubNav current="tokens" />
      <Notices notice={notice} error={error} />
      {tokens.length === 0 ? (
        <p class="muted">No API tokens yet.</p>
      ) : (
        <TableWrap label="API tokens">
          <table>
            <caption class="skip">The account's API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Roles</th>
                <th scope="col">Allowed addresses</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Revoked</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td class="nowrap">
                    <code>{t.prefix}…</code>
                  </td>
                  <td>{t.roles.join(', ')}</td>
                  <td>{t.allowedIpAddresses ? t.allowedIpAddresses.join(', ') : <span class="muted">any</span>}</td>
                  <td>
                    <When at={t.created} />
                  </td>
                  <td>{t.lastUsed === null ? <span class="muted">not recorded</span> : <When at={t.lastUsed} />}</td>
                  <td>
                    {t.revoked !== null ? (
                      <When at={t.revoked} />
                    ) : (
                      <Confirm
                        summary={`Revoke “${t.name}”…`}
                        action={`/console/integrations/tokens/${t.id}/revoke`}
                        csrf={csrf}
                        button={`Revoke “${t.name}” now`}
                      >
                        <p>Calls made with this token are refused from now on. This cannot be undone.</p>
                      </Confirm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2 id="new-token">Create a token</h2>
      <form method="post" action="/console/integrations/tokens" class="card" aria-labelledby="new-token">
        <CsrfField csrf={csrf} />
        <label for="token-name">Name</label>
        <input id="token-name" name="name" maxLength={100} value={form.name ?? ''} aria-describedby="token-name-hint" />
        <p id="token-name-hint" class="muted">
          Say where it is used, such as “Checkout backend”.
        </p>
        <RoleBoxes prefix="token-role" form={form} />
        <label for="token-ips">Allowed client addresses (optional)</label>
        <textarea id="token-ips" name="allowedIpAddresses" rows={3} aria-describedby="token-ips-hint">
          {form.allowedIpAddresses ?? ''}
        </textarea>
        <p id="token-ips-hint" class="muted">
          IP addresses or CIDR ranges, one per line. Leave empty to accept the token from any address.
        </p>
        <div class="actions">
          <button type="submit">Create token</button>
        </div>
      </form>
    </>
  );
}
