// The CLI's TypeScript sources, compiled once per change into plain ES modules under
// node_modules/.cache/vouch, so that a command starts without a TypeScript loader between Node and every
// module it imports (the loader roughly doubled the start of a command). There is still no build step to
// run: the first start after an install or an edit compiles (a fraction of a second), the next ones reuse it.
// Where that cannot be done (no esbuild, a read-only node_modules), the caller runs the sources through tsx.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = path.join(ROOT, 'src');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'vouch');
// An older compilation is removed only once it is this old: a process started from it may still import from it.
const KEEP_OLD_MS = 60 * 60 * 1000;

/** A fingerprint of the sources (every file's path, size and modification time) and of the compiler. */
function fingerprint(esbuildVersion) {
  const hash = crypto.createHash('sha256').update(`${process.version}\0${esbuildVersion}\0`);
  const files = fs.readdirSync(SRC, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  const entries = files.map((e) => path.join(e.parentPath ?? e.path, e.name)).sort();
  // tsconfig.json too: it decides how the TypeScript is compiled.
  for (const file of [...entries, path.join(ROOT, 'tsconfig.json')].filter((f) => fs.existsSync(f))) {
    const s = fs.statSync(file);
    hash.update(`${path.relative(SRC, file)}\0${s.size}\0${s.mtimeMs}\0`);
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Each file keeps its own `import.meta.url`: the sources find files beside them (the migrations, the store's
 * worker, package.json) relative to where they are, not to where their compiled form lies.
 */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

function removeOld(keep) {
  for (const name of fs.readdirSync(CACHE)) {
    const dir = path.join(CACHE, name);
    if (name === keep) continue;
    try {
      if (Date.now() - fs.statSync(dir).mtimeMs > KEEP_OLD_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

/** The URL of the compiled entry for `entry` (a path under src/), compiling it when the sources changed. */
export async function compiledEntry(entry) {
  const esbuild = await import('esbuild');
  const name = `${path.basename(entry, '.ts')}-${fingerprint(esbuild.version)}`;
  const outdir = path.join(CACHE, name);
  const out = path.join(outdir, `${path.basename(entry, '.ts')}.js`);
  if (!fs.existsSync(out)) {
    // Compiled beside, then renamed into place: a concurrent start sees a whole compilation or none.
    const temp = `${outdir}.${process.pid}.tmp`;
    await esbuild.build({
      entryPoints: [path.join(SRC, entry)],
      outdir: temp,
      bundle: true,
      splitting: true, // the CLI's lazy imports stay lazy: `vouch --help` loads neither the server nor the store
      format: 'esm',
      platform: 'node',
      target: `node${process.versions.node.split('.')[0]}`,
      packages: 'external',
      sourcemap: true,
      logLevel: 'silent',
      plugins: [ownUrls],
    });
    try {
      fs.renameSync(temp, outdir);
    } catch {
      fs.rmSync(temp, { recursive: true, force: true }); // another start compiled the same sources first
    }
    removeOld(name);
  }
  return pathToFileURL(out).href;
}
