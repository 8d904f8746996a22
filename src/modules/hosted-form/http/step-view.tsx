import type { ComponentChildren } from 'preact';
import type { ThemeMessages } from '../../programs/index.ts';
import { ERROR_FIELDS } from '../domain/form-fields.ts';
import type { Answer, Theme } from './api-client.ts';
import { errorText } from './texts.ts';

// What every step's view is made of: the view's data, the heading, the form, the error summary, a code.

/** Everything a step's view needs. */
export interface StepView {
  programId: string;
  theme: Theme;
  /** The verification, once one exists. */
  v: Answer | null;
  step: string;
  /** Values to show again (by input name): what the person sent, or the embedder's prefill. */
  values: Record<string, string>;
  /** Recoverable errorIds of the last submission. */
  errors: string[];
  /** The form's own fields, carried by every form of the page (`_locale`, `_trackingId`, ...). */
  carried: Record<string, string>;
}

export const messagesOf = (view: StepView) => view.theme.intl.messages;

/** The errors of a submission: a summary first (each linking to its field), announced when it appears. */
export function ErrorSummary({ view }: { view: StepView }) {
  if (view.errors.length === 0) return null;
  const m = messagesOf(view);
  return (
    <div class="vf-summary" role="alert" tabindex={-1} id="vf-summary">
      <p>{m.form.errorSummary}</p>
      <ul>
        {view.errors.map((e) => (
          <li>{ERROR_FIELDS[e] ? <a href={`#vf-${ERROR_FIELDS[e]}`}>{errorText(m, e)}</a> : errorText(m, e)}</li>
        ))}
      </ul>
    </div>
  );
}

/** A form of the step: posted to the form's own route without JavaScript, to the API by the page's script. */
export function StepForm({ view, children, name }: { view: StepView; children: ComponentChildren; name?: string }) {
  return (
    <form method="post" action={`/form/${view.programId}`} data-step={name ?? view.step} novalidate>
      <input type="hidden" name="_step" value={name ?? view.step} />
      {view.v?.verificationId ? <input type="hidden" name="_verificationId" value={view.v.verificationId} /> : null}
      {Object.entries(view.carried).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      {children}
    </form>
  );
}

export function Heading({ title, subtitle }: { title: string; subtitle?: string }) {
  return (
    <>
      <h1 id="vf-title" tabindex={-1}>
        {title}
      </h1>
      {subtitle ? <p class="vf-subtitle">{subtitle}</p> : null}
    </>
  );
}

export const byField = (errors: string[]) => {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const f = ERROR_FIELDS[e];
    if (!f) continue;
    out[f] = out[f] ?? [];
    out[f].push(e);
  }
  return out;
};

export function Code({ label, code, m }: { label: string; code: string; m: ThemeMessages }) {
  return (
    <div class="vf-code">
      <p>
        <span id="vf-code-label">{label}</span>
        <output id="vf-code" aria-labelledby="vf-code-label">
          {code}
        </output>
      </p>
      <button type="button" class="vf-secondary" data-copy="vf-code" data-copied={m.form.copied} hidden>
        {m.form.copy}
      </button>
      <p class="vf-hint" role="status" data-copy-status />
    </div>
  );
}
