import type { ComponentChildren } from 'preact';

/** Small pieces the review pages share: times, sizes, facts lists, the person's fields in words. */

const pad = (d: Date) => d.toISOString();
/** An instant as the console shows it: "2026-12-07 21:50 UTC". */
export const timeText = (d: Date) => `${pad(d).slice(0, 10)} ${pad(d).slice(11, 16)} UTC`;

export const When = ({ at }: { at: Date | number | null | undefined }) => {
  if (at === null || at === undefined) return <span class="muted">—</span>;
  const d = typeof at === 'number' ? new Date(at) : at;
  return (
    <time class="nowrap" dateTime={d.toISOString()}>
      {timeText(d)}
    </time>
  );
};

export const sizeText = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** camelCase in words: birthDate → "Birth date". */
export const words = (key: string) => {
  const w = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
};

/** A value of a stored object as text: an organization by its name, lists joined, objects as their fields. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') return o.name;
    return Object.entries(o)
      .filter(([, x]) => x !== null && x !== undefined && x !== '')
      .map(([k, x]) => `${words(k)}: ${valueText(x)}`)
      .join('; ');
  }
  return String(v);
}

const PERSON_ORDER = ['firstName', 'middleName', 'lastName', 'email', 'phoneNumber', 'birthDate', 'organization', 'postalCode', 'country'];

/** The person's fields in a useful order (names, contact, birth date, organization), then the rest. */
export function personRows(person: Record<string, unknown>): [string, string][] {
  const keys = [...PERSON_ORDER.filter((k) => k in person), ...Object.keys(person).filter((k) => !PERSON_ORDER.includes(k))];
  return keys.filter((k) => k !== 'metadata' && k !== 'deviceFingerprintHash').map((k) => [words(k), valueText(person[k])]);
}

export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </dl>
  );
}

/** The query string that carries the queue's filter from page to page (program, kind). */
export const filterQuery = (f: { programId?: string; kind?: string }) => {
  const q = new URLSearchParams();
  if (f.programId) q.set('program', f.programId);
  if (f.kind) q.set('kind', f.kind);
  const s = q.toString();
  return s ? `?${s}` : '';
};

/** Hidden fields with the queue's filter, so what opens after a decision follows it. */
export const FilterFields = ({ filter }: { filter: { programId?: string; kind?: string } }) => (
  <>
    {filter.programId && <input type="hidden" name="program" value={filter.programId} />}
    {filter.kind && <input type="hidden" name="kind" value={filter.kind} />}
  </>
);

/**
 * A table that may scroll sideways on a narrow screen: the frame takes focus so the keyboard can scroll
 * it, and is named so a screen reader says what it holds.
 */
export const TableWrap = ({ label, children }: { label: string; children: ComponentChildren }) => (
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a frame that scrolls must take focus, so the keyboard can scroll it
  <section class="table-wrap" tabIndex={0} aria-label={label}>
    {children}
  </section>
);
