import type { ComponentChildren } from 'preact';

/** The words for a batch's or a report's status, as a person reads them. */
const STATUS_WORDS: Record<string, string> = {
  PENDING: 'Waiting to start',
  RUNNING: 'Running',
  COMPLETE: 'Complete',
  FAILED: 'Failed',
  ERROR: 'Failed',
};
export const statusText = (status: string) => STATUS_WORDS[status] ?? status;

/** A batch still moving (its page refreshes itself). */
export const unfinished = (status: string) => status === 'PENDING' || status === 'RUNNING';

/**
 * Pages that follow something still running ask the browser to load them again every few seconds: the
 * `Refresh` header, which needs no script and, unlike a `<meta>` refresh, is not taken for a timed page
 * by assistive tools (such pages hold no form to lose).
 */
export const REFRESH_SECONDS = 3;

export const Progress = ({ done, total }: { done: number; total: number }) => (
  <span class="nowrap">
    {done} of {total}
    {total > 0 && <span class="muted"> ({Math.floor((done * 100) / total)}%)</span>}
  </span>
);

/** The page's heading with a way back to the section. */
export const Heading = ({ children, back }: { children: ComponentChildren; back?: { href: string; label: string } }) => (
  <>
    {back && (
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
    )}
    <h1>{children}</h1>
  </>
);
