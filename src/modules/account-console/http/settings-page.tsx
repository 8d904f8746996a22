import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Facts, TableWrap } from '../../review-desk/index.ts';
import type { AccountSettings } from '../app/deps.ts';
import { LANGUAGES, SETTING_FIELDS, type SettingName } from '../domain/settings-form.ts';
import { AccountNav, FormError } from './views.tsx';

export interface SettingsView {
  settings: AccountSettings;
  retention: { program: string; days: number }[];
  /** What was typed when a change was refused (else the saved values are shown). */
  typed?: Record<string, string>;
  problems?: Record<string, string>;
  error?: string | null;
  notice?: string | null;
}

/** The account's client-request settings as a form, and the retention facts set elsewhere, read-only. */
export function SettingsPage({ view, csrf }: { view: SettingsView; csrf: string }) {
  const problems = view.problems ?? {};
  const value = (name: SettingName) => view.typed?.[name] ?? String(view.settings[name]);
  return (
    <>
      <h1>Account</h1>
      <AccountNav here="settings" />
      {view.notice && (
        <div class="notice" role="status">
          <p>{view.notice}</p>
        </div>
      )}
      <FormError message={view.error ?? null} />
      <div class="split">
        <form method="post" action="/console/account/settings" class="card" aria-labelledby="settings-heading" novalidate>
          <h2 id="settings-heading">Client requests</h2>
          <CsrfField csrf={csrf} />
          {SETTING_FIELDS.map((f) => {
            const problem = problems[f.name];
            return (
              <div key={f.name}>
                <label for={`s-${f.name}`}>
                  {f.label} <span class="muted">({f.unit})</span>
                </label>
                {problem && (
                  <p class="error" id={`s-${f.name}-error`}>
                    {problem}
                  </p>
                )}
                <input
                  id={`s-${f.name}`}
                  name={f.name}
                  inputMode="numeric"
                  value={value(f.name)}
                  aria-invalid={problem ? 'true' : undefined}
                  aria-describedby={problem ? `s-${f.name}-error s-${f.name}-hint` : `s-${f.name}-hint`}
                />
                <p class="muted" id={`s-${f.name}-hint`}>
                  {f.hint}
                </p>
              </div>
            );
          })}
          <label for="s-defaultLanguage">Clients' language</label>
          {problems.defaultLanguage && (
            <p class="error" id="s-defaultLanguage-error">
              {problems.defaultLanguage}
            </p>
          )}
          <select
            id="s-defaultLanguage"
            name="defaultLanguage"
            aria-invalid={problems.defaultLanguage ? 'true' : undefined}
            aria-describedby={problems.defaultLanguage ? 's-defaultLanguage-error s-defaultLanguage-hint' : 's-defaultLanguage-hint'}
          >
            {LANGUAGES.map(([code, label]) => (
              <option key={code} value={code} selected={(view.typed?.defaultLanguage ?? view.settings.defaultLanguage) === code}>
                {label}
              </option>
            ))}
          </select>
          <p class="muted" id="s-defaultLanguage-hint">
            The language of a client's link mail and capture page when their request names none.
          </p>
          <label for="s-timeZone">Time zone of client mails</label>
          {problems.timeZone && (
            <p class="error" id="s-timeZone-error">
              {problems.timeZone}
            </p>
          )}
          <input
            id="s-timeZone"
            name="timeZone"
            value={view.typed?.timeZone ?? view.settings.timeZone}
            aria-invalid={problems.timeZone ? 'true' : undefined}
            aria-describedby={problems.timeZone ? 's-timeZone-error s-timeZone-hint' : 's-timeZone-hint'}
          />
          <p class="muted" id="s-timeZone-hint">
            An IANA time zone, such as America/Toronto or Europe/Paris: a link's end is written in it.
          </p>
          <label class="check" for="s-autoApproveReports">
            <input
              type="checkbox"
              id="s-autoApproveReports"
              name="autoApproveReports"
              value="on"
              checked={view.typed ? view.typed.autoApproveReports === 'on' : view.settings.autoApproveReports}
              aria-describedby="s-autoApproveReports-hint"
            />
            <span>Approve client ID reports automatically</span>
          </label>
          <p class="muted" id="s-autoApproveReports-hint">
            Only when every check passed and the document itself was read (its machine-readable zone or barcode); anything else waits for a
            reviewer. Each automatic decision is in the audit log.
          </p>
          <div class="actions">
            <button type="submit">Save settings</button>
          </div>
        </form>
        <section class="card" aria-labelledby="fixed-heading">
          <h2 id="fixed-heading">Set elsewhere</h2>
          <Facts rows={[['Test mode (sample reports)', view.settings.testMode ? 'On' : 'Off']]} />
          {view.retention.length > 0 && (
            <TableWrap label="Document retention by program">
              <table>
                <caption class="skip">Document retention by program</caption>
                <thead>
                  <tr>
                    <th scope="col">Program</th>
                    <th scope="col">Documents deleted</th>
                  </tr>
                </thead>
                <tbody>
                  {view.retention.map((r) => (
                    <tr key={r.program}>
                      <td>{r.program}</td>
                      <td>{r.days === 0 ? 'when decided' : `${r.days} day${r.days === 1 ? '' : 's'} after the decision`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          <p class="muted">
            Test mode is changed through the management API; document retention on each program. The audit log is kept, append-only, for as
            long as the server keeps its data.
          </p>
        </section>
      </div>
    </>
  );
}
