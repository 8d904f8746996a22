import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * The one template layer of the server's pages: JSX rendered to a string, so every value placed in text
 * or an attribute is escaped by the renderer and no page builds HTML by hand. Inline script and style
 * contents (`dangerouslySetInnerHTML`) are for constants only, and JSON data goes through `scriptJson`.
 */
export function renderDocument(node: VNode): string {
  return `<!doctype html>${renderToString(node)}`;
}

/** JSON to place inside a script element: `<` escaped, so no string in it can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}
