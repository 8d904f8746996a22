/**
 * Default theme messages per locale, locale negotiation, and merging of a program's custom texts.
 */
import { messages as enUS } from './en-US.ts';
import { messages as esES } from './es-ES.ts';
import { messages as frCA } from './fr-CA.ts';
import type { ThemeMessages } from './types.ts';

export type { ThemeMessages, MessageOverrides, FieldLabel, ReviewTime, DeepPartial } from './types.ts';

export type MessageLocale = 'en-US' | 'fr-CA' | 'es-ES';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Shared, frozen defaults; use `mergeMessages` to derive a customized copy. */
const DEFAULTS: Record<MessageLocale, ThemeMessages> = {
  'en-US': deepFreeze(enUS),
  'fr-CA': deepFreeze(frCA),
  'es-ES': deepFreeze(esES),
};

/** Language (lower-case) → the locale that serves it when there is no exact match. */
const BY_LANGUAGE: Record<string, MessageLocale> = { en: 'en-US', fr: 'fr-CA', es: 'es-ES' };

/**
 * Picks the supported locale for a requested one: an exact match (case-insensitive, `-` or `_` as separator),
 * else the locale of the same language, else `en-US`. Only the first tag of a list such as
 * `fr-FR,fr;q=0.9` is considered.
 */
export function negotiateLocale(requested: string | null | undefined): MessageLocale {
  const tag = (requested ?? '').split(/[,;]/)[0].trim().replace(/_/g, '-').toLowerCase();
  if (!tag) return 'en-US';
  for (const locale of Object.keys(DEFAULTS) as MessageLocale[]) {
    if (locale.toLowerCase() === tag) return locale;
  }
  const language = tag.split('-')[0];
  return Object.hasOwn(BY_LANGUAGE, language) ? BY_LANGUAGE[language] : 'en-US';
}

/** The default messages for the negotiated locale. The returned tree is frozen. */
export function defaultMessages(locale: string): { locale: MessageLocale; messages: ThemeMessages } {
  const chosen = negotiateLocale(locale);
  return { locale: chosen, messages: DEFAULTS[chosen] };
}

type Tree = { [key: string]: unknown };

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Tree {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function mergeTree(base: Tree, overrides: Tree): Tree {
  const out: Tree = {};
  for (const [key, value] of Object.entries(base)) {
    out[key] = isPlainObject(value) ? mergeTree(value, {}) : value;
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const current = out[key];
    if (typeof value === 'string') {
      // A text may replace a text or fill a new key, never a whole section.
      if (current === undefined || typeof current === 'string') out[key] = value;
    } else if (isPlainObject(value)) {
      if (isPlainObject(current)) out[key] = mergeTree(current, value);
      else if (current === undefined) out[key] = mergeTree({}, value);
    }
    // Anything else (numbers, booleans, null, arrays) is ignored.
  }
  return out;
}

/**
 * Deep-merges a program's custom texts over `base` and returns a new tree; `base` is left untouched.
 * Override values that are neither strings nor plain objects are ignored, as are overrides that would
 * replace a section with a text or a text with a section.
 */
export function mergeMessages(base: ThemeMessages, overrides: unknown): ThemeMessages {
  const extra = isPlainObject(overrides) ? overrides : {};
  return mergeTree(base as unknown as Tree, extra) as unknown as ThemeMessages;
}
