import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { claimLapsed, claimLeaseMs, partialFileMaxAgeMs, type UploadLeaseRules } from '../../src/modules/documents/domain/upload-lease.ts';
import { FileBlobStore } from '../../src/platform/blobs/index.ts';

// The defaults: 30 s grace, 8 KiB/s minimum, the one-hour backstop, 30 s per query (storing: 2 min).
const rules: UploadLeaseRules = {
  fixedMs: null,
  bodyTimeoutMs: 30_000,
  minBytesPerSecond: 8192,
  backstopMs: 3_600_000,
  queryTimeoutMs: 30_000,
};

describe('upload claim lease', () => {
  it('lasts as long as the slowest upload the timeouts let live, plus the time to store it', () => {
    expect(claimLeaseMs(rules, 100_000)).toBe(30_000 + 120_000); // the grace covers a small file
    expect(claimLeaseMs(rules, 1_000_000)).toBe(Math.ceil(1_000_000_000 / 8192) + 120_000); // ~4 min
    expect(claimLeaseMs(rules, 25_000_000)).toBe(Math.ceil(25_000_000_000 / 8192) + 120_000); // ~53 min
    expect(claimLeaseMs({ ...rules, minBytesPerSecond: 100 }, 25_000_000)).toBe(3_600_000 + 120_000); // at most the backstop
    expect(claimLeaseMs({ ...rules, minBytesPerSecond: 0 }, 1000)).toBe(3_600_000 + 120_000); // no minimum rate
  });

  it("is the operator's when set, for every file", () => {
    expect(claimLeaseMs({ ...rules, fixedMs: 5000 }, 1000)).toBe(5000);
    expect(claimLeaseMs({ ...rules, fixedMs: 5000 }, 25_000_000)).toBe(5000);
    expect(partialFileMaxAgeMs({ ...rules, fixedMs: 5000 })).toBe(5000);
  });

  it('lapses at its end; a claim without a time (left by an earlier version) has lapsed', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const lease = claimLeaseMs(rules, 1000);
    expect(claimLapsed(rules, at, 1000, new Date(at.getTime() + lease - 1))).toBe(false);
    expect(claimLapsed(rules, at, 1000, new Date(at.getTime() + lease))).toBe(true);
    expect(claimLapsed(rules, null, 1000, at)).toBe(true);
  });

  it("leaves partial files alone for longer than any file's lease", () => {
    for (const size of [1, 1_000_000, 25_000_000, 100_000_000])
      expect(partialFileMaxAgeMs(rules)).toBeGreaterThanOrEqual(claimLeaseMs(rules, size));
  });
});

describe('FileBlobStore partial files', () => {
  it('removes the stale ones when it opens and when swept, never a write in progress', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-blobs-'));
    try {
      const key = randomBytes(32);
      const tmp = path.join(dir, 'tmp');
      fs.mkdirSync(tmp, { recursive: true });
      const stale = path.join(tmp, `${'a'.repeat(32)}.part`);
      fs.writeFileSync(stale, 'cut off');
      const hourAgo = new Date(Date.now() - 3_600_000);
      fs.utimesSync(stale, hourAgo, hourAgo);
      const store = new FileBlobStore(dir, key, { partialMaxAgeMs: 60_000 });
      expect(fs.existsSync(stale)).toBe(false);

      // A write in progress: its partial file is fresh, and survives a sweep.
      const body = new Readable({ read() {} });
      const writing = store.write(body, { maxBytes: 10 });
      body.push(Buffer.from('abc'));
      let parts: string[] = [];
      for (let i = 0; i < 100 && parts.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
        parts = fs.readdirSync(tmp);
      }
      expect(parts).toHaveLength(1);
      expect(store.removeStaleParts()).toBe(0);
      body.push(null);
      const stored = await writing;
      expect((await store.read(stored.key)).toString()).toBe('abc');

      fs.writeFileSync(stale, 'cut off');
      fs.utimesSync(stale, hourAgo, hourAgo);
      expect(store.removeStaleParts()).toBe(1);
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
