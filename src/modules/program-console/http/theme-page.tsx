import { CsrfField } from '../../../platform/html/console-page.tsx';
import { Notices } from '../../../platform/html/console-parts.tsx';
import type { Program } from '../../programs/index.ts';
import type { FormFields } from '../domain/program-form.ts';
import { messageField, THEME_LOCALES, type ThemeLocale } from '../domain/theme-form.ts';
import { Area, Text } from './fields.tsx';
import { Findings, Heading, ProgramNav } from './views.tsx';

/** The longest default text edited on one line; longer ones get a box. */
const ONE_LINE = 70;

/**
 * The theme editor: the hosted form's look, and one locale's messages, each beside its default (an empty
 * field means the default); above them, the hosted form as saved, at a phone's and a desktop's width.
 */
export function ThemePage(props: {
  csrf: string;
  program: Program;
  locale: ThemeLocale;
  defaults: [string, string][];
  form: FormFields;
  findings: string[] | null;
  notice: string | null;
}) {
  const { program, locale, form } = props;
  const preview = `/form/${program.id}?locale=${locale}`;
  const served = program.config.locales.includes(locale);
  return (
    <>
      <Heading>{program.name}</Heading>
      <ProgramNav programId={program.id} current="theme" />
      <Notices notice={props.notice} />
      <nav aria-label="Language of the messages" class="actions">
        <span>Messages in:</span>
        {THEME_LOCALES.map((l) => (
          <a
            key={l}
            href={`/console/programs/${program.id}/theme?locale=${l}`}
            class={l === locale ? 'button' : 'button secondary'}
            aria-current={l === locale ? 'page' : undefined}
          >
            {l}
          </a>
        ))}
      </nav>
      {!served && (
        <p class="notice">
          The program does not offer {locale} (its languages are {program.config.locales.join(', ')}); texts saved here are used once it
          does.
        </p>
      )}
      <h2 id="preview-heading">Preview ({locale}, as saved)</h2>
      <section class="previews" aria-labelledby="preview-heading">
        <iframe class="phone" src={preview} title={`The hosted form in ${locale} at a phone's width`} loading="lazy" />
        <iframe class="desktop" src={preview} title={`The hosted form in ${locale} at a desktop's width`} loading="lazy" />
      </section>
      <p>
        <a href={preview} target="_blank" rel="noopener">
          Open the hosted form
        </a>
      </p>
      <form method="post" action={`/console/programs/${program.id}/theme?locale=${locale}`} class="card">
        <CsrfField csrf={props.csrf} />
        <Findings findings={props.findings} />
        <fieldset>
          <legend>Look</legend>
          <div class="cards">
            <Text name="primary" label="Button and link colour" type="color" form={form} />
            <Text name="background" label="Page colour" type="color" form={form} />
            <Text name="logoUrl" label="Logo URL" type="url" form={form} hint="An absolute https address; empty for none." />
            <Text name="privacyPolicyUrl" label="Privacy policy URL" type="url" form={form} hint="Linked from the form; empty for none." />
          </div>
          <Area name="customCss" label="Custom CSS" form={form} rows={5} mono hint="Added to the hosted form's own styles." />
        </fieldset>
        <div class="actions">
          <button type="submit">Save the theme</button>
        </div>
        <h2 id="messages-heading">Messages in {locale}</h2>
        <p class="muted">
          Leave a field empty to use the default beside it. Words in braces, such as <code>{'{companyName}'}</code>, are filled in by the
          form.
        </p>
        <section class="table-wrap" aria-labelledby="messages-heading">
          <table class="messages">
            <caption class="skip">Each message's key, its default text and the program's own text</caption>
            <thead>
              <tr>
                <th scope="col">Message</th>
                <th scope="col">Default</th>
                <th scope="col">Program's text</th>
              </tr>
            </thead>
            <tbody>
              {props.defaults.map(([key, text], i) => {
                const id = `m-${i}`;
                const name = messageField(key);
                return (
                  <tr key={key}>
                    <th scope="row">
                      <label for={id}>
                        <code>{key}</code>
                      </label>
                    </th>
                    <td id={`${id}-default`} class="muted">
                      {text}
                    </td>
                    <td>
                      {text.length > ONE_LINE ? (
                        <textarea id={id} name={name} rows={2} aria-describedby={`${id}-default`}>
                          {form[name] ?? ''}
                        </textarea>
                      ) : (
                        <input id={id} name={name} type="text" value={form[name] ?? ''} aria-describedby={`${id}-default`} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
        <div class="actions">
          <button type="submit">Save the theme</button>
        </div>
      </form>
    </>
  );
}
