// Machine-readable zones built for tests by the rules of ICAO Doc 9303, independently of the code under test.

/**
 * ICAO 9303 check digit, computed here rather than taken from the code under test: digits count as
 * themselves, A-Z as 10-35, the filler `<` as 0; weights 7, 3, 1 repeat; the digit is the sum modulo 10.
 */
export function checkDigit(field: string): string {
  const value = (c: string) => (c === '<' ? 0 : /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...field].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3], 0) % 10);
}

export interface Holder {
  state?: string;
  surname?: string;
  given?: string;
  number?: string;
  birth?: string;
  sex?: string;
  expiry?: string;
  personal?: string;
}
export const anna: Required<Holder> = {
  state: 'UTO',
  surname: 'ERIKSSON',
  given: 'ANNA MARIA',
  number: 'L898902C3',
  birth: '740812',
  sex: 'F',
  expiry: '120415',
  personal: 'ZE184226B',
};
export const nameField = (h: Required<Holder>, width: number) =>
  `${h.surname}<<${h.given.replace(/ /g, '<')}`.padEnd(width, '<').slice(0, width);
export const withDigit = (field: string) => field + checkDigit(field);

/** A passport zone (TD3) laid out by Doc 9303 part 4, every check digit computed by `checkDigit`. */
export function td3(over: Holder = {}): string {
  const h = { ...anna, ...over };
  const personal = h.personal.padEnd(14, '<');
  const data = `${withDigit(h.number.padEnd(9, '<'))}${h.state}${withDigit(h.birth)}${h.sex}${withDigit(h.expiry)}${withDigit(personal)}`;
  const composite = checkDigit(data.slice(0, 10) + data.slice(13, 20) + data.slice(21, 43));
  return `P<${h.state}${nameField(h, 39)}\n${data}${composite}`;
}
