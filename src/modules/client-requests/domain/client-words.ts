import type { ClientLanguage } from './client-input.ts';

/**
 * The sentences a client reads both in the link mail and on the capture page, in each language, so the two
 * say the same thing. `file` is the file's name as the organization gave it (e.g. "12 Harbour Street
 * purchase"), or null.
 */
export const CLIENT_WORDS = {
  en: {
    intro: (org: string, file: string | null) =>
      `${org} asks you to verify your identity${file ? ` for \u201c${file}\u201d` : ''}. It takes about five minutes.`,
    need: 'You will need your government photo ID (passport, driver\u2019s licence or identity card) and a phone with a camera.',
    mailSubject: (org: string) => `${org}: please verify your identity`,
    hello: (firstName: string) => `Hello ${firstName},`,
    openLink: 'Open this link on your phone to start:',
    until: (when: string, org: string) => `The link works until ${when}. If it has expired, ask ${org} for a new one.`,
  },
  fr: {
    intro: (org: string, file: string | null) =>
      `${org} vous demande de v\u00e9rifier votre identit\u00e9${file ? ` pour \u00ab\u00a0${file}\u00a0\u00bb` : ''}. Cela prend environ cinq minutes.`,
    need: 'Vous aurez besoin de votre pi\u00e8ce d\u2019identit\u00e9 avec photo d\u00e9livr\u00e9e par un gouvernement (passeport, permis de conduire ou carte d\u2019identit\u00e9) et d\u2019un t\u00e9l\u00e9phone avec appareil photo.',
    mailSubject: (org: string) => `${org}\u00a0: veuillez v\u00e9rifier votre identit\u00e9`,
    hello: (firstName: string) => `Bonjour ${firstName},`,
    openLink: 'Ouvrez ce lien sur votre t\u00e9l\u00e9phone pour commencer\u00a0:',
    until: (when: string, org: string) =>
      `Le lien fonctionne jusqu\u2019au ${when}. S\u2019il a expir\u00e9, demandez-en un nouveau \u00e0 ${org}.`,
  },
} satisfies Record<ClientLanguage, unknown>;

/** A moment in words, in the language and time zone given: "December 8, 2026 at 2:31 p.m. EST", "8 décembre 2026 à 14 h 31 HNE". */
export function dateInWords(at: Date, language: ClientLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
}
