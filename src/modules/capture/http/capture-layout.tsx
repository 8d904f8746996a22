import type { ComponentChildren } from 'preact';
import { renderDocument } from '../../../platform/html/render.ts';
import { STEPS, type Step } from '../domain/capture.ts';
import { CAPTURE_CSS } from './capture-style.ts';
import { LOCAL_TIMES_SCRIPT } from './dates.tsx';
import type { Lang, Texts } from './capture-texts.ts';

/**
 * The frame of every capture page: language, texts, the organization's name, the CSP nonce, the link's
 * token (already percent-encoded for paths) and where the language switch leads.
 */
export interface Frame {
  lang: Lang;
  t: Texts;
  org: string;
  /** The file's name as the organization gave it, or null. */
  file: string | null;
  nonce: string;
  token: string;
  switchHref: string;
}

/** Where the step's progress is shown: its number and name, and a bar hidden from screen readers. */
function Progress({ t, step }: { t: Texts; step: Step }) {
  const n = STEPS.indexOf(step) + 1;
  return (
    <>
      <p class="progress">{`${t.stepOf(n, STEPS.length)} \u2014 ${t.stepNames[step]}`}</p>
      <progress class="bar" max={STEPS.length} value={n} aria-hidden="true" />
    </>
  );
}

/**
 * A whole capture page around its body: server-rendered, styled by one inline stylesheet under the nonce.
 * `step` adds the progress line of the flow's steps.
 */
export function layout(f: Frame, title: string, body: ComponentChildren, step?: Step): string {
  return renderDocument(
    <html lang={f.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} \u2014 ${f.t.htmlTitle}`}</title>
        <style nonce={f.nonce} dangerouslySetInnerHTML={{ __html: CAPTURE_CSS }} />
      </head>
      <body>
        <header>
          <span class="org">
            {f.org || f.t.htmlTitle}
            {f.file && <span class="file">{f.file}</span>}
          </span>
          <a href={f.switchHref} lang={f.t.switchLang} hreflang={f.t.switchLang}>
            {f.t.switchTo}
          </a>
        </header>
        <main>
          {step ? <Progress t={f.t} step={step} /> : null}
          <h1>{title}</h1>
          {body}
        </main>
        <script nonce={f.nonce} dangerouslySetInnerHTML={{ __html: LOCAL_TIMES_SCRIPT }} />
      </body>
    </html>,
  );
}

/** The page of a link that can no longer be used (or of a finished capture). */
export function renderEnded(f: Frame, state: string): string {
  const org = f.org || f.t.theOrg;
  if (state === 'finished') return layout(f, f.t.doneTitle, <p>{f.t.done(org)}</p>);
  // A link that never was one is not said to be "no longer" usable.
  return layout(
    f,
    state === 'notFound' ? f.t.invalidTitle : f.t.endedTitle,
    <>
      <p>{f.t.ended[state] ?? f.t.ended.expired}</p>
      <p>{f.t.askNew(org)}</p>
    </>,
  );
}

/** A form posted without a valid CSRF token (an old tab, a lost cookie): a way back to the current step. */
export function renderFormExpired(f: Frame): string {
  return layout(
    f,
    f.t.formExpired,
    <a class="button" href={`/verify/${f.token}`}>
      {f.t.continue}
    </a>,
  );
}
