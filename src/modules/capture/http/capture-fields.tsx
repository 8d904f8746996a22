import type { ComponentChildren } from 'preact';
import type { FieldErrors, Step } from '../domain/capture.ts';
import type { Frame } from './capture-layout.tsx';

/** A field's error text; an unknown code shows as itself rather than nothing. */
const errorText = (f: Frame, code: string) => f.t.errors[code] ?? code;

/** The list of a step's errors at the top, each linking to its field; focusable so the page can move there. */
export function ErrorSummary({
  f,
  errors,
  labels,
  anchor = (k) => k,
}: {
  f: Frame;
  errors: FieldErrors;
  labels: Record<string, string>;
  /** The id of the field an error's link leads to (by default the error's key). */
  anchor?: (key: string) => string;
}) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="errors" role="alert" tabindex={-1} id="errors">
      <strong>{f.t.errorsTitle}</strong>
      <ul>
        {entries.map(([k, v]) => (
          <li>
            <a href={`#${anchor(k)}`}>{labels[k] ?? k}</a>
            {`: ${errorText(f, v)}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The error below a field; `id` lets the field point at it with aria-describedby. */
export function FieldError({ f, code, id }: { f: Frame; code: string | undefined; id?: string }) {
  if (!code) return null;
  return (
    <p class="field-error" id={id}>
      {errorText(f, code)}
    </p>
  );
}

export interface InputProps {
  f: Frame;
  name: string;
  label: string;
  value: unknown;
  errors: FieldErrors;
  type?: 'text' | 'date';
  required?: boolean;
  autocomplete?: string;
  hint?: string;
}

/** A labelled one-line input, with its hint and error tied to it for screen readers. */
export function Input({ f, name, label, value, errors, type = 'text', required, autocomplete, hint }: InputProps) {
  const err = errors[name];
  const described = [hint ? `${name}-hint` : '', err ? `${name}-error` : ''].filter(Boolean).join(' ');
  const attrs = {
    id: name,
    name,
    value: String(value ?? ''),
    required,
    autocomplete,
    'aria-describedby': described || undefined,
    'aria-invalid': err ? ('true' as const) : undefined,
  };
  return (
    <>
      <label for={name}>{label}</label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {type === 'date' ? <input type="date" {...attrs} /> : <input type="text" {...attrs} />}
      <FieldError f={f} code={err} id={`${name}-error`} />
    </>
  );
}

/** A step's form: posts to the step's address with the CSRF token. */
export function StepForm({ f, csrf, action, children }: { f: Frame; csrf: string; action: string; children: ComponentChildren }) {
  return (
    <form method="post" action={`/verify/${f.token}/${action}`}>
      {children}
      <input type="hidden" name="csrf" value={csrf} />
    </form>
  );
}

/** The link back to an earlier step. */
export function BackLink({ f, step }: { f: Frame; step: Step }) {
  return (
    <a class="back" href={`/verify/${f.token}?step=${step}`}>
      {`\u2190 ${f.t.back}`}
    </a>
  );
}
