import { Code, Heading, messagesOf, type StepView } from './step-view.tsx';
import { errorText, fmt } from './texts.ts';

// The steps that wait or end: review under way, success, consolation, error.

export function Pending({ view }: { view: StepView }) {
  const m = messagesOf(view);
  const time = (m.dateTime as Record<string, string>)[view.v?.estimatedReviewTime ?? view.theme.config.estimatedReviewTime] ?? '';
  return (
    <div data-poll={view.v?.verificationId ?? ''}>
      <Heading title={m.step.pending.title} subtitle={fmt(m.step.pending.subtitle, { estimatedReviewTime: time })} />
      <p class="vf-hint" role="status">
        {m.form.pendingChecking}
      </p>
    </div>
  );
}

export function Success({ view }: { view: StepView }) {
  const m = messagesOf(view);
  return (
    <>
      <Heading title={m.step.success.title} subtitle={fmt(m.step.success.subtitle, { companyName: m.companyName })} />
      {view.v?.rewardCode ? <Code label={m.form.rewardCodeLabel} code={view.v.rewardCode} m={m} /> : null}
      {view.v?.redirectUrl ? (
        <a class="vf-button" href={view.v.redirectUrl} target="_top">
          {m.step.success.redirectButtonText}
        </a>
      ) : null}
    </>
  );
}

export function Consolation({ view }: { view: StepView }) {
  const m = messagesOf(view);
  return (
    <>
      <Heading title={m.step.consolation.title} subtitle={fmt(m.step.consolation.subtitle, { companyName: m.companyName })} />
      {view.v?.consolationRewardCode ? <Code label={m.form.consolationCodeLabel} code={view.v.consolationRewardCode} m={m} /> : null}
    </>
  );
}

export function ErrorStep({ view }: { view: StepView }) {
  const m = messagesOf(view);
  const reasons = view.v?.errorIds ?? [];
  return (
    <>
      <Heading
        title={m.step.error.title}
        subtitle={reasons.length ? reasons.map((e) => errorText(m, e)).join(' ') : m.step.error.subtitle}
      />
      <a
        class="vf-button"
        href={`/form/${view.programId}?${new URLSearchParams(view.carried._locale ? { locale: view.carried._locale } : {})}`}
      >
        {m.form.startOver}
      </a>
    </>
  );
}
