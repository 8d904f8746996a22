import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Confirm, Notices } from '../../../platform/html/console-parts.tsx';
import { TableWrap, When } from '../../review-desk/index.ts';
import { RoleBoxes, SubNav } from './views.tsx';

export interface ListedClient {
  clientId: string;
  name: string;
  roles: string[];
  created: number;
  revoked: number | null;
}

export interface ClientsPageProps {
  clients: ListedClient[];
  csrf: string;
  notice?: string | null;
  error?: string | null;
  form?: Record<string, string>;
}

/** OAuth clients (client-credentials grant): the list, revoking, and the form that registers one. */
export function ClientsPage({ clients, csrf, notice, error, form = { 'role.VERIFIER': 'on' } }: ClientsPageProps) {
  return (
    <>
      <h1>OAuth clients</h1>
      <SubNav current="clients" />
      <Notices notice={notice} error={error} />
      <p class="muted">
        A client exchanges its id and secret at <code>/rest/v2/oauth/token</code> for short-lived access tokens with its roles.
      </p>
      {clients.length === 0 ? (
        <p class="muted">No OAuth clients yet.</p>
      ) : (
        <TableWrap label="OAuth clients">
          <table>
            <caption class="skip">The account's OAuth clients</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Client id</th>
                <th scope="col">Roles</th>
                <th scope="col">Created</th>
                <th scope="col">Revoked</th>
              </tr>
            </thead>
            <tbody>
              {clients.map((c) => (
                <tr key={c.clientId}>
                  <td>{c.name}</td>
                  <td>
                    <code>{c.clientId}</code>
                  </td>
                  <td>{c.roles.join(', ')}</td>
                  <td>
                    <When at={c.created} />
                  </td>
                  <td>
                    {c.revoked !== null ? (
                      <When at={c.revoked} />
                    ) : (
                      <Confirm
                        summary={`Revoke “${c.name}”…`}
                        action={`/console/integrations/oauth-clients/${c.clientId}/revoke`}
                        csrf={csrf}
                        button={`Revoke “${c.name}” now`}
                      >
                        <p>Its secret is refused from now on, and the access tokens it was given stop working.</p>
                      </Confirm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2 id="new-client">Register a client</h2>
      <form method="post" action="/console/integrations/oauth-clients" class="card" aria-labelledby="new-client">
        <CsrfField csrf={csrf} />
        <label for="client-name">Name</label>
        <input id="client-name" name="name" maxLength={100} value={form.name ?? ''} />
        <RoleBoxes prefix="client-role" form={form} />
        <div class="actions">
          <button type="submit">Register client</button>
        </div>
      </form>
    </>
  );
}
