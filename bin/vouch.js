#!/usr/bin/env node
// Runs the TypeScript sources without a build step: compiled on first use (see compiled-sources.mjs), or
// through the tsx loader where they cannot be compiled, so `npm install` alone leaves the CLI runnable.
let entry;
try {
  const { compiledEntry } = await import('./compiled-sources.mjs');
  entry = await compiledEntry('main/cli.ts');
  // Stack traces name the TypeScript files and lines, not the compiled ones.
  process.setSourceMapsEnabled(true);
} catch {
  const { register } = await import('tsx/esm/api');
  register();
  entry = '../src/main/cli.ts';
}
await import(entry);
