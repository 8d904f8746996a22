import { ENV_VARS, type EnvVar } from './config-vars.ts';

/** The declared variables in their order. */
const entries = () => Object.entries(ENV_VARS) as [string, EnvVar<unknown>][];

/** The README's configuration table (between its env markers), one row per declared variable. */
export function envTableMarkdown(): string {
  return [
    '| Variable | Default | Meaning |',
    '|---|---|---|',
    ...entries().map(([name, v]) => `| \`${name}\` | ${v.shown} | ${v.meaning} |`),
  ].join('\n');
}

/** Markdown read as plain text on a terminal: code marks and emphasis dropped, a link shown as its target. */
export function plainText(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\(([^)]*)\)/g, '$2').replace(/\*\*|`/g, '');
}

/** The list `vouch --help` ends with: each variable on one line, with its default and meaning. */
export function envHelpText(): string {
  const width = Math.max(...entries().map(([name]) => name.length));
  return [
    'Environment variables (the same table is in README.md):',
    ...entries().map(([name, v]) => `  ${name.padEnd(width)}  ${plainText(v.meaning)} (default: ${plainText(v.shown)})`),
  ].join('\n');
}

/** The markers around the generated region of README.md: the start marker's line may carry a note after `env:start`. */
const START = /^<!-- env:start\b.*-->$/m;
const END = /^<!-- env:end -->$/m;

/** `readme` with the region between the markers replaced by the current table; throws when a marker is missing. */
export function withEnvTable(readme: string): string {
  const start = START.exec(readme);
  const end = END.exec(readme);
  if (!start || !end || end.index < start.index) throw new Error('README.md has no <!-- env:start --> ... <!-- env:end --> region');
  const bodyStart = start.index + start[0].length;
  return `${readme.slice(0, bodyStart)}\n${envTableMarkdown()}\n${readme.slice(end.index)}`;
}
