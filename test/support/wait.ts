/** Polls `fn` until `done` holds for its value, which it returns; fails with the last value after `ms`. */
export async function until<T>(fn: () => Promise<T>, done: (v: T) => boolean, ms = 20_000, everyMs = 50): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`timed out waiting: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
