/**
 * Code 128 (set B: printable ASCII), drawn as SVG: what a till's scanner reads from a screen or a print.
 * Pure. Each symbol is six widths (bar, space, bar, space, bar, space) of 11 modules; the stop has seven.
 */
const PATTERNS = [
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213',
  '221312 231212 112232 122132 122231 113222 123122 123221 223211 221132',
  '221231 213212 223112 312131 311222 321122 321221 312212 322112 322211',
  '212123 212321 232121 111323 131123 131321 112313 132113 132311 211313',
  '231113 231311 112133 112331 132131 113123 113321 133121 313121 211331',
  '231131 213113 213311 213131 311123 311321 331121 312113 312311 332111',
  '314111 221411 431111 111224 111422 121124 121421 141122 141221 112214',
  '112412 122114 122411 142112 142211 241211 221114 413111 241112 134111',
  '111242 121142 121241 114212 124112 124211 411212 421112 421211 212141',
  '214121 412121 111143 111341 131141 114113 114311 411113 411311 113141',
  '114131 311141 411131 211412 211214 211232',
]
  .join(' ')
  .split(' ');
const START_B = 104;
const STOP = '2331112';
/** Light modules on each side, so that a scanner finds where the code starts. */
const QUIET = 10;

/** Whether `text` can be drawn: 1 to 80 characters of printable ASCII. */
export const encodableInCode128 = (text: string) => /^[\x20-\x7e]{1,80}$/.test(text);

/** The symbol values of `text` in set B, with the start and the check symbol. */
export function code128Values(text: string): number[] {
  if (!encodableInCode128(text)) throw new Error('Code 128 set B takes 1 to 80 printable ASCII characters');
  const data = [...text].map((c) => c.charCodeAt(0) - 32);
  const check = data.reduce((sum, value, i) => sum + value * (i + 1), START_B) % 103;
  return [START_B, ...data, check];
}

/** The widths of bars and spaces, alternating, starting with a bar (the stop included). */
export function code128Widths(text: string): number[] {
  const patterns = [...code128Values(text).map((v) => PATTERNS[v]), STOP].join('');
  return [...patterns].map(Number);
}

/** The code as an SVG image: the bars, and the text under them for a person to read. */
export function code128Svg(text: string, module = 2, height = 80): string {
  const widths = code128Widths(text);
  const total = (widths.reduce((a, b) => a + b, 0) + 2 * QUIET) * module;
  let x = QUIET * module;
  const bars: string[] = [];
  widths.forEach((w, i) => {
    if (i % 2 === 0) bars.push(`<rect x="${x}" y="0" width="${w * module}" height="${height}"/>`);
    x += w * module;
  });
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="${height + 24}" viewBox="0 0 ${total} ${height + 24}" role="img" aria-label="${escaped.replace(/"/g, '&quot;')}">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<g fill="#000">${bars.join('')}</g>`,
    `<text x="${total / 2}" y="${height + 18}" font-family="monospace" font-size="16" text-anchor="middle">${escaped}</text>`,
    '</svg>',
  ].join('');
}
