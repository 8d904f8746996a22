import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import { ESTIMATED_REVIEW_TIMES, LOCALES, MAX_REVIEW_TIMES, SEGMENT_NAMES, SEGMENTS } from '../../eligibility-terms/index.ts';
import { ORGANIZATION_TYPES } from '../../organizations/index.ts';
import { OFFER_TYPES, type Program } from '../../programs/index.ts';
import { ABUSE_COUNTS, type FormFields } from '../domain/program-form.ts';
import { Area, Check, Choice, Text } from './fields.tsx';
import { Findings, Heading, ProgramNav } from './views.tsx';

const OFFERS: [string, string][] = OFFER_TYPES.map((o) => [
  o,
  {
    staticCode: 'The same code for everyone',
    autogenCode: 'A code made for each person',
    noCode: 'No code',
    rewardPool: 'A code from the uploaded pool',
  }[o],
]);
const ABUSE_LABELS: Record<(typeof ABUSE_COUNTS)[number], string> = {
  perPersonPerDay: 'Attempts per person a day',
  perDevicePerDay: 'Attempts per device a day',
  perEmailPerDay: 'Attempts per email address a day',
  perIpPerHour: 'Attempts per IP address an hour',
};

/** A new program's form, or a program's settings (its segment is fixed once made). */
export function ProgramFormPage(props: {
  csrf: string;
  program: Program | null;
  form: FormFields;
  findings: string[] | null;
  notice?: string | null;
}) {
  const { form, program } = props;
  const subSegments = program ? (SEGMENTS[program.segment]?.subSegments ?? []) : [];
  return (
    <>
      <Heading>{program ? program.name : 'New program'}</Heading>
      {program && <ProgramNav programId={program.id} current="settings" />}
      <Notices notice={props.notice} />
      <form method="post" action={program ? `/console/programs/${program.id}` : '/console/programs'} class="card">
        <CsrfField csrf={props.csrf} />
        <Findings findings={props.findings} />
        <fieldset>
          <legend>Program</legend>
          <div class="cards">
            <Text name="name" label="Name" form={form} required hint="Shown to people as the company name in the form's texts." />
            {program ? (
              <dl class="facts">
                <dt>Segment</dt>
                <dd>{program.segment}</dd>
              </dl>
            ) : (
              <Choice
                name="segment"
                label="Segment"
                form={form}
                options={[['', 'Choose a segment'], ...SEGMENT_NAMES.map((s): [string, string] => [s, s])]}
              />
            )}
            <Text
              name="subSegments"
              label="Sub-segments"
              form={form}
              hint={
                program
                  ? subSegments.length
                    ? `Some of: ${subSegments.join(', ')}; empty for all.`
                    : 'This segment has none.'
                  : 'Comma-separated, among the segment\u2019s; empty for all.'
              }
            />
          </div>
          <fieldset>
            <legend>Mode</legend>
            <label class="check" for="mode-test">
              <input id="mode-test" type="radio" name="mode" value="test" checked={form.mode !== 'live'} />
              Test: test rules instead of data sources
            </label>
            <label class="check" for="mode-live">
              <input id="mode-live" type="radio" name="mode" value="live" checked={form.mode === 'live'} />
              Live
            </label>
          </fieldset>
          <div class="cards">
            <Text name="startDate" label="Start (UTC)" type="datetime-local" form={form} hint="Empty: open now." />
            <Text name="endDate" label="End (UTC)" type="datetime-local" form={form} hint="Empty: no end." />
          </div>
        </fieldset>
        <fieldset>
          <legend>Offer</legend>
          <div class="cards">
            <Choice name="offerType" label="Offer type" form={form} options={OFFERS} />
            <Text name="staticCode" label="Static code" form={form} hint="Required for the same code for everyone." />
            <Text
              name="consolationRewardCode"
              label="Consolation code"
              form={form}
              hint="Given to people who are not approved; empty for none."
            />
            <Text name="redirectUrl" label="Redirect URL" type="url" form={form} hint="Where people go after the form; empty for none." />
          </div>
        </fieldset>
        <fieldset>
          <legend>Audience</legend>
          <div class="cards">
            <Text name="countries" label="Countries" form={form} hint="Two-letter codes, comma-separated (US, CA)." />
            <fieldset>
              <legend>Languages</legend>
              {LOCALES.map((l) => (
                <Check key={l} name={`locale.${l}`} label={l} form={form} />
              ))}
            </fieldset>
            <Text name="minAge" label="Minimum age" type="number" form={form} hint="Empty: the segment's default." />
            <Text name="maxAge" label="Maximum age" type="number" form={form} hint="Empty: none." />
            <Text
              name="orgTypes"
              label="Organization types"
              form={form}
              hint={`Comma-separated among ${ORGANIZATION_TYPES.join(', ')}; empty: the segment's.`}
            />
            <Text name="affiliations" label="Affiliations" form={form} hint="Roster affiliations accepted, comma-separated; empty: any." />
            <Text name="metadataKeys" label="Metadata keys" form={form} hint="Comma-separated." />
            <Area
              name="allowedDomains"
              label="Allowed domains"
              form={form}
              hint="Sites that may start verifications and embed the form, one a line; empty: any."
            />
          </div>
          <Check
            name="openOrgSearchEnabled"
            label="Let people type an organization that is not listed (goes to document review)"
            form={form}
          />
          <Check name="requireBackendCreation" label="Verifications are created only with a VERIFIER token" form={form} />
          <Check name="marketplace" label="Marketplace verifications" form={form} />
        </fieldset>
        <fieldset>
          <legend>Data sources and loops</legend>
          <div class="cards">
            <Choice
              name="emailLoop"
              label="Email loop"
              form={form}
              options={[
                ['off', 'Off'],
                ['always', 'After every accepted step'],
                ['domain', 'When the email is at the organization\u2019s domain'],
              ]}
            />
          </div>
          <Check name="emailLoopCancellable" label="People may leave the email loop for documents" form={form} />
          <Check name="smsLoop" label="SMS loop" form={form} />
          <Check name="idCheckLoop" label="ID check before documents" form={form} />
          <Check name="collectSocialSecurityNumber" label="Ask military people their social security number before documents" form={form} />
          <Check name="ssoCancellable" label="People may skip their organization's sign-in for documents" form={form} />
          <Check name="rememberMe" label="Remember people verified before" form={form} />
          <Check name="marketConsent.enabled" label="Ask for marketing consent" form={form} />
          <Check name="marketConsent.required" label="Marketing consent is required" form={form} />
          <Area name="marketConsent.message" label="Marketing consent text" form={form} rows={2} />
        </fieldset>
        <fieldset>
          <legend>Document review</legend>
          <div class="cards">
            <Choice name="maxReviewTime" label="Review time" form={form} options={MAX_REVIEW_TIMES} />
            <Choice name="estimatedReviewTime" label="Review time told to people" form={form} options={ESTIMATED_REVIEW_TIMES} />
            <Text name="maxDocUploadAttempts" label="Document upload attempts" type="number" form={form} hint="1 to 10." />
            <Text name="maxFileSizeBytes" label="Largest file (bytes)" type="number" form={form} />
            <Text name="documentRetentionDays" label="Document retention (days after the decision)" type="number" form={form} />
            <Text name="maxOverrideAttempts" label="Override code attempts" type="number" form={form} />
          </div>
        </fieldset>
        <fieldset>
          <legend>Abuse</legend>
          <div class="cards">
            {ABUSE_COUNTS.map((k) => (
              <Text key={k} name={`abuse.${k}`} label={ABUSE_LABELS[k]} type="number" form={form} hint="0: no limit." />
            ))}
          </div>
          <Check name="abuse.refuseDisposableEmails" label="Refuse disposable email addresses" form={form} />
          <Check name="abuse.refuseDuplicateDocuments" label="Refuse documents already sent for another person" form={form} />
        </fieldset>
        <div class="actions">
          <button type="submit">{program ? 'Save the settings' : 'Create the program'}</button>
          <a href="/console/programs">Cancel</a>
        </div>
      </form>
    </>
  );
}
