#!/usr/bin/env node
// Launcher only: everything, including the exit code, is decided in src/main.ts (bundled by scripts/bundle.mjs).
// `gitmoxi --version` alone is answered here, as commander would answer it: CI jobs print it on every run, and
// loading the CLI only to read package.json would make it cost 1.4x a bare `node -e 0` (bench/plan.mjs).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  await import('../dist/bundle/cli.js');
}
