import type { ComponentChildren } from 'preact';

/** Pieces the program pages share: a program's sub-navigation, notices, the findings of a refused form. */

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

export const Notice = ({ message }: { message: string | null | undefined }) =>
  message ? (
    <div class="notice" role="status">
      <p>{message}</p>
    </div>
  ) : null;

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
