import { spawn, type ChildProcess } from 'node:child_process';

/** `vouch serve` as a real process with `env`, once it answers `/health` at `url` (for kill and restart tests). */
export async function startServerProcess(env: Record<string, string>, url: string): Promise<ChildProcess> {
  const child = spawn('node', ['bin/vouch.js', 'serve'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  for (let i = 0; i < 120; i++) {
    if (await fetch(`${url}/health`).then((r) => r.ok, () => false)) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}
