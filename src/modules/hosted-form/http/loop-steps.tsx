import { byField, ErrorSummary, Heading, messagesOf, StepForm, type StepView } from './step-view.tsx';
import { FieldErrors } from './fields.tsx';
import { fmt } from './texts.ts';

// The other ways of proof: the email and SMS loops, the ID check, single sign-on, the social security number.

/** A step answered with one number (a code, the social security number), with the step's other actions beside it. */
export function OneValueStep(props: {
  view: StepView;
  title: string;
  subtitle: string;
  name: string;
  label: string;
  errorField: string;
  /** The browser's autofill hint: a mailed or texted code, or nothing to fill in (`off`). */
  autocomplete: 'one-time-code' | 'off';
  resend?: string;
  cancel?: string;
}) {
  const { view } = props;
  const m = messagesOf(view);
  const errors = byField(view.errors)[props.errorField];
  const id = `vf-${props.errorField}`;
  return (
    <>
      <Heading title={props.title} subtitle={props.subtitle} />
      <ErrorSummary view={view} />
      <StepForm view={view}>
        <div class="vf-field" data-field={props.errorField}>
          <label for={id}>{props.label}</label>
          <input
            id={id}
            type="text"
            name={props.name}
            inputmode="numeric"
            autocomplete={props.autocomplete}
            required
            aria-invalid={errors ? true : undefined}
            aria-describedby={errors ? `${id}-error` : undefined}
          />
          <FieldErrors id={id} ids={errors} m={m} />
        </div>
        <button type="submit" name="_action" value="submit">
          {m.form.continue}
        </button>
        {props.resend ? (
          <button type="submit" class="vf-secondary" name="_action" value="resend" data-action="resend">
            {props.resend}
          </button>
        ) : null}
        {props.cancel ? (
          <button type="submit" class="vf-secondary" name="_action" value="cancel" data-action="cancel">
            {props.cancel}
          </button>
        ) : null}
      </StepForm>
    </>
  );
}

export function IdCheck({ view }: { view: StepView }) {
  const m = messagesOf(view);
  const t = m.form.idCheckLoop;
  return (
    <>
      <Heading title={t.title} subtitle={t.subtitle} />
      <ErrorSummary view={view} />
      <StepForm view={view}>
        <div class="vf-field">
          <label for="vf-documentType">{t.documentType}</label>
          <select id="vf-documentType" name="documentType" required>
            <option value="passport">{t.passport}</option>
            <option value="idCard" selected={view.values.documentType === 'idCard'}>
              {t.idCard}
            </option>
          </select>
        </div>
        <div class="vf-field">
          <label for="vf-mrz">{t.mrz}</label>
          <p class="vf-hint" id="vf-mrz-hint">
            {t.mrzHint}
          </p>
          <textarea id="vf-mrz" name="mrz" rows={3} required spellcheck={false} autocapitalize="characters" aria-describedby="vf-mrz-hint">
            {view.values.mrz ?? ''}
          </textarea>
        </div>
        <button type="submit" name="_action" value="submit">
          {m.form.continue}
        </button>
        <button type="submit" class="vf-secondary" name="_action" value="cancel" data-action="cancel">
          {m.form.useDocumentsInstead}
        </button>
      </StepForm>
    </>
  );
}

export function Sso({ view }: { view: StepView }) {
  const m = messagesOf(view);
  return (
    <>
      <Heading title={m.step.sso.title} subtitle={fmt(m.step.sso.subtitle, { organization: view.values['organization.name'] ?? '' })} />
      {view.v?.loginUrl ? (
        <a class="vf-button" href={view.v.loginUrl} target="_top">
          {m.step.sso.login}
        </a>
      ) : null}
      <StepForm view={view}>
        <button type="submit" class="vf-secondary" name="_action" value="cancel" data-action="cancel">
          {m.form.useDocumentsInstead}
        </button>
      </StepForm>
    </>
  );
}
