import { spawn, type ChildProcess } from 'node:child_process';

/**
 * `vouch serve` as a real process with `env`, once it answers `/health` at `url` (for kill and restart tests).
 * With `output`, its log lines (standard output) are passed to it as they come.
 */
export async function startServerProcess(env: Record<string, string>, url: string, options: { output?: (text: string) => void } = {}): Promise<ChildProcess> {
  const child = spawn('node', ['bin/vouch.js', 'serve'], { env: { ...process.env, ...env }, stdio: ['ignore', options.output ? 'pipe' : 'ignore', 'ignore'] });
  child.stdout?.setEncoding('utf8').on('data', (text: string) => options.output!(text));
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}
