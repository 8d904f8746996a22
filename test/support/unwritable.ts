import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Makes directories refuse every write, as a read-only mount would, by what works for this process: a
 * mode without write bits for an ordinary user; as root, whom modes do not stop, the immutable attribute
 * (`chattr +i`, which needs CAP_LINUX_IMMUTABLE and a filesystem that has it, such as ext4, xfs or btrfs).
 * Returns the undo, or undefined when neither works here (the test is then skipped).
 */
export function makeUnwritable(dirs: string[]): (() => void) | undefined {
  const root = process.getuid?.() === 0;
  const apply = (on: boolean) => {
    for (const dir of on ? dirs : [...dirs].reverse()) {
      if (root) execFileSync('chattr', [on ? '+i' : '-i', dir], { stdio: 'ignore' });
      else fs.chmodSync(dir, on ? 0o555 : 0o755);
    }
  };
  try {
    apply(true);
  } catch {
    try {
      apply(false);
    } catch {
      /* nothing was changed */
    }
    return undefined;
  }
  // Only a write that really fails counts (some filesystems accept the attribute and ignore it).
  const probe = path.join(dirs[0], `.write-probe-${process.pid}`);
  try {
    fs.writeFileSync(probe, 'x');
    fs.rmSync(probe);
    apply(false);
    return undefined;
  } catch {
    return () => apply(false);
  }
}

/** Whether `makeUnwritable` works in this environment (tried on a directory of its own). */
export function canMakeUnwritable(): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-unwritable-'));
  try {
    const undo = makeUnwritable([dir]);
    undo?.();
    return undo !== undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
