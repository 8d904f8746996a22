import { describe, expect, it } from 'vitest';
import { splitRuns } from '../../src/platform/pdf/unicode-text.ts';

// Four stand-in fonts: Latin and Greek, Arabic (with space and hyphen), Han (with space), emoji.
const FONTS: ((cp: number) => boolean)[] = [
  (cp) => cp < 0x600,
  (cp) => (cp >= 0x600 && cp <= 0x6ff) || cp === 0x20 || cp === 0x2d,
  (cp) => (cp >= 0x4e00 && cp <= 0x9fff) || cp === 0x20,
  (cp) => cp >= 0x1f300 && cp <= 0x1faff,
];
const runs = (text: string) => splitRuns(text, (f, cp) => FONTS[f](cp), FONTS.length).map((r) => [r.face, r.text]);

describe('splitRuns', () => {
  it('gives each character the first font that has it, and joins neighbours of one font', () => {
    expect(runs('Zoë Σοφία')).toEqual([[0, 'Zoë Σοφία']]);
    expect(runs('李小龍 😀 Zoë')).toEqual([
      [2, '李小龍'],
      [0, ' '],
      [3, '😀'],
      [0, ' Zoë'],
    ]);
  });

  it('keeps spaces and punctuation between two words of one font in their run, so right-to-left words stay one run', () => {
    expect(runs('محمد علي-حسن')).toEqual([[1, 'محمد علي-حسن']]);
    expect(runs('李 小龍')).toEqual([[2, '李 小龍']]);
    // Between different fonts, at either end, or where the font lacks it, the first font draws it.
    expect(runs('محمد Zoë')).toEqual([
      [1, 'محمد'],
      [0, ' Zoë'],
    ]);
    expect(runs(' محمد ')).toEqual([
      [0, ' '],
      [1, 'محمد'],
      [0, ' '],
    ]);
    expect(runs('李,小')).toEqual([
      [2, '李'],
      [0, ','],
      [2, '小'],
    ]);
  });

  it('draws combining marks and emoji joiners with the character before them', () => {
    expect(runs('Zoe\u0308')).toEqual([[0, 'Zoe\u0308']]);
    expect(runs('👨\u200d👩\u200d👧 ❤\ufe0f')).toEqual([
      [3, '👨\u200d👩\u200d👧'],
      [0, ' ❤\ufe0f'],
    ]);
  });

  it('sends a character no font has to the first font (its missing-glyph box), and an empty text to no run', () => {
    expect(runs('a\u0e01b')).toEqual([[0, 'a\u0e01b']]);
    expect(runs('')).toEqual([]);
  });
});
