import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import { type LowStockAlert, MAX_LOW_STOCK_THRESHOLD, type Program } from '../../programs/index.ts';
import { When } from '../../review-desk/index.ts';
import { CsvForm, Findings, Heading, ProgramNav } from './views.tsx';

/** A program's reward-code pool: codes left, an upload, and the low-stock warning. */
export function RewardCodesPage(props: {
  csrf: string;
  program: Program;
  remaining: number;
  alert: LowStockAlert | null;
  threshold: string;
  findings: string[] | null;
  notice: string | null;
}) {
  const { program, alert } = props;
  const pool = program.config.offerType === 'rewardPool';
  return (
    <>
      <Heading>{program.name}</Heading>
      <ProgramNav programId={program.id} current="reward-codes" />
      <Notices notice={props.notice} />
      <Findings findings={props.findings} intro="Nothing was changed:" />
      <div class="cards">
        <section class="card" aria-labelledby="left-heading">
          <h2 id="left-heading">Codes left</h2>
          <p class="figure" id="codes-left">
            {props.remaining.toLocaleString('en')}
          </p>
          <p class="muted">
            {pool
              ? 'Each person verified gets one; when none is left, they get an error instead.'
              : 'This program does not give codes from a pool: choose "A code from the uploaded pool" as its offer type in its settings to use them.'}
          </p>
        </section>
        <section class="card" aria-labelledby="warn-heading">
          <h2 id="warn-heading">Low-stock warning</h2>
          <p class="muted">
            When a code given out leaves this many or fewer, the account's administrators are emailed, once; an upload that brings the pool
            above it arms the warning again.
          </p>
          {alert?.mailedAt ? (
            <p>
              Warned by mail <When at={alert.mailedAt} />.
            </p>
          ) : alert?.warnedAt ? (
            <p>The warning is being sent.</p>
          ) : null}
          <form method="post" action={`/console/programs/${program.id}/reward-codes/threshold`}>
            <CsrfField csrf={props.csrf} />
            <label for="threshold">Warn at (codes left)</label>
            <input
              id="threshold"
              name="threshold"
              type="number"
              min={0}
              max={MAX_LOW_STOCK_THRESHOLD}
              value={props.threshold}
              aria-describedby="threshold-hint"
            />
            <p id="threshold-hint" class="muted">
              Empty: no warning.
            </p>
            <div class="actions">
              <button type="submit" class="secondary">
                Save the warning
              </button>
            </div>
          </form>
        </section>
      </div>
      <CsvForm
        heading="Upload codes"
        headingId="upload-heading"
        action={`/console/programs/${program.id}/reward-codes`}
        csrf={props.csrf}
        fileId="codes-file"
        fileLabel="CSV file of codes"
        button="Upload the codes"
      >
        A CSV file with one code a line (a first line <code>code</code> is skipped), up to 100,000 codes; codes already in the pool are not
        added twice. A bad line adds nothing.
      </CsvForm>
    </>
  );
}
