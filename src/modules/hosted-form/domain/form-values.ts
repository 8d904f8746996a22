/**
 * How the hosted form's inputs name the JSON they stand for, read the same way by the server (plain form
 * posts, without JavaScript) and by the page's script (assets/form.js keeps the same rules): a dotted name
 * is a nested property (`organization.name`), a `[]` suffix collects an array (`statuses[]`), and a `:num` or
 * `:bool` suffix gives a number or a boolean (`organization.id:num`, `marketConsent:bool`). An empty text
 * is left out, as the API reads "not given". A name starting with `_` is the form's own (which step, which
 * verification, the language) and no part of the body.
 */
export function formToJson(entries: Iterable<[string, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawName, rawValue] of entries) {
    const [path, type] = rawName.split(':');
    const value = rawValue.trim();
    if (value === '' || path === '' || path.startsWith('_')) continue;
    const typed = type === 'num' ? Number(value) : type === 'bool' ? value === 'true' || value === 'on' : value;
    if (typeof typed === 'number' && !Number.isFinite(typed)) continue;
    const keys = path.split('.');
    let target = out;
    for (const key of keys.slice(0, -1)) {
      if (UNSAFE.has(key)) return out;
      const next = target[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1];
    if (UNSAFE.has(last.replace(/\[\]$/, ''))) continue;
    if (last.endsWith('[]')) {
      const key = last.slice(0, -2);
      if (!Array.isArray(target[key])) target[key] = [];
      (target[key] as unknown[]).push(typed);
    } else target[last] = typed;
  }
  return out;
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);
