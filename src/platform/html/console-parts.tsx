import type { ComponentChildren } from 'preact';
import { CsrfField } from './console-page.tsx';

/** Pieces many console pages show: what a request did or why it was refused, a change behind a second click. */

/**
 * What happened (a status), or why not (an alert): one message, or a refused form's problems as a list.
 * An empty or missing message shows nothing.
 */
export const Notices = ({ notice, error }: { notice?: string | null; error?: string | readonly string[] | null }) => {
  const errors = typeof error === 'string' ? (error ? [error] : []) : (error ?? []);
  return (
    <>
      {notice && (
        <div class="notice" role="status">
          <p>{notice}</p>
        </div>
      )}
      {errors.length > 0 && (
        <div class="notice bad" role="alert">
          {errors.length === 1 ? (
            <p class="error">{errors[0]}</p>
          ) : (
            <>
              <p class="error">The form has {errors.length} problems:</p>
              <ul>
                {errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </>
  );
};

/** A change that needs a second click: the first opens it, the second (a red button) does it. */
export const Confirm = (props: { summary: string; action: string; csrf: string; button: string; children?: ComponentChildren }) => (
  <details>
    <summary>{props.summary}</summary>
    <form method="post" action={props.action}>
      <CsrfField csrf={props.csrf} />
      {props.children}
      <div class="actions">
        <button type="submit" class="danger">
          {props.button}
        </button>
      </div>
    </form>
  </details>
);
