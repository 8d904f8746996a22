import type { reviewQueue } from '../app/review-queue.ts';
import { ITEM_KINDS, KIND_LABELS, waited } from '../domain/queue.ts';
import { filterQuery, TableWrap, When } from './views.tsx';

type Queue = Awaited<ReturnType<typeof reviewQueue>>;

const count = (n: number) => n.toLocaleString('en-US');

/** The review queue: filters with counts, then one table of what waits, oldest first, 50 a page. */
export function QueuePage({
  q,
  filter,
  userId,
  first,
}: {
  q: Queue;
  filter: { programId?: string; kind?: string };
  userId: string;
  first: boolean;
}) {
  const { counts } = q;
  const withWaiting = q.programs.filter((p) => (counts.perProgram.get(p.id) ?? 0) > 0 || p.id === filter.programId);
  const back = filterQuery(filter);
  return (
    <>
      <h1>Review</h1>
      <p>
        {count(counts.documents + counts.reports)} waiting: {count(counts.documents)} document review{counts.documents === 1 ? '' : 's'} and{' '}
        {count(counts.reports)} client ID report{counts.reports === 1 ? '' : 's'}. Opening an item holds it for you for 15 minutes.
      </p>
      <form class="filters" method="get" action="/console/review">
        <div>
          <label for="filter-program">Program</label>
          <select id="filter-program" name="program">
            <option value="">All programs</option>
            {withWaiting.map((p) => (
              <option key={p.id} value={p.id} selected={p.id === filter.programId}>
                {`${p.name} (${count(counts.perProgram.get(p.id) ?? 0)})`}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="filter-kind">Kind</label>
          <select id="filter-kind" name="kind">
            <option value="">Everything</option>
            {ITEM_KINDS.map((k) => (
              <option key={k} value={k} selected={k === filter.kind}>
                {`${KIND_LABELS[k]}s (${count(k === 'document' ? counts.documents : counts.reports)})`}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">Show</button>
        </div>
      </form>
      {q.items.length === 0 ? (
        <p class="notice">{first ? 'Nothing waits for review here. Well done.' : 'No more items.'}</p>
      ) : (
        <>
          <p class="muted" id="queue-caption">
            {count(counts.shown)} shown by this filter, oldest first.
          </p>
          <TableWrap label="Items waiting for review">
            <table aria-describedby="queue-caption">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Program</th>
                  <th scope="col">Waiting since</th>
                  <th scope="col">Attempt</th>
                  <th scope="col">Held by</th>
                </tr>
              </thead>
              <tbody>
                {q.items.map((i) => (
                  <tr key={`${i.kind}:${i.id}`}>
                    <td>
                      <a class="mono nowrap" href={`/console/review/${i.kind}/${i.id}${back}`}>
                        {i.id}
                      </a>
                      {i.testMode && <span class="muted"> (test)</span>}
                    </td>
                    <td>{KIND_LABELS[i.kind]}</td>
                    <td>{i.programName ?? <span class="muted">—</span>}</td>
                    <td>
                      <When at={i.since} />
                      <br />
                      <span class={i.late ? 'late' : 'muted'}>
                        {waited(q.now.getTime() - i.since.getTime())}
                        {i.late ? ', late' : ''}
                      </span>
                    </td>
                    <td>{i.attempt ?? <span class="muted">—</span>}</td>
                    <td>
                      {i.claim ? (
                        <>
                          {i.claim.userId === userId ? 'You' : i.claim.holder}
                          <br />
                          <span class="muted nowrap">
                            until <When at={i.claim.until} />
                          </span>
                        </>
                      ) : (
                        <span class="muted">Nobody</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <nav class="pager" aria-label="Pages">
        {!first && <a href={`/console/review${back}`}>First page</a>}
        {q.nextCursor && <a href={`/console/review${back ? `${back}&` : '?'}after=${encodeURIComponent(q.nextCursor)}`}>Next page</a>}
      </nav>
    </>
  );
}
