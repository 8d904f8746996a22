import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Confirm, Notices } from '../../../platform/html/console-parts.tsx';
import { Facts, TableWrap, When } from '../../review-desk/index.ts';
import type { EndpointView } from '../app/endpoint-view.ts';
import { SecretOnce, SubNav } from './views.tsx';

export interface EndpointPageProps {
  view: EndpointView;
  csrf: string;
  notice?: string | null;
  error?: string | null;
  /** A new signing secret, on the one answer that shows it. */
  secret?: string | null;
}

const stateText = (e: EndpointView['endpoint']) =>
  e.enabled ? 'Enabled' : e.disabledReason === 'gone' ? 'Disabled: the receiver answered 410 Gone' : 'Disabled';

/** One endpoint: what it is, its secret's rotation, turning it off and on, a test, and its recent deliveries with replay. */
export function EndpointPage({ view, csrf, notice, error, secret }: EndpointPageProps) {
  const e = view.endpoint;
  const base = `/console/integrations/webhooks/${e.id}`;
  return (
    <>
      <h1>Webhook endpoint</h1>
      <SubNav current="webhooks" />
      <Notices notice={notice} error={error} />
      {secret && <SecretOnce label="New signing secret" secret={secret} />}
      <section class="card" aria-labelledby="endpoint-facts">
        <h2 id="endpoint-facts" class="mono">
          {e.url}
        </h2>
        <Facts
          rows={[
            ['Id', <code key="id">{e.id}</code>],
            ['Description', e.description ?? '—'],
            ['Events', e.eventTypes.length ? e.eventTypes.join(', ') : "its program's successes"],
            ['State', stateText(e)],
            ['Health', e.failing ? <strong class="error">Failing</strong> : 'OK'],
            ...(e.programId ? ([['Program', <code key="p">{e.programId}</code>]] as [string, ComponentChildren][]) : []),
            ['Created', <When key="c" at={e.created} />],
          ]}
        />
        <div class="actions">
          {e.enabled && (
            <form method="post" action={`${base}/test`}>
              <CsrfField csrf={csrf} />
              <button type="submit">Send a test event</button>
            </form>
          )}
          <form method="post" action={`${base}/${e.enabled ? 'disable' : 'enable'}`}>
            <CsrfField csrf={csrf} />
            <button type="submit" class="secondary">
              {e.enabled ? 'Disable' : 'Enable'}
            </button>
          </form>
        </div>
        <Confirm summary="Rotate the signing secret…" action={`${base}/rotate`} csrf={csrf} button="Rotate the secret now">
          <p>The current secret stops working at once: update the receiver with the new one, shown once on the next page.</p>
        </Confirm>
      </section>
      <h2>Recent deliveries</h2>
      {view.deliveries.length === 0 && <p class="muted">Nothing sent to this endpoint yet.</p>}
      {view.deliveries.map((d) => (
        <section key={d.id} class="card" aria-labelledby={`d-${d.id}`}>
          <h3 id={`d-${d.id}`}>
            <span class="mono">{d.eventType}</span> · {d.status}
          </h3>
          <Facts
            rows={[
              ['Delivery', <code key="d">{d.id}</code>],
              ['Event', <code key="e">{d.eventId}</code>],
              ['Created', <When key="c" at={d.created} />],
              ['Attempts', String(d.attempts)],
              ...(d.nextAttemptAt ? ([['Next attempt', <When key="n" at={d.nextAttemptAt} />]] as [string, ComponentChildren][]) : []),
            ]}
          />
          {d.attemptList.length > 0 && (
            <TableWrap label={`Attempts of delivery ${d.id}`}>
              <table>
                <caption class="skip">Attempts of delivery {d.id}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">When</th>
                    <th scope="col">Status code</th>
                    <th scope="col">Latency</th>
                    <th scope="col">Error</th>
                  </tr>
                </thead>
                <tbody>
                  {d.attemptList.map((a) => (
                    <tr key={a.attempt}>
                      <td>{a.attempt}</td>
                      <td>
                        <When at={a.attemptedAt} />
                      </td>
                      <td>{a.statusCode ?? <span class="muted">no answer</span>}</td>
                      <td class="nowrap">{a.latencyMs} ms</td>
                      <td>{a.error ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <details>
            <summary>Body sent</summary>
            <TableWrap label={`Body of event ${d.eventId}`}>
              <pre class="mono">{JSON.stringify(d.body, null, 2)}</pre>
            </TableWrap>
          </details>
          <form method="post" action={`${base}/events/${d.eventId}/replay`} class="actions">
            <CsrfField csrf={csrf} />
            <button type="submit" class="secondary" aria-describedby={`d-${d.id}`}>
              Replay
            </button>
          </form>
        </section>
      ))}
    </>
  );
}
