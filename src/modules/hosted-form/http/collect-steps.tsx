import { MILITARY_STATUS_CHOICES, personFields } from '../domain/form-fields.ts';
import { type FieldContext, FieldErrors, PersonField } from './fields.tsx';
import { byField, ErrorSummary, Heading, messagesOf, StepForm, type StepView } from './step-view.tsx';
import { fmt } from './texts.ts';

// The steps that collect: a segment's person step, the military status, documents.

export function PersonStep({ view }: { view: StepView }) {
  const m = messagesOf(view);
  const segment = (m.segment as Record<string, string>)[view.theme.config.segment] ?? view.theme.config.segment;
  const consent = view.theme.config.marketConsent;
  const specs = personFields(view.step, { phoneNumber: view.theme.smsLoopEnabled, marketConsent: consent.enabled });
  const ctx: FieldContext = {
    m,
    locale: view.theme.intl.locale,
    values: view.values,
    errors: byField(view.errors),
    countries: view.theme.config.countries,
    consentMessage: consent.message,
  };
  return (
    <>
      <Heading title={fmt(m.step.personalInfo.title, { segment })} subtitle={m.step.personalInfo.subtitle} />
      <ErrorSummary view={view} />
      <StepForm view={view}>
        {specs.map((spec) => (
          <PersonField spec={spec} ctx={ctx} />
        ))}
        <button type="submit">{m.step.personalInfo.submitButtonLabel}</button>
      </StepForm>
    </>
  );
}

export function MilitaryStatus({ view }: { view: StepView }) {
  const m = messagesOf(view);
  const offered = view.v?.availableStatuses ?? MILITARY_STATUS_CHOICES;
  const errors = byField(view.errors).status;
  return (
    <>
      <Heading title={m.step.collectMilitaryStatus.title} subtitle={m.step.collectMilitaryStatus.subtitle} />
      <ErrorSummary view={view} />
      <StepForm view={view}>
        <fieldset class="vf-field" data-field="status" aria-invalid={errors ? true : undefined}>
          <legend>{m.field.statuses}</legend>
          {offered.map((s, i) => (
            <label class="vf-choice">
              <input
                type="radio"
                name="status"
                value={s}
                id={i === 0 ? 'vf-status' : undefined}
                required
                checked={view.values.status === s}
              />
              {(m.form.status as Record<string, string>)[s] ?? s}
            </label>
          ))}
          <FieldErrors id="vf-status" ids={errors} m={m} />
        </fieldset>
        <button type="submit">{m.form.continue}</button>
      </StepForm>
    </>
  );
}

export function DocUpload({ view }: { view: StepView }) {
  const m = messagesOf(view);
  const d = m.step.docUpload;
  const segment = (m.segment as Record<string, string>)[view.theme.config.segment] ?? '';
  const reasons = view.v?.rejectionReasons ?? [];
  return (
    <>
      <Heading title={d.title} subtitle={fmt(d.subtitle, { segment })} />
      {reasons.length > 0 ? (
        <div class="vf-summary" role="alert">
          <ul>
            {reasons.map((r) => (
              <li>{(d.rejectionReasons as Record<string, string>)[r] ?? r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorSummary view={view} />
      <StepForm view={view}>
        <div class="vf-field" data-field="files">
          <label for="vf-files">{m.form.upload.choose}</label>
          <p class="vf-hint" id="vf-files-hint">
            {d.acceptedTypes}
          </p>
          <input
            id="vf-files"
            type="file"
            name="files"
            multiple
            accept="image/jpeg,image/png,image/gif,image/bmp,application/pdf"
            aria-describedby="vf-files-hint vf-files-problems"
          />
          <p class="vf-field-error" id="vf-files-problems" aria-live="polite" />
          <ul class="vf-files" id="vf-file-list" />
        </div>
        <button type="submit">{d.submitButtonLabel}</button>
        <p class="vf-hint">{d.footer}</p>
      </StepForm>
    </>
  );
}
