import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import { MAX_FORM_CLIENTS, type NewFileForm, type Problems } from '../domain/client-form.ts';
import { ClientFields, Field } from './views.tsx';

/**
 * The form that opens a file: the organization's reference, an optional name and number, and one block per
 * client (more blocks through a link, before typing: the page works without scripts and sends nobody's data
 * in an address). Blocks left blank are skipped.
 */
export function NewFilePage(props: { csrf: string; form: NewFileForm; problems: Problems }) {
  const { form, problems } = props;
  const count = form.clients.length;
  return (
    <>
      <p>
        <a href="/console/files">Client files</a>
      </p>
      <h1>New client file</h1>
      <Notices error={problems.list} />
      <form method="post" action="/console/files" class="card" aria-labelledby="file-h" novalidate>
        <h2 id="file-h">The file</h2>
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="clients" value={String(count)} />
        <div class="cards">
          <Field
            name="reference"
            label="Your reference"
            value={form.reference}
            problem={problems.byField.reference}
            required
            hint="Your own matter number: one file per reference."
          />
          <Field name="fileName" label="File name" value={form.fileName} problem={problems.byField.fileName} hint="Shown to the clients." />
          <Field
            name="fileNumber"
            label="File number"
            value={form.fileNumber}
            problem={problems.byField.fileNumber}
            hint="Made up for you when left empty."
          />
        </div>
        {form.clients.map((c, i) => (
          <fieldset key={i} class="card">
            <legend>
              Client {i + 1}
              {i > 0 && <span class="muted"> (left empty: skipped)</span>}
            </legend>
            <ClientFields prefix={`c${i}.`} values={c} problems={problems.byField} required={i === 0} />
          </fieldset>
        ))}
        {count < MAX_FORM_CLIENTS && (
          <p>
            <a href={`/console/files/new?clients=${count + 1}`}>Add another client</a>
            <span class="muted"> (before filling in the form: what is typed is not kept)</span>
          </p>
        )}
        <label class="check" for="f-sendLink">
          <input type="checkbox" id="f-sendLink" name="sendLink" value="on" checked={form.sendLink} />
          <span>Email each client their link now</span>
        </label>
        <div class="actions">
          <button type="submit">Open the file and send the requests</button>
        </div>
      </form>
    </>
  );
}
