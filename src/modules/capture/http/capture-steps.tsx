import type { Profile } from '../../client-requests/index.ts';
import { COUNTRIES, DOCUMENT_TYPES, type CaptureData, type FieldErrors, type Step } from '../domain/capture.ts';
import type { ImageRow } from '../infra/capture-repository.ts';
import { BackLink, ErrorSummary, FieldError, Input, StepForm } from './capture-fields.tsx';
import { type Frame, layout } from './capture-layout.tsx';
import { PhotosStep, ReviewStep } from './capture-photos.tsx';
import { When } from './dates.tsx';

/** What a step's page shows: what is stored, what was just posted (shown again on errors), and its errors. */
export interface StepView {
  step: Step;
  data: CaptureData;
  images: ImageRow[];
  profile: Profile;
  errors: FieldErrors;
  form: Record<string, unknown>;
  csrf: string;
  /** When the link stops working. */
  linkEnd: Date;
}

/** A step's props: the frame, the view, and the value to show for a field (posted value first). */
export interface StepProps {
  f: Frame;
  v: StepView;
  val: (k: string, fallback: unknown) => unknown;
}

function PrivacyStep({ f, v }: StepProps) {
  const t = f.t;
  const org = f.org || t.theOrg;
  return (
    <>
      <ErrorSummary f={f} errors={v.errors} labels={{ accept: t.privacyAccept }} />
      <p>{t.privacyIntro(org, f.file)}</p>
      <p>{t.privacyNeed}</p>
      <section class="card" aria-labelledby="pn">
        <h2 id="pn">{t.privacyNoticeTitle}</h2>
        {/* The summary first, so the tick box and Continue fit on a phone's first screen; the full text on request. */}
        <p>{t.privacySummary(org)}</p>
        <details>
          <summary>{t.privacyReadMore}</summary>
          {t.privacyNotice(org).map((p) => (
            <p key={p}>{p}</p>
          ))}
        </details>
      </section>
      <StepForm f={f} csrf={v.csrf} action="privacy">
        <div class="check">
          <input type="checkbox" id="accept" name="accept" value="yes" required checked={Boolean(v.data.privacyAcceptedAt)} />
          <label for="accept">{t.privacyAccept}</label>
        </div>
        <FieldError f={f} code={v.errors.accept} />
        <button type="submit">{t.continue}</button>
      </StepForm>
      <p class="hint">{t.linkUntil(<When lang={f.lang} at={v.linkEnd} />)}</p>
    </>
  );
}

function IdentityStep({ f, v, val }: StepProps) {
  const t = f.t;
  const d = v.data.identity ?? {
    firstName: v.profile.firstName,
    middleName: v.profile.middleName,
    lastName: v.profile.lastName,
    dateOfBirth: v.profile.dateOfBirth ?? '',
  };
  const labels = { firstName: t.firstName, middleName: t.middleName, lastName: t.lastName, dateOfBirth: t.dateOfBirth };
  const field = { f, errors: v.errors };
  return (
    <>
      <ErrorSummary f={f} errors={v.errors} labels={labels} />
      <p>{t.identityHint}</p>
      <StepForm f={f} csrf={v.csrf} action="identity">
        <Input {...field} name="firstName" label={t.firstName} value={val('firstName', d.firstName)} required autocomplete="given-name" />
        <Input
          {...field}
          name="middleName"
          label={t.middleName}
          value={val('middleName', d.middleName ?? '')}
          autocomplete="additional-name"
        />
        <Input {...field} name="lastName" label={t.lastName} value={val('lastName', d.lastName)} required autocomplete="family-name" />
        <Input
          {...field}
          name="dateOfBirth"
          label={t.dateOfBirth}
          value={val('dateOfBirth', d.dateOfBirth)}
          type="date"
          required
          autocomplete="bday"
        />
        <button type="submit">{t.continue}</button>
      </StepForm>
      <BackLink f={f} step="privacy" />
    </>
  );
}

function DocumentStep({ f, v, val }: StepProps) {
  const t = f.t;
  const d = v.data.document;
  const type = val('type', d?.type ?? '');
  const labels = { type: t.documentType, number: t.documentNumber, issuingCountry: t.issuingCountry, expiryDate: t.expiryDate, mrz: t.mrz };
  const field = { f, errors: v.errors };
  return (
    <>
      <ErrorSummary f={f} errors={v.errors} labels={labels} />
      <StepForm f={f} csrf={v.csrf} action="document">
        <fieldset id="type" aria-invalid={v.errors.type ? 'true' : undefined}>
          <legend>{t.documentType}</legend>
          {DOCUMENT_TYPES.map((k) => (
            <label class="radio">
              <input type="radio" name="type" value={k} checked={type === k} required />
              {t.documentTypes[k]}
            </label>
          ))}
        </fieldset>
        <FieldError f={f} code={v.errors.type} />
        <Input {...field} name="number" label={t.documentNumber} value={val('number', d?.number ?? '')} required autocomplete="off" />
        <Input {...field} name="issuingCountry" label={t.issuingCountry} value={val('issuingCountry', d?.issuingCountry ?? '')} required />
        <Input {...field} name="expiryDate" label={t.expiryDate} value={val('expiryDate', d?.expiryDate ?? '')} type="date" required />
        <label for="mrz">{t.mrz}</label>
        <p class="hint" id="mrz-hint">
          {t.mrzHint}
        </p>
        <textarea
          id="mrz"
          name="mrz"
          rows={3}
          wrap="off"
          autocapitalize="characters"
          autocomplete="off"
          spellcheck={false}
          aria-describedby={v.errors.mrz ? 'mrz-hint mrz-error' : 'mrz-hint'}
          value={String(val('mrz', d?.mrz ?? '') ?? '')}
        />
        <FieldError f={f} code={v.errors.mrz} id="mrz-error" />
        <button type="submit">{t.continue}</button>
      </StepForm>
      <BackLink f={f} step="identity" />
    </>
  );
}

function AddressStep({ f, v, val }: StepProps) {
  const t = f.t;
  const a = v.data.address;
  const code = String(val('countryCode', a?.countryCode ?? 'CA'));
  const labels = {
    address: t.address,
    city: t.city,
    province: t.province,
    postalCode: t.postalCode,
    countryCode: t.countryCode,
    country: t.countryOther,
  };
  const field = { f, errors: v.errors };
  return (
    <>
      <ErrorSummary f={f} errors={v.errors} labels={labels} />
      <StepForm f={f} csrf={v.csrf} action="address">
        <Input
          {...field}
          name="address"
          label={t.address}
          value={val('address', a?.address ?? '')}
          required
          autocomplete="street-address"
        />
        <Input {...field} name="city" label={t.city} value={val('city', a?.city ?? '')} required autocomplete="address-level2" />
        <Input {...field} name="province" label={t.province} value={val('province', a?.province ?? '')} autocomplete="address-level1" />
        <Input
          {...field}
          name="postalCode"
          label={t.postalCode}
          value={val('postalCode', a?.postalCode ?? '')}
          required
          autocomplete="postal-code"
        />
        <label for="countryCode">{t.countryCode}</label>
        <select id="countryCode" name="countryCode" autocomplete="country">
          {Object.keys(COUNTRIES).map((c) => (
            <option value={c} selected={c === code}>
              {t.countries[c]}
            </option>
          ))}
        </select>
        <Input
          {...field}
          name="country"
          label={t.countryOther}
          value={val('country', a && a.countryCode === 'OTHER' ? a.country : '')}
          autocomplete="country-name"
        />
        <button type="submit">{t.continue}</button>
      </StepForm>
      <BackLink f={f} step="photos" />
    </>
  );
}

const STEP_PAGES = {
  privacy: { Body: PrivacyStep, title: 'privacyTitle' },
  identity: { Body: IdentityStep, title: 'identityTitle' },
  document: { Body: DocumentStep, title: 'documentTitle' },
  photos: { Body: PhotosStep, title: 'photosTitle' },
  address: { Body: AddressStep, title: 'addressTitle' },
  review: { Body: ReviewStep, title: 'reviewTitle' },
} as const;

/** The page of one step of the capture flow. */
export function renderStep(f: Frame, v: StepView): string {
  const { Body, title } = STEP_PAGES[v.step];
  const val = (k: string, fallback: unknown) => (v.form[k] !== undefined ? v.form[k] : fallback);
  return layout(f, f.t[title], <Body f={f} v={v} val={val} />, v.step);
}
