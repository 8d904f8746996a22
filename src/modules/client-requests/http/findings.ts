import { z } from 'zod';

/**
 * How the client-request dialect names and lists what is wrong with a body. Its sentences name a field by
 * its place (`clients[0].email`, `criteria.id.sessionId`), which a schema nested in another only knows once
 * the whole body is parsed: these findings carry their sentence and are rendered with their full path then.
 * An object lists its unknown properties first, then its fields' findings in the order the dialect's checks
 * made them; an object nested in the body keeps its place in the list (the envelope moves only findings coded
 * `unrecognized_keys` to the front, and a nested object's are listed under another code).
 */

/** A finding's place in the body as the sentences name it (`clients[0].email`); '' for the body itself. */
export const at = (path: readonly PropertyKey[] | undefined) =>
  (path ?? []).map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');

interface Said {
  sentence?: string;
  unknown?: string;
  expected?: readonly string[];
}

/** Renders the findings raised below, once their path is whole. */
const render = (issue: { path?: PropertyKey[]; params?: Said }) => {
  const { sentence, unknown, expected = [] } = issue.params ?? {};
  const where = at(issue.path);
  if (unknown === undefined) return `${where} ${sentence}`;
  return `Unexpected property '${where ? `${where}.` : ''}${unknown}', expected one of: ${expected.join(', ')}`;
};
// A finding names the schema that raised it; this one's error map is the renderer (it parses nothing).
const RENDERED = z.never({ error: render });

type Ctx = z.RefinementCtx<unknown>;
/** A finding about the value being refined (or one of its fields, `path`): its sentence follows the field's name. */
export const say = (ctx: Ctx, sentence: string, path: PropertyKey[] = []) =>
  ctx.addIssue({ code: 'custom', path, input: ctx.value, params: { sentence } satisfies Said, inst: RENDERED });

/** A message for a schema's own finding: the field's place, then `sentence`. */
export const named = (sentence: string) => (issue: { path?: PropertyKey[] }) => `${at(issue.path)} ${sentence}`;

/** Where an object's unknown properties are listed among its fields' findings (`order`); first when absent. */
export const UNKNOWN = '*';

export interface Listing {
  /** The properties an unknown one is told about, in the dialect's order. */
  expected: readonly string[];
  /** The fields in the order their findings are listed, with `UNKNOWN` where the unknown properties go. */
  order: readonly string[];
  /** The sentence for a value that is not an object (or is missing), given the object's place. */
  notAnObject: (where: string) => string;
  /** Findings about a field given the others (`failed`: the field has a finding of its own already). */
  rules?: (value: Record<string, unknown>, problem: (field: string, sentence: string) => void, failed: (field: string) => boolean) => void;
  /**
   * Each property the object does not name is parsed with `entries` (the shape is then empty: the entries are
   * checked in the order they were sent) and named as unknown; the document shows `documented` instead.
   */
  entries?: z.ZodType;
  documented?: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object of a body, its findings listed as the dialect lists them (see above). */
export function listed<S extends z.ZodRawShape>(shape: S, listing: Listing) {
  const { expected, order, notAnObject, rules, entries } = listing;
  const unknownRank = order.includes(UNKNOWN) ? order.indexOf(UNKNOWN) : -1;
  const rank = (issue: { path?: PropertyKey[]; params?: Said }) => {
    if (!issue.path?.length) return issue.params?.unknown !== undefined ? unknownRank : order.length;
    const field = order.indexOf(String(issue.path[0]));
    return field >= 0 ? field : order.length;
  };
  const error = (issue: { code?: string; path?: PropertyKey[] }) =>
    issue.code === 'invalid_type' ? notAnObject(at(issue.path)) : undefined;
  const object = entries ? z.object(shape, { error }).catchall(entries) : z.strictObject(shape, { error });
  const checked = object.superRefine(
    (value, ctx) => {
      if (!isRecord(value)) return; // not an object: its one finding stands
      // Its own unknown properties, as one finding each (the strict object's one finding is taken out).
      const own = ctx.issues.findIndex((i) => i.code === 'unrecognized_keys' && !i.path?.length);
      const found = own >= 0 ? ctx.issues.splice(own, 1)[0] : undefined;
      const unknown = entries
        ? Object.keys(value).filter((k) => !expected.includes(k))
        : found?.code === 'unrecognized_keys'
          ? found.keys
          : [];
      for (const k of unknown)
        ctx.addIssue({ code: 'custom', path: [], input: value, params: { unknown: k, expected } satisfies Said, inst: RENDERED });
      const failed = (field: string) => ctx.issues.some((i) => i.path?.[0] === field);
      rules?.(value, (field, sentence) => say(ctx, sentence, [field]), failed);
      // A stable sort: findings of one field keep their order.
      ctx.issues.sort((a, b) => rank(a) - rank(b));
    },
    // Also when a field failed: the unknown properties and the other rules are still reported, as the checks did.
    { when: () => true },
  );
  return listing.documented ? checked.meta(listing.documented) : checked;
}
