import type { ThemeMessages } from '../../programs/index.ts';

/** A theme text with its `{placeholders}` filled; one without a value is left out rather than shown raw. */
export const fmt = (text: string, values: Record<string, string | number | null | undefined>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

/** The message of an errorId in the theme, or the generic one. */
export const errorText = (m: ThemeMessages, errorId: string) => (m.errorId as Record<string, string>)[errorId] ?? m.errorId.unknownError;

/** A country's name in the page's language (ISO 3166 alpha-2 code in, the code itself if unknown). */
export function countryName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
