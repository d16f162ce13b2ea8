#!/usr/bin/env node
// Bundles the CLI for bin/gitmoxi.js: src/cli.ts and everything it imports, dependencies included, into a few
// files under dist/bundle/. Node then reads and compiles a handful of files instead of resolving hundreds of
// modules at every start (bench/plan.mjs measures it). Commands stay lazily loaded: each dynamic import() is a
// chunk of its own, so `gitmoxi --version` never loads the AWS SDK.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src', 'cli.ts')],
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
});
