import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import { TableWrap } from '../../review-desk/index.ts';
import type { ListedEndpoint } from '../app/endpoint-list.ts';
import { SubNav } from './views.tsx';

export interface WebhooksPageProps {
  endpoints: ListedEndpoint[];
  /** The event types an endpoint may subscribe to (`*` first: every one). */
  choices: readonly string[];
  csrf: string;
  notice?: string | null;
  error?: string | null;
  form?: Record<string, string>;
}

const choiceLabel = (t: string) => (t === '*' ? 'Every event (*), those added later included' : t);

/** Webhook endpoints: the list (URL, events, state, failing) and the form that registers one. */
export function WebhooksPage({ endpoints, choices, csrf, notice, error, form = {} }: WebhooksPageProps) {
  return (
    <>
      <h1>Webhooks</h1>
      <SubNav current="webhooks" />
      <Notices notice={notice} error={error} />
      {endpoints.length === 0 ? (
        <p class="muted">No webhook endpoints yet.</p>
      ) : (
        <TableWrap label="Webhook endpoints">
          <table>
            <caption class="skip">The account's webhook endpoints</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Enabled</th>
                <th scope="col">Health</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr key={e.id}>
                  <td>
                    <a href={`/console/integrations/webhooks/${e.id}`} class="mono">
                      {e.url}
                    </a>
                    {e.description && <div class="muted">{e.description}</div>}
                  </td>
                  <td>{e.eventTypes.length ? e.eventTypes.join(', ') : <span class="muted">its program's successes</span>}</td>
                  <td>{e.enabled ? 'Yes' : `No (${e.disabledReason === 'gone' ? 'the receiver answered 410' : 'turned off'})`}</td>
                  <td>{e.failing ? <strong class="error">Failing</strong> : 'OK'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <h2 id="new-endpoint">Add an endpoint</h2>
      <form method="post" action="/console/integrations/webhooks" class="card" aria-labelledby="new-endpoint">
        <CsrfField csrf={csrf} />
        <label for="endpoint-url">URL</label>
        <input
          id="endpoint-url"
          name="url"
          type="url"
          inputMode="url"
          maxLength={2000}
          value={form.url ?? ''}
          placeholder="https://hooks.example.com/vouch"
        />
        <fieldset>
          <legend>Events to send</legend>
          <div class="cards">
            {choices.map((t, i) => (
              <label class="check" key={t} for={`event-${i}`}>
                <input type="checkbox" id={`event-${i}`} name={`event.${t}`} value="on" checked={Boolean(form[`event.${t}`])} />
                <span class={t === '*' ? undefined : 'mono'}>{choiceLabel(t)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label for="endpoint-description">Description (optional)</label>
        <input id="endpoint-description" name="description" maxLength={500} value={form.description ?? ''} />
        <div class="actions">
          <button type="submit">Add endpoint</button>
        </div>
      </form>
    </>
  );
}
