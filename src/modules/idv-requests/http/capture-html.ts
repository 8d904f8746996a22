import { COUNTRIES, DOCUMENT_TYPES, neededImages, STEPS, type CaptureData, type FieldErrors, type Step } from '../domain/capture.ts';
import type { ImageRow } from '../infra/capture-repository.ts';
import type { Profile } from '../app/present.ts';
import type { Lang, Texts } from './capture-texts.ts';

/** Server-rendered pages of the capture flow: plain HTML, one small inline script (photo upload), a nonce CSP. */
export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f5f7}
header{background:#0b3d6b;color:#fff;padding:.75rem 1rem;display:flex;justify-content:space-between;align-items:center;gap:1rem}
header .org{font-weight:600}header a{color:#fff}
main{max-width:34rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:.5rem;padding:1rem 1.1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h1{font-size:1.45rem;line-height:1.25;margin:.25rem 0 .75rem}h2{font-size:1.1rem;margin:0 0 .5rem}
.progress{color:#3d4b5c;font-size:.9rem;margin:0}.bar{display:block;width:100%;height:.5rem;margin:.35rem 0 1rem;accent-color:#0b6bcb}
.sr{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}.check label{margin:0}
label{display:block;font-weight:600;margin:.9rem 0 .25rem}.hint{color:#4a5563;font-size:.9rem;margin:.15rem 0 .35rem}
input[type=text],input[type=date],select,textarea{width:100%;font:inherit;padding:.65rem .7rem;border:1px solid #6b7785;border-radius:.35rem;background:#fff;color:#1a1a1a}
textarea{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85rem;min-height:4.5rem;white-space:pre;overflow-x:auto}
input[type=file]{width:100%;font:inherit;padding:.5rem;border:2px dashed #6b7785;border-radius:.35rem;background:#f9fafb}
input[type=file]::file-selector-button{font:inherit;font-weight:600;padding:.45rem .8rem;margin-right:.6rem;border:0;border-radius:.3rem;background:#0b3d6b;color:#fff}
input:focus,select:focus,textarea:focus,button:focus,a:focus{outline:3px solid #f0b400;outline-offset:2px}
.check{display:flex;gap:.6rem;align-items:flex-start;font-weight:600;margin:1rem 0}.check input{width:1.4rem;height:1.4rem;margin:.1rem 0 0;flex:none}
fieldset{border:0;margin:0;padding:0}legend{font-weight:600;margin:.9rem 0 .25rem}
.radio{display:flex;gap:.6rem;align-items:center;font-weight:400;margin:.35rem 0;padding:.55rem .6rem;border:1px solid #c4ccd6;border-radius:.35rem}
.radio input{width:1.2rem;height:1.2rem;margin:0}
button,.button{display:block;width:100%;font:inherit;font-weight:600;padding:.8rem 1rem;margin:1.2rem 0 .25rem;border:0;border-radius:.4rem;background:#0b6bcb;color:#fff;text-align:center;text-decoration:none;cursor:pointer}
button.secondary{background:#fff;color:#0b3d6b;border:2px solid #0b6bcb;margin-top:.6rem}
button[disabled]{background:#8a96a3;cursor:not-allowed}
.errors{border-left:4px solid #b00020;background:#fdecee;padding:.6rem .8rem;margin:0 0 1rem}.errors ul{margin:.25rem 0 0;padding-left:1.2rem}
.field-error{color:#b00020;font-size:.9rem;margin:.2rem 0 0}input[aria-invalid=true]{border:2px solid #b00020}
.status{font-size:.95rem;margin:.35rem 0 0}.ok{color:#176b2c;font-weight:600}.todo{color:#4a5563}
.preview{display:block;max-width:100%;max-height:10rem;margin:.5rem 0 0;border-radius:.3rem}
dl{margin:0}dt{font-weight:600;margin-top:.6rem}dd{margin:0}
.row{display:flex;justify-content:space-between;align-items:baseline;gap:.5rem}
.back{display:inline-block;margin:.6rem 0 0;color:#0b3d6b}
a{color:#0b55a0}`;

export interface Frame {
  lang: Lang;
  t: Texts;
  org: string;
  nonce: string;
  token: string;
  switchHref: string;
}

export function layout(f: Frame, title: string, body: string, step?: Step) {
  const n = step ? STEPS.indexOf(step) + 1 : 0;
  const progress = step
    ? `<p class="progress">${esc(f.t.stepOf(n, STEPS.length))} \u2014 ${esc(f.t.stepNames[step])}</p>
<progress class="bar" max="${STEPS.length}" value="${n}" aria-hidden="true"></progress>`
    : '';
  return `<!doctype html>
<html lang="${f.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${esc(title)} \u2014 ${esc(f.t.htmlTitle)}</title>
<style nonce="${f.nonce}">${CSS}</style></head>
<body><header><span class="org">${esc(f.org || f.t.htmlTitle)}</span><a href="${esc(f.switchHref)}" lang="${f.t.switchLang}" hreflang="${f.t.switchLang}">${esc(f.t.switchTo)}</a></header>
<main>${progress}<h1>${esc(title)}</h1>${body}</main></body></html>`;
}

const errorSummary = (f: Frame, errors: FieldErrors, labels: Record<string, string>) =>
  Object.keys(errors).length === 0
    ? ''
    : `<div class="errors" role="alert" tabindex="-1" id="errors"><strong>${esc(f.t.errorsTitle)}</strong><ul>${Object.entries(errors)
        .map(([k, v]) => `<li><a href="#${esc(k)}">${esc(labels[k] ?? k)}</a>: ${esc(f.t.errors[v] ?? v)}</li>`)
        .join('')}</ul></div>`;

function input(
  f: Frame,
  name: string,
  label: string,
  value: unknown,
  errors: FieldErrors,
  opts: { type?: string; required?: boolean; autocomplete?: string; hint?: string } = {},
) {
  const err = errors[name];
  const described = [opts.hint ? `${name}-hint` : '', err ? `${name}-error` : ''].filter(Boolean).join(' ');
  return `<label for="${name}">${esc(label)}</label>${opts.hint ? `<p class="hint" id="${name}-hint">${esc(opts.hint)}</p>` : ''}
<input type="${opts.type ?? 'text'}" id="${name}" name="${name}" value="${esc(value)}"${opts.required ? ' required' : ''}${opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : ''}${described ? ` aria-describedby="${described}"` : ''}${err ? ' aria-invalid="true"' : ''}>
${err ? `<p class="field-error" id="${name}-error">${esc(f.t.errors[err] ?? err)}</p>` : ''}`;
}

const form = (f: Frame, csrf: string, action: string, inner: string) =>
  `<form method="post" action="/verify/${esc(f.token)}/${action}">${inner}<input type="hidden" name="csrf" value="${esc(csrf)}"></form>`;
const backLink = (f: Frame, step: Step) => `<a class="back" href="/verify/${esc(f.token)}?step=${step}">\u2190 ${esc(f.t.back)}</a>`;

export interface StepView {
  step: Step;
  data: CaptureData;
  images: ImageRow[];
  profile: Profile;
  errors: FieldErrors;
  form: Record<string, unknown>;
  csrf: string;
  linkEnd: string;
}

export function renderStep(f: Frame, v: StepView): string {
  const t = f.t;
  const val = (k: string, fallback: unknown) => (v.form[k] !== undefined ? v.form[k] : fallback);
  switch (v.step) {
    case 'privacy': {
      const body = `${errorSummary(f, v.errors, { accept: t.privacyAccept })}
<p>${esc(t.privacyIntro(f.org || t.theOrg))}</p><p>${esc(t.privacyNeed)}</p>
<section class="card" aria-labelledby="pn"><h2 id="pn">${esc(t.privacyNoticeTitle)}</h2>${t
        .privacyNotice(f.org || t.theOrg)
        .map((p) => `<p>${esc(p)}</p>`)
        .join('')}</section>
${form(
  f,
  v.csrf,
  'privacy',
  `<div class="check"><input type="checkbox" id="accept" name="accept" value="yes" required${v.data.privacyAcceptedAt ? ' checked' : ''}><label for="accept">${esc(t.privacyAccept)}</label></div>
${v.errors.accept ? `<p class="field-error">${esc(t.errors[v.errors.accept])}</p>` : ''}<button type="submit">${esc(t.continue)}</button>`,
)}
<p class="hint">${esc(t.linkUntil(v.linkEnd))}</p>`;
      return layout(f, t.privacyTitle, body, 'privacy');
    }
    case 'identity': {
      const d = v.data.identity ?? {
        firstName: v.profile.firstName,
        middleName: v.profile.middleName,
        lastName: v.profile.lastName,
        dateOfBirth: v.profile.dateOfBirth ?? '',
      };
      const labels = { firstName: t.firstName, middleName: t.middleName, lastName: t.lastName, dateOfBirth: t.dateOfBirth };
      const body = `${errorSummary(f, v.errors, labels)}<p>${esc(t.identityHint)}</p>
${form(
  f,
  v.csrf,
  'identity',
  `${input(f, 'firstName', t.firstName, val('firstName', d.firstName), v.errors, { required: true, autocomplete: 'given-name' })}
${input(f, 'middleName', t.middleName, val('middleName', d.middleName ?? ''), v.errors, { autocomplete: 'additional-name' })}
${input(f, 'lastName', t.lastName, val('lastName', d.lastName), v.errors, { required: true, autocomplete: 'family-name' })}
${input(f, 'dateOfBirth', t.dateOfBirth, val('dateOfBirth', d.dateOfBirth), v.errors, { type: 'date', required: true, autocomplete: 'bday' })}
<button type="submit">${esc(t.continue)}</button>`,
)}${backLink(f, 'privacy')}`;
      return layout(f, t.identityTitle, body, 'identity');
    }
    case 'document': {
      const d = v.data.document;
      const type = val('type', d?.type ?? '');
      const labels = {
        type: t.documentType,
        number: t.documentNumber,
        issuingCountry: t.issuingCountry,
        expiryDate: t.expiryDate,
        mrz: t.mrz,
      };
      const radios = DOCUMENT_TYPES.map(
        (k) =>
          `<label class="radio"><input type="radio" name="type" value="${k}"${type === k ? ' checked' : ''} required>${esc(t.documentTypes[k])}</label>`,
      ).join('');
      const body = `${errorSummary(f, v.errors, labels)}
${form(
  f,
  v.csrf,
  'document',
  `<fieldset id="type"${v.errors.type ? ' aria-invalid="true"' : ''}><legend>${esc(t.documentType)}</legend>${radios}</fieldset>
${v.errors.type ? `<p class="field-error">${esc(t.errors[v.errors.type])}</p>` : ''}
${input(f, 'number', t.documentNumber, val('number', d?.number ?? ''), v.errors, { required: true, autocomplete: 'off' })}
${input(f, 'issuingCountry', t.issuingCountry, val('issuingCountry', d?.issuingCountry ?? ''), v.errors, { required: true })}
${input(f, 'expiryDate', t.expiryDate, val('expiryDate', d?.expiryDate ?? ''), v.errors, { type: 'date', required: true })}
<label for="mrz">${esc(t.mrz)}</label><p class="hint" id="mrz-hint">${esc(t.mrzHint)}</p>
<textarea id="mrz" name="mrz" rows="3" wrap="off" autocapitalize="characters" autocomplete="off" spellcheck="false" aria-describedby="mrz-hint${v.errors.mrz ? ' mrz-error' : ''}">${esc(val('mrz', d?.mrz ?? ''))}</textarea>
${v.errors.mrz ? `<p class="field-error" id="mrz-error">${esc(t.errors[v.errors.mrz])}</p>` : ''}
<button type="submit">${esc(t.continue)}</button>`,
)}${backLink(f, 'identity')}`;
      return layout(f, t.documentTitle, body, 'document');
    }
    case 'photos': {
      const kinds = neededImages(v.data);
      const have = new Map(v.images.map((i) => [i.kind, i]));
      const cards = kinds
        .map((k) => {
          const img = have.get(k);
          return `<section class="card" aria-labelledby="${k}-title"><h2 id="${k}-title">${esc(t.photoLabels[k])}</h2><p class="hint" id="${k}-hint">${esc(t.photoHints[k])}</p>
<form class="photo" method="post" action="/verify/${esc(f.token)}/image/${k}" enctype="multipart/form-data" data-kind="${k}">
<label for="${k}-file">${esc(t.choosePhoto)}<span class="sr"> — ${esc(t.photoLabels[k])}</span></label>
<input type="file" id="${k}-file" name="photo" accept="image/*" capture="${k === 'selfie' ? 'user' : 'environment'}" aria-describedby="${k}-hint ${k}-status" required>
<p class="status" id="${k}-status" role="status" aria-live="polite">${img ? `<span class="ok">\u2713 ${esc(t.uploaded(img.width, img.height))}</span>` : `<span class="todo">${esc(t.notUploaded)}</span>`}</p>
<button type="submit" class="secondary">${esc(img ? t.replace : t.upload)}</button></form></section>`;
        })
        .join('');
      const all = kinds.every((k) => have.has(k));
      const body = `<p>${esc(t.photosHint)}</p><noscript><div class="errors">${esc(t.noScript)}</div></noscript>${cards}
${all ? `<a class="button" href="/verify/${esc(f.token)}?step=address">${esc(t.continue)}</a>` : `<button type="button" disabled aria-describedby="need-all">${esc(t.continue)}</button><p class="hint" id="need-all">${esc(t.needAll)}</p>`}
${backLink(f, 'document')}
<script nonce="${f.nonce}">${UPLOAD_SCRIPT(f, v.csrf)}</script>`;
      return layout(f, t.photosTitle, body, 'photos');
    }
    case 'address': {
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
      const options = Object.keys(COUNTRIES)
        .map((c) => `<option value="${c}"${c === code ? ' selected' : ''}>${esc(t.countries[c])}</option>`)
        .join('');
      const body = `${errorSummary(f, v.errors, labels)}
${form(
  f,
  v.csrf,
  'address',
  `${input(f, 'address', t.address, val('address', a?.address ?? ''), v.errors, { required: true, autocomplete: 'street-address' })}
${input(f, 'city', t.city, val('city', a?.city ?? ''), v.errors, { required: true, autocomplete: 'address-level2' })}
${input(f, 'province', t.province, val('province', a?.province ?? ''), v.errors, { autocomplete: 'address-level1' })}
${input(f, 'postalCode', t.postalCode, val('postalCode', a?.postalCode ?? ''), v.errors, { required: true, autocomplete: 'postal-code' })}
<label for="countryCode">${esc(t.countryCode)}</label><select id="countryCode" name="countryCode" autocomplete="country">${options}</select>
${input(f, 'country', t.countryOther, val('country', a && a.countryCode === 'OTHER' ? a.country : ''), v.errors, { autocomplete: 'country-name' })}
<button type="submit">${esc(t.continue)}</button>`,
)}${backLink(f, 'photos')}`;
      return layout(f, t.addressTitle, body, 'address');
    }
    case 'review': {
      const d = v.data;
      const edit = (s: Step) =>
        `<a href="/verify/${esc(f.token)}?step=${s}">${esc(t.edit)}<span class="sr"> ${esc(t.stepNames[s])}</span></a>`;
      const item = (label: string, value: string, s: Step) =>
        `<div class="row"><dt>${esc(label)}</dt>${edit(s)}</div><dd>${esc(value)}</dd>`;
      const id = d.identity!;
      const doc = d.document!;
      const a = d.address!;
      const body = `<p>${esc(t.reviewHint)}</p><section class="card"><dl>
${item(t.name, [id.firstName, id.middleName, id.lastName].filter(Boolean).join(' '), 'identity')}
${item(t.dateOfBirth, id.dateOfBirth, 'identity')}
${item(t.document, `${t.documentTypes[doc.type]} ${doc.number} \u2014 ${doc.issuingCountry}, ${t.expiryDate.toLowerCase()} ${doc.expiryDate}`, 'document')}
${item(t.photos, t.photosCount(v.images.length), 'photos')}
${item(t.addressTitle, [a.address, a.city, a.province, a.postalCode, a.country].filter(Boolean).join(', '), 'address')}
</dl></section>${form(f, v.csrf, 'submit', `<button type="submit">${esc(t.submit)}</button>`)}${backLink(f, 'address')}`;
      return layout(f, t.reviewTitle, body, 'review');
    }
  }
}

/**
 * The one script: sends a chosen photo as the raw body of a PUT (streamed and checked by the server like
 * any document upload), shows a preview, then reloads the step. The CSRF token rides in a header.
 */
const UPLOAD_SCRIPT = (f: Frame, csrf: string) => `(function(){
var busy=${JSON.stringify(f.t.uploading)};var failed=${JSON.stringify(f.t.uploadErrors)};
document.querySelectorAll('form.photo').forEach(function(form){
  var input=form.querySelector('input[type=file]');var status=form.querySelector('.status');var button=form.querySelector('button');
  input.addEventListener('change',function(){var file=input.files&&input.files[0];if(!file)return;
    var old=form.querySelector('img.preview');if(old)old.remove();
    var img=document.createElement('img');img.className='preview';img.alt='';img.src=URL.createObjectURL(file);status.after(img);});
  form.addEventListener('submit',function(e){e.preventDefault();var file=input.files&&input.files[0];if(!file){input.focus();return;}
    button.disabled=true;status.textContent=busy;
    fetch(form.action.replace(/\\/image\\//,'/image/'),{method:'PUT',body:file,headers:{'content-type':file.type||'application/octet-stream','x-csrf-token':${JSON.stringify(csrf)}},credentials:'same-origin'})
    .then(function(r){return r.json().then(function(j){return {ok:r.ok,status:r.status,j:j};},function(){return {ok:r.ok,status:r.status,j:{}};});})
    .then(function(res){if(res.ok){location.replace(location.pathname+'?step=photos');return;}
      status.textContent=failed[res.status]||failed.other;status.className='status field-error';button.disabled=false;})
    .catch(function(){status.textContent=failed.other;status.className='status field-error';button.disabled=false;});
  });
});})();`;

export function renderEnded(f: Frame, state: string) {
  if (state === 'finished') return layout(f, f.t.doneTitle, `<p>${esc(f.t.done(f.org || f.t.theOrg))}</p>`);
  return layout(f, f.t.endedTitle, `<p>${esc(f.t.ended[state] ?? f.t.ended.expired)}</p><p>${esc(f.t.askNew(f.org || f.t.theOrg))}</p>`);
}
