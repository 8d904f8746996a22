import type { ThemeMessages } from '../../programs/index.ts';
import type { FieldSpec } from '../domain/form-fields.ts';
import { countryName, errorText, fmt } from './texts.ts';

/** What a field needs to render: the theme's texts, the value to show again, and its errors. */
export interface FieldContext {
  m: ThemeMessages;
  locale: string;
  values: Record<string, string>;
  /** errorIds by the field they belong to. */
  errors: Record<string, string[]>;
  countries: string[];
  consentMessage: string;
}

const fieldLabel = (m: ThemeMessages, field: string) =>
  field === 'activeDutyStartDate' ? m.form.activeDutyStartDate : ((m.field as Record<string, string>)[field] ?? field);

/** The errors of one field, below it; the input points at them with aria-describedby. */
export function FieldErrors({ id, ids, m }: { id: string; ids: string[] | undefined; m: ThemeMessages }) {
  if (!ids?.length) return null;
  return (
    <p class="vf-field-error" id={`${id}-error`}>
      {ids.map((e) => errorText(m, e)).join(' ')}
    </p>
  );
}

const invalid = (ctx: FieldContext, field: string) =>
  ctx.errors[field]?.length ? { 'aria-invalid': true as const, 'aria-describedby': `vf-${field}-error` } : {};

function Label({ spec, ctx }: { spec: FieldSpec; ctx: FieldContext }) {
  return (
    <label for={`vf-${spec.field}`}>
      {fieldLabel(ctx.m, spec.field)}
      {spec.required ? null : <span class="vf-optional"> ({ctx.m.form.optional})</span>}
    </label>
  );
}

/** One field of a person step, named as the API names it (see domain/form-values.ts). */
export function PersonField({ spec, ctx }: { spec: FieldSpec; ctx: FieldContext }) {
  const id = `vf-${spec.field}`;
  const errors = <FieldErrors id={id} ids={ctx.errors[spec.field]} m={ctx.m} />;
  const common = { id, required: spec.required, autocomplete: spec.autocomplete, ...invalid(ctx, spec.field) };
  switch (spec.kind) {
    case 'organization':
      return (
        <div class="vf-field vf-org" data-field="organization">
          <Label spec={spec} ctx={ctx} />
          <p class="vf-hint" id={`${id}-hint`}>
            {ctx.m.form.organizationHint}
          </p>
          <input
            {...common}
            type="text"
            name="organization.name"
            value={ctx.values['organization.name'] ?? ''}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded="false"
            aria-controls={`${id}-list`}
            autocomplete="off"
            aria-describedby={[`${id}-hint`, ctx.errors.organization?.length ? `${id}-error` : ''].filter(Boolean).join(' ')}
          />
          <input type="hidden" name="organization.id:num" value={ctx.values['organization.id:num'] ?? ''} />
          <div id={`${id}-list`} role="listbox" class="vf-options" hidden aria-label={fieldLabel(ctx.m, 'organization')} />
          <p class="vf-hint" hidden data-no-results>
            {ctx.m.form.organizationNoResults}
          </p>
          {errors}
        </div>
      );
    case 'country':
      return (
        <div class="vf-field" data-field="country">
          <Label spec={spec} ctx={ctx} />
          <select {...common} name="country">
            {spec.required ? null : <option value="" />}
            {ctx.countries.map((c) => (
              <option value={c} selected={ctx.values.country === c}>
                {countryName(ctx.locale, c)}
              </option>
            ))}
          </select>
          {errors}
        </div>
      );
    case 'statuses':
      return (
        <fieldset class="vf-field" data-field="statuses" {...invalid(ctx, 'statuses')}>
          <legend>{fieldLabel(ctx.m, 'statuses')}</legend>
          {(spec.choices ?? []).map((c, i) => (
            <label class="vf-choice">
              <input
                type="radio"
                name="statuses[]"
                value={c}
                id={i === 0 ? id : undefined}
                required={spec.required}
                checked={ctx.values['statuses[]'] === c}
              />
              {(ctx.m.form.status as Record<string, string>)[c] ?? c}
            </label>
          ))}
          {errors}
        </fieldset>
      );
    case 'consent':
      return (
        <div class="vf-field vf-check" data-field="marketConsent">
          <input {...common} type="checkbox" name="marketConsent:bool" value="true" checked={ctx.values['marketConsent:bool'] === 'true'} />
          <label for={id}>{fmt(ctx.consentMessage || ctx.m.field.marketConsent, { companyName: ctx.m.companyName })}</label>
          {errors}
        </div>
      );
    default:
      return (
        <div class="vf-field" data-field={spec.field}>
          <Label spec={spec} ctx={ctx} />
          <input
            {...common}
            // Preact's typings take one input type at a time; the kinds here are all single-line text inputs.
            type={spec.kind as 'text'}
            name={spec.field}
            value={ctx.values[spec.field] ?? ''}
            inputmode={spec.field === 'socialSecurityNumber' ? ('numeric' as const) : undefined}
          />
          {errors}
        </div>
      );
  }
}
