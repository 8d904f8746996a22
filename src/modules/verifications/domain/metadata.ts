import type { BodyRejection } from './person-validation.ts';

/**
 * The integrator's metadata: a map of string values kept with a verification (sent with the start, with
 * any person step, or replaced later with `PUT .../metadata`).
 *
 * Values arrive as JSON scalars too: SheerID's hosted form sends `{"marketConsentValue": false}`, and
 * the service keeps such values as text. So a number or a boolean is taken and kept as its JSON text
 * (`false` as "false", `5` as "5"); a null is a key without a value and is not kept; an object or an
 * array is refused. The limits have errorIds of their own.
 */

export const MAX_METADATA_KEYS = 50;
export const MAX_METADATA_KEY = 200;
export const MAX_METADATA_VALUE = 10_000;

export type MetadataCheck = BodyRejection | { kind: 'ok'; metadata: Record<string, string> };

const reject = (message: string, errorId = 'invalidRequest'): BodyRejection => ({ kind: 'invalidRequest', errorId, message });

/** The text a scalar value is kept as; undefined for a null (not kept), null for a value that is no scalar. */
function textOf(v: unknown): string | undefined | null {
  if (v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  return null;
}

/**
 * The metadata map, checked, with each value as the text it is kept as; a rejection when it breaks a rule:
 * more than 50 keys first (`maxMetadataValuesExceeded`), then per key, in the order sent, a value that is
 * no scalar (`invalidRequest`), a key over 200 or a value over 10,000 characters (`maxMetadataLengthExceeded`).
 * (Tagged: a metadata key may be named anything, `kind` too.)
 */
export function checkMetadata(value: unknown): MetadataCheck {
  if (value === undefined || value === null) return { kind: 'ok', metadata: {} };
  if (typeof value !== 'object' || Array.isArray(value)) return reject("Property 'metadata' must be an object of string values");
  const entries = Object.entries(value);
  if (entries.length > MAX_METADATA_KEYS)
    return reject(`At most ${MAX_METADATA_KEYS} metadata values are allowed`, 'maxMetadataValuesExceeded');
  const kept: [string, string][] = [];
  for (const [k, v] of entries) {
    const text = textOf(v);
    if (text === null) return reject(`Metadata value '${k}' must be a string, number, boolean or null`);
    if (k.length > MAX_METADATA_KEY)
      return reject(`Metadata key '${k.slice(0, 40)}...' is longer than ${MAX_METADATA_KEY} characters`, 'maxMetadataLengthExceeded');
    if (text === undefined) continue;
    if (text.length > MAX_METADATA_VALUE)
      return reject(`Metadata value '${k}' is longer than ${MAX_METADATA_VALUE} characters`, 'maxMetadataLengthExceeded');
    kept.push([k, text]);
  }
  // fromEntries defines each key as the object's own, `__proto__` too.
  return { kind: 'ok', metadata: Object.fromEntries(kept) };
}
