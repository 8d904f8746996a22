import { CsrfField } from '../../../platform/html/console-page.tsx';
import { CLIENT_FIELDS, type ClientValues } from '../domain/client-form.ts';

/** Pieces the client file pages share: statuses in words, a client's fields, a form of one button. */

/** A request's status in words (the API's own values stay beside them on the request page). */
const REQUEST_WORDS: Record<string, string> = {
  pending: 'Waiting for the client',
  Cancelled: 'Cancelled',
  'Review Report': 'Report to review',
  Approved: 'Approved',
  Rejected: 'Rejected',
};
export const requestStatusText = (s: string) => REQUEST_WORDS[s] ?? s;

/** A file's derived status in words; null: no client yet. */
export const fileStatusText = (s: string | null) => s ?? 'No client yet';

/** A link's recorded state in words. */
const LINK_WORDS: Record<string, string> = {
  active: 'Active',
  expired: 'Expired',
  superseded: 'Replaced by a newer link',
  cancelled: 'Cancelled',
  used: 'Used (the client submitted)',
};
export const linkStateText = (s: string) => LINK_WORDS[s] ?? s;

/** What became of a link's mail (`verification-details`' `mailStatus`). */
const MAIL_WORDS: Record<string, string> = {
  pending: 'Being sent',
  sent: 'Sent',
  failed: 'Could not be sent yet (retrying)',
  unsent: 'Not sent (the link ended first)',
};
export const mailText = (s: string | null) => (s === null ? 'Not emailed (delivered by you)' : (MAIL_WORDS[s] ?? s));

/** A text field with its label and, when the last post was refused for it, what is wrong (tied to it for screen readers). */
export function Field(props: {
  name: string;
  label: string;
  value: string;
  problem?: string;
  required?: boolean;
  type?: 'text' | 'email' | 'tel' | 'date';
  autocomplete?: string;
  hint?: string;
}) {
  const id = `f-${props.name.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const described = [props.hint ? `${id}-hint` : null, props.problem ? `${id}-problem` : null].filter(Boolean).join(' ');
  return (
    <div>
      <label for={id}>
        {props.label}
        {props.required ? '' : <span class="muted"> (optional)</span>}
      </label>
      <input
        id={id}
        name={props.name}
        // One element for the four kinds of field (Preact's types tell each kind of input apart).
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        required={props.required}
        autocomplete={props.autocomplete ?? 'off'}
        aria-invalid={props.problem ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      {props.hint && (
        <p id={`${id}-hint`} class="muted">
          {props.hint}
        </p>
      )}
      {props.problem && (
        <p id={`${id}-problem`} class="error">
          {props.problem}
        </p>
      )}
    </div>
  );
}

const INPUT: Partial<Record<string, { type: 'email' | 'tel' | 'date' }>> = {
  email: { type: 'email' },
  phoneNumber: { type: 'tel' },
  dateOfBirth: { type: 'date' },
};

/** A client's fields, named under `prefix`, filled with `values`, each with its problem. */
export function ClientFields(props: { prefix: string; values: ClientValues; problems: Record<string, string>; required?: boolean }) {
  const { prefix, values, problems } = props;
  const languageId = `f-${prefix.replace(/[^A-Za-z0-9-]/g, '-')}language`;
  return (
    <div class="cards">
      {CLIENT_FIELDS.map(([name, label, needed]) =>
        name === 'language' ? (
          <div key={name}>
            <label for={languageId}>{label}</label>
            <select id={languageId} name={`${prefix}language`} aria-invalid={problems[`${prefix}language`] ? 'true' : undefined}>
              <option value="" selected={values.language === ''}>
                The account's default
              </option>
              <option value="en" selected={values.language === 'en'}>
                English
              </option>
              <option value="fr" selected={values.language === 'fr'}>
                French
              </option>
            </select>
            {problems[`${prefix}language`] && <p class="error">{problems[`${prefix}language`]}</p>}
          </div>
        ) : (
          <Field
            key={name}
            name={`${prefix}${name}`}
            label={label}
            value={values[name]}
            problem={problems[`${prefix}${name}`]}
            required={needed && props.required !== false}
            {...(INPUT[name] ?? {})}
          />
        ),
      )}
    </div>
  );
}

/** A form of one button (an action on the page). */
export const ActionButton = (props: { action: string; csrf: string; label: string; secondary?: boolean }) => (
  <form method="post" action={props.action}>
    <CsrfField csrf={props.csrf} />
    <button type="submit" class={props.secondary ? 'secondary' : undefined}>
      {props.label}
    </button>
  </form>
);
