#!/usr/bin/env node
// Runs uvu test files a few at a time, each file in a process of its own, and prints each file's output whole when
// it ends. End-to-end tests spend most of their wall time waiting (on the simulator's virtual clock between two
// polls, on git, on a subprocess): several files at once overlap those waits. Every file gets a fresh process, so
// no test depends on what another file left in memory. Exit code 1 if any file failed.
// Usage: node scripts/test-files.mjs [--jobs N] DIR [PATTERN]   (PATTERN: a regex of file names, default \.test\.ts$)
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { jobs: { type: 'string' } } });
const [dir, pattern = '\\.test\\.ts$'] = positionals;
if (dir === undefined) {
  console.error('usage: node scripts/test-files.mjs [--jobs N] DIR [PATTERN]');
  process.exit(2);
}
// Twice the cores: a file's process is idle more often than not.
const jobs = Number(values.jobs ?? process.env.GITMOXI_TEST_JOBS ?? 2 * availableParallelism());
const matcher = new RegExp(pattern);

function testFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return matcher.test(entry.name) ? [path] : [];
  });
}

// The largest files first: they are the longest, and starting them early keeps the pool busy to the end.
const files = testFiles(dir).sort((a, b) => statSync(b).size - statSync(a).size);
if (files.length === 0) {
  console.error(`no test file under ${dir} matches ${pattern}`);
  process.exit(2);
}

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    // uvu's own CLI, given the file's folder and its exact name, so the output is what `uvu DIR PATTERN` prints.
    const escaped = file.split('/').at(-1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const child = spawn(process.execPath, ['--import', 'tsx', 'node_modules/uvu/bin.js', join(file, '..'), `^${escaped}$`], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code) => resolve({ file, code: code ?? 1, output: Buffer.concat(chunks).toString('utf8'), seconds: (Date.now() - started) / 1000 }));
  });
}

const started = Date.now();
const queue = [...files];
const failed = [];
const timings = [];
async function worker() {
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const result = await runFile(file);
    process.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
    timings.push([relative('.', file), result.seconds]);
    if (result.code !== 0) failed.push(relative('.', file));
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
const slowest = timings.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([file, s]) => `${file} ${s.toFixed(1)} s`);
console.log(`\n${files.length} files, ${jobs} at a time, ${((Date.now() - started) / 1000).toFixed(1)} s; slowest: ${slowest.join(', ')}`);
if (failed.length > 0) console.log(`failed: ${failed.join(', ')}`);
process.exit(failed.length > 0 ? 1 : 0);
