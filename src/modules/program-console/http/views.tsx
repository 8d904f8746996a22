import type { ComponentChildren } from 'preact';
import { CsrfField } from '../../../platform/html/console-page.tsx';

/** Pieces the program pages share: a program's sub-navigation, the findings of a refused form, a CSV upload. */

const PROGRAM_PAGES = [
  { key: 'settings', label: 'Settings', path: '' },
  { key: 'theme', label: 'Theme and messages', path: '/theme' },
  { key: 'reward-codes', label: 'Reward codes', path: '/reward-codes' },
] as const;
export type ProgramPage = (typeof PROGRAM_PAGES)[number]['key'];

export const ProgramNav = ({ programId, current }: { programId: string; current: ProgramPage }) => (
  <nav aria-label="Program" class="actions">
    {PROGRAM_PAGES.map((p) => (
      <a
        key={p.key}
        href={`/console/programs/${programId}${p.path}`}
        class={p.key === current ? 'button' : 'button secondary'}
        aria-current={p.key === current ? 'page' : undefined}
      >
        {p.label}
      </a>
    ))}
  </nav>
);

/** The page's heading with a way back to the list. */
export const Heading = ({ children }: { children: ComponentChildren }) => (
  <>
    <p>
      <a href="/console/programs">Programs</a>
    </p>
    <h1>{children}</h1>
  </>
);

/** Why a form was refused: one line a finding. */
export const Findings = ({ findings, intro = 'Nothing was saved:' }: { findings: string[] | null; intro?: string }) =>
  findings && findings.length > 0 ? (
    <div class="notice bad" role="alert">
      <p class="error">{intro}</p>
      <ul>
        {findings.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
    </div>
  ) : null;

export const ModeTag = ({ testMode }: { testMode: boolean }) => (
  <span class={testMode ? 'muted' : undefined}>{testMode ? 'Test' : 'Live'}</span>
);

/**
 * A CSV file's upload under its own heading: `children` say what the file holds; `before` (a refusal) and
 * `after` (more fields) stand in the form before the hint and after the file.
 */
export const CsvForm = (props: {
  heading: string;
  headingId: string;
  action: string;
  csrf: string;
  fileId: string;
  fileLabel: string;
  button: string;
  before?: ComponentChildren;
  after?: ComponentChildren;
  children: ComponentChildren;
}) => (
  <>
    <h2 id={props.headingId}>{props.heading}</h2>
    <form method="post" action={props.action} enctype="multipart/form-data" class="card" aria-labelledby={props.headingId}>
      <CsrfField csrf={props.csrf} />
      {props.before}
      <p class="muted">{props.children}</p>
      <label for={props.fileId}>{props.fileLabel}</label>
      <input id={props.fileId} name="file" type="file" accept=".csv,.txt,text/csv,text/plain" />
      {props.after}
      <div class="actions">
        <button type="submit">{props.button}</button>
      </div>
    </form>
  </>
);
