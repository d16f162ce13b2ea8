#!/usr/bin/env node
// Bundles the CLI for bin/gitmoxi.js: src/cli.ts and everything it imports, dependencies included, into a few
// files under dist/bundle/. Node then reads and compiles a handful of files instead of resolving hundreds of
// modules at every start (bench/plan.mjs measures it). Commands stay lazily loaded: each dynamic import() is a
// chunk of its own, so `gitmoxi --version` never loads the AWS SDK.
// The simulator is a second entry point, src/sim/index.ts → dist/bundle/sim.js, that only `sim`, `demo` and
// `rehearse` load (src/cli/load-simulator.ts); the build fails if any of its modules lands in the CLI's files.
// Usage: node scripts/bundle.mjs [--cli-entry FILE --outdir DIR]   (other entries and folders: the guard's own test)
import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'cli-entry': { type: 'string' }, outdir: { type: 'string' } } });
const outdir = values.outdir === undefined ? join(root, 'dist', 'bundle') : resolve(values.outdir);
rmSync(outdir, { recursive: true, force: true });
const { metafile } = await build({
  // One build for both, so that what they share (zod, yaml, the clock) is in shared chunks, loaded once.
  entryPoints: { cli: resolve(root, values['cli-entry'] ?? join('src', 'cli.ts')), sim: join(root, 'src', 'sim', 'index.ts') },
  absWorkingDir: root,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Some dependencies ship a UMD build as `main` that requires files esbuild cannot see; their ESM build is whole.
  mainFields: ['module', 'main'],
  // cosmiconfig loads a --config JavaScript module: left as the installed CommonJS package, whose named export
  // a bundled dynamic import() would not see; it requires `typescript` only for .ts files, which gitmoxi refuses.
  external: ['cosmiconfig', 'typescript'],
  // CommonJS dependencies call require() for Node's built-ins; an ES module has no require of its own.
  banner: { js: "import { createRequire as gitmoxiCreateRequire } from 'node:module'; const require = gitmoxiCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
});

// The metafile names outputs relative to the working directory, with forward slashes.
const outputName = (file) => relative(root, join(outdir, file)).split('\\').join('/');
const cliEntry = outputName('cli.js');
const simEntry = outputName('sim.js');
/** The simulator's client side: how a gitmoxi process joins the simulator's virtual clock. The CLI keeps it. */
const clientModules = ['src/aws/sim-participant.ts', 'src/aws/simulator-clock.ts'];

/** Every output file `from` loads, at once or by import(), without going through `stop`. */
function reachable(from, stop) {
  const seen = new Set([from]);
  const queue = [from];
  for (const file of queue) {
    for (const { path, external } of metafile.outputs[file].imports) {
      if (external || path === stop || seen.has(path)) continue;
      seen.add(path);
      queue.push(path);
    }
  }
  return seen;
}

const cliModules = new Set([...reachable(cliEntry, simEntry)].flatMap((file) => Object.keys(metafile.outputs[file].inputs)));
const leaked = [...cliModules].filter((input) => input.startsWith('src/sim/'));
const missing = clientModules.filter((input) => !cliModules.has(input));
// Where the simulator comes in: static imports of its modules from outside src/sim/ (import() is how sim.js loads).
const doors = [...cliModules]
  .filter((input) => !input.startsWith('src/sim/') && metafile.inputs[input])
  .flatMap((input) =>
    metafile.inputs[input].imports.filter((i) => i.kind !== 'dynamic-import' && i.path.startsWith('src/sim/')).map((i) => `${input} imports ${i.path}`),
  );
if (leaked.length > 0) {
  console.error(`bundle: the CLI's files carry ${leaked.length} simulator modules: ${doors.join('; ') || leaked.slice(0, 5).join(', ')}.`);
  console.error('Outside src/sim/, import only types from it; its values come from loadSimulator() (src/cli/load-simulator.ts).');
}
if (missing.length > 0) console.error(`bundle: the CLI's files lack the simulator's client side: ${missing.join(', ')}.`);
if (leaked.length > 0 || missing.length > 0) process.exit(1);
