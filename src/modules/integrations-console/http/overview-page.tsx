import { SubNav } from './views.tsx';

export interface OverviewCounts {
  tokens: number;
  clients: number;
  endpoints: number;
  failing: number;
}

/** The integrations overview: what the account has, each with the way to its page. */
export const OverviewPage = ({ counts }: { counts: OverviewCounts }) => (
  <>
    <h1>Integrations</h1>
    <SubNav current="overview" />
    <div class="cards">
      <section class="card" aria-labelledby="ov-tokens">
        <h2 id="ov-tokens">API tokens</h2>
        <p class="figure">{counts.tokens}</p>
        <p class="muted">live static tokens for calling the API</p>
        <a href="/console/integrations/tokens">Manage API tokens</a>
      </section>
      <section class="card" aria-labelledby="ov-clients">
        <h2 id="ov-clients">OAuth clients</h2>
        <p class="figure">{counts.clients}</p>
        <p class="muted">live clients of the client-credentials grant</p>
        <a href="/console/integrations/oauth-clients">Manage OAuth clients</a>
      </section>
      <section class="card" aria-labelledby="ov-webhooks">
        <h2 id="ov-webhooks">Webhook endpoints</h2>
        <p class="figure">{counts.endpoints}</p>
        <p class={counts.failing ? 'late' : 'muted'}>{counts.failing ? `${counts.failing} failing` : 'none failing'}</p>
        <a href="/console/integrations/webhooks">Manage webhooks</a>
      </section>
    </div>
  </>
);
