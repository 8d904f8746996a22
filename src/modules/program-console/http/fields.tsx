import type { FormFields } from '../domain/program-form.ts';

/** Form controls that show what the form holds (as stored, or as last posted), each with its label. */

const idOf = (name: string) => `f-${name.replace(/[^A-Za-z0-9-]/g, '-')}`;

export function Text(props: {
  name: string;
  label: string;
  form: FormFields;
  hint?: string;
  type?: 'text' | 'number' | 'url' | 'color' | 'datetime-local';
  required?: boolean;
}) {
  const id = idOf(props.name);
  return (
    <div>
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.form[props.name] ?? ''}
        required={props.required}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      {props.hint && (
        <p id={`${id}-hint`} class="muted">
          {props.hint}
        </p>
      )}
    </div>
  );
}

export function Area(props: { name: string; label: string; form: FormFields; hint?: string; rows?: number; mono?: boolean }) {
  const id = idOf(props.name);
  return (
    <div>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        class={props.mono ? 'mono' : undefined}
        spellcheck={props.mono ? false : undefined}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      >
        {props.form[props.name] ?? ''}
      </textarea>
      {props.hint && (
        <p id={`${id}-hint`} class="muted">
          {props.hint}
        </p>
      )}
    </div>
  );
}

export function Check(props: { name: string; label: string; form: FormFields }) {
  const id = idOf(props.name);
  return (
    <label class="check" for={id}>
      <input id={id} type="checkbox" name={props.name} checked={props.form[props.name] === 'on'} />
      {props.label}
    </label>
  );
}

export function Choice(props: { name: string; label: string; form: FormFields; options: readonly (string | [string, string])[] }) {
  const id = idOf(props.name);
  return (
    <div>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        {props.options.map((o) => {
          const [value, text] = typeof o === 'string' ? [o, o] : o;
          return (
            <option key={value} value={value} selected={props.form[props.name] === value}>
              {text}
            </option>
          );
        })}
      </select>
    </div>
  );
}
