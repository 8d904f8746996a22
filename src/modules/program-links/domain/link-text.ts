/**
 * The link a person is texted and the text around it. The link opens the program's hosted form; the
 * text is the program's own (its messages' `sendLink.text` for its first locale, `{companyName}` and
 * `{link}` filled in, the link added at the end when the text has no `{link}`), else a fixed sentence
 * naming the program in that locale's language.
 */

/** The hosted form of the program, with the integrator's user id when one was given. */
export function formLink(publicUrl: string, programId: string, externalUserId?: string): string {
  const base = `${publicUrl}/form/${encodeURIComponent(programId)}`;
  return externalUserId ? `${base}?${new URLSearchParams({ externalUserId })}` : base;
}

/** The longest text sent (Twilio's limit for one message); a program's text that would be longer is not used. */
export const MAX_TEXT = 1600;

const FIXED: Record<string, (name: string, link: string) => string> = {
  en: (name, link) => `Verify your eligibility for ${name}: ${link}`,
  fr: (name, link) => `Confirmez votre admissibilité pour ${name} : ${link}`,
  es: (name, link) => `Verifica tu elegibilidad para ${name}: ${link}`,
};

export interface LinkTextSource {
  name: string;
  /** The program's first locale (`en-US`). */
  locale: string;
  /** The program's custom messages for that locale, as stored (any shape). */
  messages: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const nonBlank = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

export function linkText(program: LinkTextSource, link: string): string {
  const messages = isRecord(program.messages) ? program.messages : {};
  const custom = isRecord(messages.sendLink) ? nonBlank(messages.sendLink.text) : null;
  if (custom) {
    // The theme's company name is the program's name unless its messages say otherwise.
    const company = nonBlank(messages.companyName) ?? program.name;
    const filled = custom.replace(/\{(companyName|link)\}/g, (_, key: string) => (key === 'link' ? link : company));
    const text = custom.includes('{link}') ? filled : `${filled} ${link}`;
    if (text.length <= MAX_TEXT) return text;
  }
  const language = program.locale.slice(0, 2).toLowerCase();
  return (FIXED[language] ?? FIXED.en)(program.name, link);
}
