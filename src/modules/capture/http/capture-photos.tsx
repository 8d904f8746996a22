import type { ComponentChildren } from 'preact';
import { neededImages, type ImageKind, type Step } from '../domain/capture.ts';
import { BackLink, ErrorSummary, FieldError, StepForm } from './capture-fields.tsx';
import type { StepProps } from './capture-steps.tsx';
import { uploadScript } from './upload-script.ts';
import { Day } from './dates.tsx';

/**
 * One photo to take. The file input is visually hidden behind its label, styled as the button; choosing a
 * photo is the only action, as the script sends it at once. Without the script (no `js` class on the
 * page) the input shows as the browser draws it and the form's own button posts it as multipart.
 */
function PhotoCard({
  f,
  kind,
  received,
  csrf,
  error,
}: Pick<StepProps, 'f'> & { kind: ImageKind; received: boolean; csrf: string; error?: string }) {
  const t = f.t;
  return (
    <section class="card" aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{t.photoLabels[kind]}</h2>
      <p class="hint" id={`${kind}-hint`}>
        {t.photoHints[kind]}
      </p>
      <form
        class="photo"
        method="post"
        action={`/verify/${f.token}/image/${kind}`}
        enctype="multipart/form-data"
        data-kind={kind}
        data-received={received ? 'yes' : undefined}
      >
        <input
          type="file"
          id={`${kind}-file`}
          class="file"
          name="photo"
          accept="image/*"
          capture={kind === 'selfie' ? 'user' : 'environment'}
          aria-describedby={`${kind}-hint ${kind}-status${error ? ` ${kind}-error` : ''}`}
          aria-invalid={error ? 'true' : undefined}
          required
        />
        <label for={`${kind}-file`} class="pick">
          {received ? t.replace : t.choosePhoto}
          <span class="sr">{` \u2014 ${t.photoLabels[kind]}`}</span>
        </label>
        <p class="status" id={`${kind}-status`} role="status" aria-live="polite">
          {received ? <span class="ok">{`\u2713 ${t.uploaded}`}</span> : <span class="todo">{t.notUploaded}</span>}
        </p>
        <FieldError f={f} code={error} id={`${kind}-error`} />
        <input type="hidden" name="csrf" value={csrf} />
        <button type="submit" class="secondary send">
          {t.upload}
          <span class="sr">{` \u2014 ${t.photoLabels[kind]}`}</span>
        </button>
      </form>
    </section>
  );
}

export function PhotosStep({ f, v }: StepProps) {
  const t = f.t;
  const kinds = neededImages(v.data);
  const have = new Set(v.images.map((i) => i.kind));
  const all = kinds.every((k) => have.has(k));
  const labels: Record<string, string> = { ...t.photoLabels, photo: t.photos };
  return (
    <>
      {/* Before the forms, so that they are drawn for the script from the start (no flash of the no-script form). */}
      <script nonce={f.nonce} dangerouslySetInnerHTML={{ __html: "document.documentElement.classList.add('js')" }} />
      <ErrorSummary f={f} errors={v.errors} labels={labels} anchor={(k) => (k in t.photoLabels ? `${k}-file` : 'errors')} />
      <p>{t.photosHint}</p>
      <noscript>
        <p class="hint">{t.noScript}</p>
      </noscript>
      {kinds.map((k) => (
        <PhotoCard f={f} kind={k} received={have.has(k)} csrf={v.csrf} error={v.errors[k]} />
      ))}
      <a class="button" id="photos-next" href={`/verify/${f.token}?step=address`} hidden={!all}>
        {t.continue}
      </a>
      <div id="photos-wait" hidden={all}>
        <button type="button" disabled aria-describedby="need-all">
          {t.continue}
        </button>
        <p class="hint" id="need-all">
          {t.needAll}
        </p>
      </div>
      <BackLink f={f} step="document" />
      <script nonce={f.nonce} dangerouslySetInnerHTML={{ __html: uploadScript(t, v.csrf) }} />
    </>
  );
}

/** One line of the summary: what it is, its value, and a link to change it (a valid `dl` group: dt, dd, dd). */
function Item({ f, label, value, step }: Pick<StepProps, 'f'> & { label: string; value: ComponentChildren; step: Step }) {
  return (
    <div class="row">
      <dt>{label}</dt>
      <dd class="value">{value}</dd>
      <dd class="edit">
        <a href={`/verify/${f.token}?step=${step}`}>
          {f.t.edit}
          <span class="sr">{` ${f.t.stepNames[step]}`}</span>
        </a>
      </dd>
    </div>
  );
}

export function ReviewStep({ f, v }: StepProps) {
  const t = f.t;
  const id = v.data.identity!;
  const doc = v.data.document!;
  const a = v.data.address!;
  const document = (
    <>
      {`${t.documentTypes[doc.type]} ${doc.number} \u2014 ${doc.issuingCountry}, ${t.expiryDate.toLowerCase()} `}
      <Day lang={f.lang} date={doc.expiryDate} />
    </>
  );
  return (
    <>
      <p>{t.reviewHint}</p>
      <section class="card">
        <dl>
          <Item f={f} label={t.name} value={[id.firstName, id.middleName, id.lastName].filter(Boolean).join(' ')} step="identity" />
          <Item f={f} label={t.dateOfBirth} value={<Day lang={f.lang} date={id.dateOfBirth} />} step="identity" />
          <Item f={f} label={t.document} value={document} step="document" />
          <Item f={f} label={t.photos} value={t.photosCount(v.images.length)} step="photos" />
          <Item
            f={f}
            label={t.addressTitle}
            value={[a.address, a.city, a.province, a.postalCode, a.country].filter(Boolean).join(', ')}
            step="address"
          />
        </dl>
      </section>
      <StepForm f={f} csrf={v.csrf} action="submit">
        <button type="submit">{t.submit}</button>
      </StepForm>
      <BackLink f={f} step="address" />
    </>
  );
}
