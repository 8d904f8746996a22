#!/usr/bin/env node
// Wall-clock time of a few `vouch` commands, each run several times (median and fastest), for
// docs/decisions/cli-start-up.md. Usage: node scripts/cli-start-times.mjs [runs]
// DATA_DIR must hold a bootstrapped embedded store (`DATA_DIR=... node bin/vouch.js bootstrap`).
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';

const runs = Number(process.argv[2] ?? 5);
const account = JSON.parse(execFileSync(process.execPath, ['bin/vouch.js', 'bootstrap', '--json'], { encoding: 'utf8' })).accountId;
const commands = [['--version'], ['--help'], ['token', 'list', '--account', account]];
console.log(
  `node ${process.version}, ${os.cpus().length} cores, load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const args of commands) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['bin/vouch.js', ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`vouch ${args.join(' ')} failed: ${r.stderr}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  console.log(
    `vouch ${args.slice(0, 2).join(' ').padEnd(12)} median ${times[Math.floor(runs / 2)].toFixed(2)} s, fastest ${times[0].toFixed(2)} s`,
  );
}
