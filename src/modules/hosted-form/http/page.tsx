import { renderDocument, scriptJson } from '../../../platform/html/render.ts';
import { ERROR_FIELDS } from '../domain/form-fields.ts';
import { linkOn, textOn } from '../domain/contrast.ts';
import { scopedCustomCss } from '../domain/custom-css.ts';
import { pathOf } from './api-client.ts';
import { Step, type StepView } from './steps.tsx';

/** The page around a step: the program's theme, the language links, and what the page's script reads. */
export interface PageView extends StepView {
  nonce: string;
  /** The embedding page's origin, when the form is embedded where the program allows it. */
  parentOrigin: string | null;
  /** The embedder's metadata for the new verification (`vouch.js` options). */
  metadata: Record<string, unknown> | null;
}

/** A language's name in itself (`fr-CA` → `français (Canada)`), for the language links. */
const ownName = (locale: string) => {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
};

export function renderPage(view: PageView): string {
  const { theme, nonce } = view;
  const m = theme.intl.messages;
  const locale = theme.intl.locale;
  const colors = theme.colors;
  const vars = `:root{--vf-primary:${colors.primary};--vf-on-primary:${textOn(colors.primary)};--vf-page:${colors.background};--vf-text:${textOn(colors.background)};--vf-link:${linkOn(colors.background, colors.primary)}}`;
  const data = {
    programId: view.programId,
    verificationId: view.v?.verificationId ?? null,
    step: view.step,
    errorIds: view.v?.errorIds ?? [],
    locale,
    parentOrigin: view.parentOrigin,
    trackingId: view.carried._trackingId ?? null,
    metadata: view.metadata,
    orgSearchUrl: pathOf(theme.config.orgSearchUrl),
    errorFields: ERROR_FIELDS,
    errorTexts: m.errorId,
    errorSummary: m.form.errorSummary,
    upload: m.form.upload,
    maxFiles: 5,
    maxFileSize: 10_000_000,
  };
  const query = (extra: Record<string, string>) =>
    `/form/${view.programId}?${new URLSearchParams({ ...(view.v?.verificationId ? { verificationId: view.v.verificationId } : {}), ...extra })}`;
  const body = (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="strict-origin-when-cross-origin" />
        <title>{`${m.form.pageTitle} — ${m.companyName}`}</title>
        <link rel="stylesheet" href="/form/assets/form.css" nonce={nonce} />
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: `${vars}\n${scopedCustomCss(theme.customCss)}` }} />
        {view.step === 'pending' ? (
          <noscript>
            <meta http-equiv="refresh" content="15" />
          </noscript>
        ) : null}
      </head>
      <body>
        <div id="vouch-form" class="vf">
          {theme.isTestMode ? (
            <p class="vf-banner" role="note">
              {m.form.testModeBanner}
            </p>
          ) : null}
          <header class="vf-head">
            {theme.logoUrl ? (
              <img class="vf-logo" src={theme.logoUrl} alt={m.companyName} />
            ) : (
              <span class="vf-company">{m.companyName}</span>
            )}
            {theme.config.locales.length > 1 ? (
              <nav aria-label={m.form.languageLabel} class="vf-langs">
                {theme.config.locales.map((l) =>
                  l === locale ? (
                    <span aria-current="true" lang={l}>
                      {ownName(l)}
                    </span>
                  ) : (
                    <a href={query({ locale: l })} lang={l} hreflang={l}>
                      {ownName(l)}
                    </a>
                  ),
                )}
              </nav>
            ) : null}
          </header>
          <main id="vouch-step" data-step={view.step}>
            <Step view={view} />
          </main>
          {theme.privacyPolicyUrl ? (
            <footer class="vf-foot">
              <a href={theme.privacyPolicyUrl} target="_blank" rel="noopener noreferrer">
                {m.form.privacyPolicy}
              </a>
            </footer>
          ) : null}
        </div>
        <script type="application/json" id="vouch-form-data" nonce={nonce} dangerouslySetInnerHTML={{ __html: scriptJson(data) }} />
        <script src="/form/assets/form.js" nonce={nonce} defer />
      </body>
    </html>
  );
  return renderDocument(body);
}
