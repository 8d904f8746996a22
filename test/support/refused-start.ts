import { spawn } from 'node:child_process';

export interface Ended {
  /** The exit code, or 'started' when the command served `/health` at `url` instead of exiting (it is then killed). */
  code: number | 'started' | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/vouch.js ...args` with `env` until it exits, for starts that must be refused. With `url`, a
 * server that starts after all (answers `/health`) is killed and reported as 'started', so a test that
 * expected a refusal fails on its assertion instead of leaving a server behind.
 */
export async function runToEnd(args: string[], env: Record<string, string>, url?: string): Promise<Ended> {
  const child = spawn('node', ['bin/vouch.js', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => {
    stdout += t;
  });
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  let started = false;
  let over = false;
  void exited.then(() => {
    over = true;
  });
  if (url) {
    while (!over) {
      if (
        await fetch(`${url}/health`).then(
          (r) => r.ok,
          () => false,
        )
      ) {
        started = true;
        child.kill('SIGKILL');
        break;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 200))]);
    }
  }
  const code = await exited;
  return { code: started ? 'started' : code, stdout, stderr };
}
