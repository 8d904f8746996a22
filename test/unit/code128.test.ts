import { describe, expect, it } from 'vitest';
import { code128Svg, code128Values, code128Widths, encodableInCode128 } from '../../src/modules/verifications/domain/code128.ts';

/** The widths an SVG draws: each bar's width, and the gaps between bars, in modules of `module` pixels. */
function widthsOf(svg: string, module = 2): number[] {
  const bars = [...svg.matchAll(/<rect x="(\d+)" y="0" width="(\d+)"/g)].map((m) => ({ x: Number(m[1]), w: Number(m[2]) }));
  const widths: number[] = [];
  bars.forEach((b, i) => {
    if (i > 0) widths.push((b.x - (bars[i - 1].x + bars[i - 1].w)) / module);
    widths.push(b.w / module);
  });
  return widths;
}

describe('Code 128', () => {
  it('draws every symbol as 11 modules whose bars add up to an even number (the symbology’s own parity rule)', () => {
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
    // Every value of set B appears in the first two texts; the others add many check values.
    const texts = [
      printable.slice(0, 80),
      printable.slice(15),
      ...Array.from({ length: 103 }, (_, i) => `A${String.fromCharCode(32 + (i % 95))}${i}`),
    ];
    const seen = new Map<number, string>();
    for (const text of texts) {
      const widths = code128Widths(text);
      const values = code128Values(text);
      expect(widths).toHaveLength(values.length * 6 + 7);
      values.forEach((value, i) => {
        const symbol = widths.slice(i * 6, i * 6 + 6);
        expect(symbol.reduce((a, b) => a + b, 0)).toBe(11);
        expect((symbol[0] + symbol[2] + symbol[4]) % 2).toBe(0);
        expect(symbol.every((w) => w >= 1 && w <= 4)).toBe(true);
        const drawn = symbol.join('');
        if (seen.has(value)) expect(seen.get(value)).toBe(drawn);
        seen.set(value, drawn);
      });
      expect(widths.slice(-7)).toEqual([2, 3, 3, 1, 1, 1, 2]);
    }
    // Different values are drawn differently.
    expect(new Set(seen.values()).size).toBe(seen.size);
  });

  it('starts with start B and ends with the modulo-103 check of the weighted values', () => {
    // "PJJ123C": P=48 J=42 J=42 1=17 2=18 3=19 C=35 after start B (104).
    expect(code128Values('PJJ123C')).toEqual([104, 48, 42, 42, 17, 18, 19, 35, (104 + 48 + 84 + 126 + 68 + 90 + 114 + 245) % 103]);
  });

  it('draws in the SVG exactly the widths of the code, between quiet zones, with the text escaped', () => {
    const svg = code128Svg('A&B<1>');
    expect(widthsOf(svg)).toEqual(code128Widths('A&B<1>'));
    expect(svg).toContain('>A&amp;B&lt;1&gt;</text>');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+"/);
  });

  it('refuses what set B cannot carry', () => {
    for (const text of ['', 'é', 'tab\there', 'x'.repeat(81)]) {
      expect(encodableInCode128(text)).toBe(false);
      expect(() => code128Values(text)).toThrow(/printable ASCII/);
    }
  });
});
