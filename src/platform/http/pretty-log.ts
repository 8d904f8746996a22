/**
 * Log lines for a person at a terminal: pino writes one JSON object per line, this turns each into
 * `12:04:05.123 INFO  message  key=value ...` (a request: `GET /path 200 3.1 ms`). Anything that is not
 * a JSON line passes through unchanged. Off a terminal the JSON lines are kept as they are (see create-server).
 */

const LEVELS: Record<number, { name: string; color: number }> = {
  10: { name: 'TRACE', color: 90 },
  20: { name: 'DEBUG', color: 36 },
  30: { name: 'INFO', color: 32 },
  40: { name: 'WARN', color: 33 },
  50: { name: 'ERROR', color: 31 },
  60: { name: 'FATAL', color: 35 },
};

/** Fields every line has, shown in its head or not at all. */
const HEAD = new Set(['level', 'time', 'pid', 'hostname', 'msg']);
/** The request line's own fields, shown in its head. */
const REQUEST = new Set(['method', 'url', 'status', 'durationMs']);

const paint = (color: boolean, code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

/** Local time of day, to the millisecond: what a person compares with the clock on the wall. */
const clock = (d: Date) =>
  `${[d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':')}.${String(d.getMilliseconds()).padStart(3, '0')}`;

const shown = (value: unknown): string => (typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value));

/** One pino JSON line as a person reads it; `color` adds ANSI colours to the level. */
export function formatLogLine(line: string, options: { color?: boolean } = {}): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) return line;
  const color = options.color ?? false;
  const time = typeof record.time === 'number' ? clock(new Date(record.time)) : '';
  const level = LEVELS[record.level as number] ?? { name: String(record.level ?? ''), color: 0 };
  const isRequest = record.msg === 'request completed' && typeof record.method === 'string';
  const message = isRequest ? `${record.method} ${record.url} ${record.status} ${record.durationMs} ms` : String(record.msg ?? '');
  const rest = Object.entries(record)
    .filter(([key, value]) => !HEAD.has(key) && !(isRequest && REQUEST.has(key)) && value !== undefined)
    .map(([key, value]) => `${paint(color, 90, `${key}=`)}${shown(value)}`);
  return [time, paint(color, level.color, level.name.padEnd(5)), message, ...rest].filter(Boolean).join(' ');
}

/** A pino destination writing formatted lines to `out` (a terminal). */
export function prettyLogStream(out: NodeJS.WritableStream, options: { color?: boolean } = {}) {
  return {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line) out.write(`${formatLogLine(line, options)}\n`);
    },
  };
}
