/**
 * Limits on a JSON value before Vouch accepts it: how deeply it nests, and that every string (keys too) is
 * well-formed Unicode. Deep values break things far from where they enter (structured clone, JSON
 * serialisers and PostgreSQL's jsonb all recurse), and a lone UTF-16 surrogate cannot be stored as text,
 * so both are refused at the door. The walk is iterative: the value being checked may be the deep one.
 */
export interface JsonBounds {
  /** Nesting levels allowed: 1 means a scalar or a flat object/array. */
  maxDepth: number;
  /** Longest string allowed (keys and values), in UTF-16 code units; unlimited when absent. */
  maxStringLength?: number;
}

/** What is wrong with `value`, as a sentence naming where; null when it is within bounds. */
export function jsonBoundsProblem(value: unknown, bounds: JsonBounds): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 1, path: '' }];
  while (stack.length > 0) {
    const { value: v, depth, path } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = stringProblem(v, bounds);
      if (problem) return `${path || 'The value'} ${problem}`;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > bounds.maxDepth) return `${path || 'The value'} nests deeper than ${bounds.maxDepth} levels`;
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        stack.push({ value: item, depth: depth + 1, path: `${path}[${i}]` });
      });
      continue;
    }
    for (const [key, item] of Object.entries(v)) {
      const problem = stringProblem(key, bounds);
      if (problem) return `A key of ${path || 'the value'} ${problem}`;
      stack.push({ value: item, depth: depth + 1, path: path ? `${path}.${key}` : key });
    }
  }
  return null;
}

function stringProblem(s: string, bounds: JsonBounds): string | null {
  if (bounds.maxStringLength !== undefined && s.length > bounds.maxStringLength)
    return `is longer than ${bounds.maxStringLength} characters`;
  if (!isWellFormed(s)) return 'is not well-formed Unicode (a lone surrogate)';
  return null;
}

/** String.prototype.isWellFormed (ES2024), typed here because the project targets ES2022. */
export const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
