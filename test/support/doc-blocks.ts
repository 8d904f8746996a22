import fs from 'node:fs';

/**
 * The shell command blocks of a Markdown file, as the runnable-docs test runs them (the convention is in
 * docs/decisions/runnable-docs.md):
 * - a fence opened with ```sh, ```bash, ```shell or ```console is a shell block;
 * - `<!-- not-run: reason -->` on the line before its fence (blank lines allowed between) marks a block
 *   that is not run; the reason must not be empty;
 * - inside a block, a whole-line comment starting with `# {`, `# [` or `# "` begins an expected output,
 *   continued by the whole-line comments right after it; trailing comments are notes for the reader.
 */
export interface DocBlock {
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** The reason given by a not-run mark, or null when the block is run. */
  notRun: string | null;
  /** Expected outputs, in order, as written (comment markers removed). */
  outputs: string[];
}

const SHELL = new Set(['sh', 'bash', 'shell', 'console']);
const NOT_RUN = /^<!--\s*not-run:(.*?)-->\s*$/;

export function readDocBlocks(file: string): DocBlock[] {
  return parseDocBlocks(fs.readFileSync(file, 'utf8'));
}

export function parseDocBlocks(markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith(fence)) end++;
    const lang = open[2].toLowerCase();
    if (SHELL.has(lang)) {
      const code = lines.slice(i + 1, end);
      blocks.push({ line: i + 1, lang, code: code.join('\n'), notRun: markBefore(lines, i), outputs: expectedOutputs(code) });
    }
    i = end;
  }
  return blocks;
}

/** The reason of a `<!-- not-run: ... -->` mark on the nearest non-blank line before the fence. */
function markBefore(lines: string[], fenceIndex: number): string | null {
  let j = fenceIndex - 1;
  while (j >= 0 && lines[j].trim() === '') j--;
  const mark = j >= 0 ? NOT_RUN.exec(lines[j].trim()) : null;
  if (!mark) return null;
  const reason = mark[1].trim();
  if (!reason) throw new Error(`line ${j + 1}: a not-run mark needs a reason`);
  return reason;
}

function expectedOutputs(code: string[]): string[] {
  const outputs: string[] = [];
  let open = false;
  for (const line of code) {
    const comment = /^\s*#(.*)$/.exec(line);
    const text = comment?.[1].replace(/^ /, '');
    if (text === undefined) open = false;
    else if (open) outputs[outputs.length - 1] += `\n${text}`;
    else if (/^[{["]/.test(text)) {
      outputs.push(text);
      open = true;
    }
  }
  return outputs;
}

/**
 * A matcher for an expected output: the text as written, where `...` and `…` stand for anything (within
 * a JSON string when written inside one: `"vch_..."` does not reach into the next value) and any run of
 * white space for any white space (or none); `localhost:8080` is read as the test server's address.
 */
export function outputPattern(expected: string, base: { host: string }): RegExp {
  const parts = expected
    .trim()
    .replaceAll('localhost:8080', base.host)
    .split(/\.\.\.|…/);
  let quotes = 0;
  let source = '';
  parts.forEach((p, i) => {
    if (i > 0) source += quotes % 2 ? '[^"]*' : '[\\s\\S]*?';
    source += p
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s*');
    quotes += (p.match(/(?<!\\)"/g) ?? []).length;
  });
  return new RegExp(source);
}

/** Where the first of `patterns` that is not found, in order, in `output` begins; -1 when all are. */
export function firstMissing(output: string, patterns: RegExp[]): number {
  let from = 0;
  for (let i = 0; i < patterns.length; i++) {
    const m = new RegExp(patterns[i].source, 'g');
    m.lastIndex = from;
    const hit = m.exec(output);
    if (!hit) return i;
    from = hit.index + hit[0].length;
  }
  return -1;
}
