import { describe, it, expect } from 'vitest';
import {
  ERROR_IDS,
  ESTIMATED_REVIEW_TIMES,
  LOCALES as PROGRAM_LOCALES,
  MAX_REVIEW_TIMES,
  REJECTION_REASONS,
  SEGMENT_NAMES,
} from '../../src/modules/eligibility-terms/index.ts';
import { messages as enUS } from '../../src/modules/programs/domain/messages/en-US.ts';
import { messages as esES } from '../../src/modules/programs/domain/messages/es-ES.ts';
import { messages as frCA } from '../../src/modules/programs/domain/messages/fr-CA.ts';
import { defaultMessages, mergeMessages } from '../../src/modules/programs/domain/messages/index.ts';

const LOCALES = [
  ['en-US', enUS],
  ['fr-CA', frCA],
  ['es-ES', esES],
] as const;

/** Every leaf path of a message tree, e.g. `step.docUpload.title`, sorted. */
function leafPaths(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree)
    .flatMap(([key, value]) => leafPaths(value, prefix ? `${prefix}.${key}` : key))
    .sort();
}

/** Every leaf of a message tree by its path. */
function leaves(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree !== 'object' || tree === null) return out.set(prefix, String(tree));
  for (const [key, value] of Object.entries(tree)) {
    for (const [path, text] of leaves(value, prefix ? `${prefix}.${key}` : key)) out.set(path, text);
  }
  return out;
}

/** The `{placeholders}` of a text, sorted, repeats kept. */
function placeholders(text: string): string[] {
  return (text.match(/\{[A-Za-z]+\}/g) ?? []).sort();
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

describe('default theme messages', () => {
  for (const [locale, messages] of LOCALES) {
    describe(locale, () => {
      it('has a message for every errorId', () => {
        const errorId = messages.errorId as Record<string, unknown>;
        const missing = ERROR_IDS.filter((id) => !nonEmpty(errorId[id]));
        expect(missing).toEqual([]);
      });

      it('has a message for every rejection reason', () => {
        const reasons = messages.step.docUpload.rejectionReasons as Record<string, unknown>;
        const missing = REJECTION_REASONS.filter((code) => !nonEmpty(reasons[code]));
        expect(missing).toEqual([]);
      });

      it('names every segment and review time', () => {
        expect(SEGMENT_NAMES.filter((name) => !nonEmpty(messages.segment[name]))).toEqual([]);
        const times = [...MAX_REVIEW_TIMES, ...ESTIMATED_REVIEW_TIMES];
        expect(times.filter((t) => !nonEmpty(messages.dateTime[t]))).toEqual([]);
      });

      it('has no empty text anywhere', () => {
        const empty: string[] = [];
        const walk = (tree: unknown, path: string): void => {
          if (typeof tree === 'object' && tree !== null) {
            for (const [key, value] of Object.entries(tree)) walk(value, path ? `${path}.${key}` : key);
          } else if (!nonEmpty(tree)) {
            empty.push(path);
          }
        };
        walk(messages, '');
        expect(empty).toEqual([]);
      });
    });
  }

  for (const [locale, messages] of LOCALES.filter(([l]) => l !== 'en-US')) {
    it(`gives ${locale} exactly the keys of en-US`, () => {
      expect(leafPaths(messages)).toEqual(leafPaths(enUS));
    });

    it(`keeps the placeholders of every en-US text in ${locale}`, () => {
      const translated = leaves(messages);
      const differing = [...leaves(enUS)]
        .filter(([path, text]) => placeholders(text).join() !== placeholders(translated.get(path) ?? '').join())
        .map(([path]) => path);
      expect(differing).toEqual([]);
    });

    it(`translates ${locale} rather than copying the English texts`, () => {
      // Codes, durations such as `2 minutes` and names may stay as they are; a text of three words or more may not.
      const translated = leaves(messages);
      const same = [...leaves(enUS)].filter(([path, text]) => text.split(' ').length >= 3 && translated.get(path) === text);
      expect(same.map(([path]) => path)).toEqual([]);
    });
  }

  it('has default messages for every locale a program may offer, and no other', () => {
    expect(PROGRAM_LOCALES.map((l) => defaultMessages(l).locale)).toEqual([...PROGRAM_LOCALES]);
    expect(LOCALES.map(([l]) => l).sort()).toEqual([...PROGRAM_LOCALES].sort());
  });

  it('finds a placeholder missing from a translation', () => {
    const broken = mergeMessages(frCA, { step: { success: { subtitle: 'Merci, profitez de votre offre.' } } });
    const translated = leaves(broken);
    const differing = [...leaves(enUS)]
      .filter(([path, text]) => placeholders(text).join() !== placeholders(translated.get(path) ?? '').join())
      .map(([path]) => path);
    expect(differing).toEqual(['step.success.subtitle']);
  });

  it('has no keys beyond the known ids and reasons', () => {
    expect(Object.keys(enUS.errorId).sort()).toEqual([...ERROR_IDS].sort());
    expect(Object.keys(enUS.step.docUpload.rejectionReasons).sort()).toEqual([...REJECTION_REASONS].sort());
    expect(Object.keys(enUS.segment).sort()).toEqual([...SEGMENT_NAMES].sort());
  });
});

describe('defaultMessages', () => {
  it('returns an exact match', () => {
    expect(defaultMessages('fr-CA').locale).toBe('fr-CA');
    expect(defaultMessages('en-US').locale).toBe('en-US');
    expect(defaultMessages('fr_CA').messages).toBe(frCA);
    expect(defaultMessages('es-ES').locale).toBe('es-ES');
    expect(defaultMessages('es_es').messages).toBe(esES);
  });

  it('falls back to the same language', () => {
    expect(defaultMessages('fr_FR').locale).toBe('fr-CA');
    expect(defaultMessages('fr-FR').locale).toBe('fr-CA');
    expect(defaultMessages('fr').locale).toBe('fr-CA');
    expect(defaultMessages('en_GB').locale).toBe('en-US');
    expect(defaultMessages('es').locale).toBe('es-ES');
    expect(defaultMessages('es-MX').locale).toBe('es-ES');
    expect(defaultMessages('es-419,es;q=0.9').locale).toBe('es-ES');
  });

  it('uses en-US for anything else', () => {
    expect(defaultMessages('de-DE').locale).toBe('en-US');
    expect(defaultMessages('').locale).toBe('en-US');
    expect(defaultMessages('xx').messages).toBe(enUS);
  });
});

describe('mergeMessages', () => {
  it('overrides a nested key and keeps the others', () => {
    const merged = mergeMessages(enUS, {
      companyName: 'Acme',
      step: { success: { title: 'Welcome aboard' } },
      errorId: { invalidEmail: 'That email does not look right.' },
    });
    expect(merged.companyName).toBe('Acme');
    expect(merged.step.success.title).toBe('Welcome aboard');
    expect(merged.step.success.subtitle).toBe(enUS.step.success.subtitle);
    expect(merged.step.success.redirectButtonText).toBe(enUS.step.success.redirectButtonText);
    expect(merged.step.docUpload).toEqual(enUS.step.docUpload);
    expect(merged.errorId.invalidEmail).toBe('That email does not look right.');
    expect(merged.errorId.invalidFirstName).toBe(enUS.errorId.invalidFirstName);
    expect(leafPaths(merged)).toEqual(leafPaths(enUS));
  });

  it('leaves the defaults untouched', () => {
    const before = enUS.step.pending.title;
    const merged = mergeMessages(enUS, { step: { pending: { title: 'Hang tight' } } });
    expect(merged.step.pending.title).toBe('Hang tight');
    expect(enUS.step.pending.title).toBe(before);
    expect(defaultMessages('en-US').messages.step.pending.title).toBe(before);
  });

  it('ignores values that are not strings or objects', () => {
    const merged = mergeMessages(enUS, {
      companyName: 42,
      optIn: null,
      lowRewardPool: ['a'],
      step: { error: { title: true, buttonText: 'Start over' } },
      errorId: 'not a section',
    });
    expect(merged.companyName).toBe(enUS.companyName);
    expect(merged.optIn).toBe(enUS.optIn);
    expect(merged.lowRewardPool).toBe(enUS.lowRewardPool);
    expect(merged.step.error.title).toBe(enUS.step.error.title);
    expect(merged.step.error.buttonText).toBe('Start over');
    expect(merged.errorId).toEqual(enUS.errorId);
  });

  it('returns a copy of the base when there is nothing to merge', () => {
    expect(mergeMessages(frCA, undefined)).toEqual(frCA);
    expect(mergeMessages(frCA, 'nope')).toEqual(frCA);
  });

  it('does not let overrides reach the object prototype', () => {
    mergeMessages(enUS, JSON.parse('{"__proto__": {"polluted": "yes"}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
