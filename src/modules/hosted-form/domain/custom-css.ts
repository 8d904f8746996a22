/**
 * A program's `customCss`, made safe to put in the hosted form's page and kept to the form: nothing that
 * loads from elsewhere (`@import`, `url(...)`, old script hooks) and nothing that leaves the style element;
 * the rest is wrapped in `@scope (#vouch-form)`, so it styles the form and never the page around it.
 * Unbalanced braces would let rules escape the scope: such a stylesheet is dropped whole.
 */
export function scopedCustomCss(css: string): string {
  const cleaned = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<\/?\s*style/gi, '')
    .replace(/[<>]/g, ' ')
    .replace(/@import[^;]*;?/gi, '')
    .replace(/@charset[^;]*;?/gi, '')
    .replace(/url\s*\([^)]*\)/gi, 'none')
    .replace(/expression\s*\(/gi, '(')
    .replace(/(-moz-binding|behavior)\s*:[^;}]*/gi, '')
    .replace(/\\/g, '')
    .trim();
  if (cleaned === '' || !balanced(cleaned)) return '';
  return `@scope (#vouch-form) {\n${cleaned}\n}`;
}

function balanced(css: string): boolean {
  let depth = 0;
  for (const c of css) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}
