import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const declared = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node as string;

/** Every installed package (nested ones included) with its own `engines.node`, if it declares one. */
function installedEngines(dir: string, found: { name: string; version: string; node: string }[] = []) {
  if (!fs.existsSync(dir)) return found;
  for (const entry of fs.readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const where = path.join(dir, entry);
    if (entry.startsWith('@')) {
      installedEngines(where, found);
      continue;
    }
    const manifest = path.join(where, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (typeof pkg.engines?.node === 'string') found.push({ name: pkg.name, version: pkg.version, node: pkg.engines.node });
    installedEngines(path.join(where, 'node_modules'), found);
  }
  return found;
}

describe('the declared Node versions', () => {
  it('are ones every installed dependency accepts (its lowest version, and the running one)', () => {
    const lowest = semver.minVersion(declared)!.version;
    const packages = installedEngines(path.join(root, 'node_modules'));
    expect(packages.length).toBeGreaterThan(50);
    const refusing = packages.filter((p) => !semver.satisfies(lowest, p.node) || !semver.satisfies(process.versions.node, p.node));
    expect(refusing.map((p) => `${p.name}@${p.version} needs node ${p.node}`)).toEqual([]);
    expect(semver.satisfies(process.versions.node, declared)).toBe(true);
  });
});
