/**
 * A phone number as people type it, read into E.164 (`+15550001111`): a leading `+` or `00` and the
 * country code, then digits, with spaces, hyphens, dots, slashes and parentheses allowed between them.
 * A number without its country code is refused rather than guessed. The sentences never repeat the number.
 */
export type PhoneNumberRead = { kind: 'ok'; e164: string } | { kind: 'invalid'; message: string };

const WHAT = "Property 'phoneNumber' must be a mobile phone number with its country code, such as +1 555 000 1111";
const MAX_INPUT = 40;

export function readPhoneNumber(raw: string): PhoneNumberRead {
  const text = raw.trim();
  if (text === '') return { kind: 'invalid', message: `${WHAT} (it is empty)` };
  if (text.length > MAX_INPUT) return { kind: 'invalid', message: `${WHAT} (it is longer than ${MAX_INPUT} characters)` };
  if (!/^[+0-9 ().\-/]+$/.test(text))
    return { kind: 'invalid', message: `${WHAT} (only digits, a leading +, spaces, hyphens, dots, slashes and parentheses are allowed)` };
  const compact = text.replace(/[ ().\-/]/g, '');
  const international = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : null;
  if (international === null) return { kind: 'invalid', message: `${WHAT} (start it with + and the country code)` };
  if (!/^[0-9]+$/.test(international)) return { kind: 'invalid', message: `${WHAT} (a + may only come first)` };
  if (international.startsWith('0')) return { kind: 'invalid', message: `${WHAT} (no country code starts with 0)` };
  if (international.length < 7 || international.length > 15)
    return { kind: 'invalid', message: `${WHAT} (E.164 numbers have 7 to 15 digits, country code included)` };
  return { kind: 'ok', e164: `+${international}` };
}
