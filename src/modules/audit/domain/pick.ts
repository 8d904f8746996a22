/** Follows `params.x` / `response.data.x` style paths through plain objects; only short strings count as ids. */
export function pick(sources: Record<string, unknown>, paths: readonly string[] = []): string | null {
  for (const p of paths) {
    let v: unknown = sources;
    for (const part of p.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
    if ((typeof v === 'string' && v.length > 0 && v.length <= 200) || typeof v === 'number') return String(v);
  }
  return null;
}
