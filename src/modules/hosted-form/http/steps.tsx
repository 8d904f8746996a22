import { isPersonStep } from '../domain/form-fields.ts';
import { DocUpload, MilitaryStatus, PersonStep } from './collect-steps.tsx';
import { IdCheck, OneValueStep, Sso } from './loop-steps.tsx';
import { Consolation, ErrorStep, Pending, Success } from './outcome-steps.tsx';
import { messagesOf, type StepView } from './step-view.tsx';
import { fmt } from './texts.ts';

export type { StepView } from './step-view.tsx';

/** The view of the verification's current step. */
export function Step({ view }: { view: StepView }) {
  const m = messagesOf(view);
  const step = view.step;
  if (isPersonStep(step)) return <PersonStep view={view} />;
  switch (step) {
    case 'collectMilitaryStatus':
      return <MilitaryStatus view={view} />;
    case 'docUpload':
      return <DocUpload view={view} />;
    case 'pending':
      return <Pending view={view} />;
    case 'success':
      return <Success view={view} />;
    case 'consolation':
      return <Consolation view={view} />;
    case 'error':
      return <ErrorStep view={view} />;
    case 'emailLoop':
      return (
        <OneValueStep
          view={view}
          title={m.step.emailLoop.title}
          subtitle={fmt(m.step.emailLoop.subtitle, { email: view.values.email || m.field.email })}
          name="emailToken"
          label={m.form.codeLabel}
          errorField="code"
          autocomplete="one-time-code"
          resend={view.v?.canResendEmailLoop === false ? undefined : m.form.resendEmail}
          cancel={view.v?.cancelUrl ? m.form.useDocumentsInstead : undefined}
        />
      );
    case 'smsLoop':
      return (
        <OneValueStep
          view={view}
          title={m.form.smsLoop.title}
          subtitle={m.form.smsLoop.subtitle}
          name="smsCode"
          label={m.form.codeLabel}
          errorField="code"
          autocomplete="one-time-code"
          resend={m.form.resendSms}
        />
      );
    case 'collectSocialSecurityNumber':
      return (
        <OneValueStep
          view={view}
          title={m.form.collectSocialSecurityNumber.title}
          subtitle={m.form.collectSocialSecurityNumber.subtitle}
          name="socialSecurityNumber"
          label={m.field.socialSecurityNumber}
          errorField="socialSecurityNumber"
          autocomplete="off"
          cancel={m.form.collectSocialSecurityNumber.skip}
        />
      );
    case 'idCheckLoop':
      return <IdCheck view={view} />;
    case 'sso':
      return <Sso view={view} />;
    default:
      // Steps an integration drives itself (Remember-Me, the marketplace token): the form cannot ask them.
      return <ErrorStep view={{ ...view, v: view.v ? { ...view.v, errorIds: ['invalidStep'] } : null }} />;
  }
}
