#!/usr/bin/env node
// Runs uvu test files a few processes at a time and prints each process's output whole when it ends. End-to-end
// tests spend much of their wall time waiting (on the simulator's virtual clock between two polls, on git, on a
// subprocess): several processes at once overlap those waits. Small files share a process (each start-up costs
// about a second of CPU to load the TypeScript sources); a large file gets one of its own. Exit code 1 if any
// process had a failing test.
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
const files = testFiles(dir)
  .map((path) => ({ path, size: statSync(path).size }))
  .sort((a, b) => b.size - a.size);
if (files.length === 0) {
  console.error(`no test file under ${dir} matches ${pattern}`);
  process.exit(2);
}

/**
 * Files that simulate long deployments (bakes and storms of simulated hours) run in a process of their own and
 * start first: their time is not in proportion to their size. A scheduling hint only; any file may match or not.
 */
const longRunning = /(ecs-native|throttling|deploy-bluegreen|rehearse)[^/]*$/;

/** Files in batches of about a sixth of a process's fair share, by size, so that the pool stays balanced. */
function batches() {
  const cap = files.reduce((sum, f) => sum + f.size, 0) / (jobs * 6);
  const out = files.filter((file) => longRunning.test(file.path)).map((file) => ({ files: [file.path], size: Infinity }));
  for (const file of files.filter((f) => !longRunning.test(f.path))) {
    const open = out.find((batch) => batch.size + file.size <= cap);
    if (open) {
      open.files.push(file.path);
      open.size += file.size;
    } else out.push({ files: [file.path], size: file.size });
  }
  return out.map((batch) => batch.files);
}

function runBatch(batch) {
  return new Promise((resolve) => {
    const started = Date.now();
    // uvu, given the folder and the exact file paths below it, so the output is what uvu prints.
    const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const names = batch.map((file) => literal(relative(dir, file)));
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-uvu.mjs', dir, `^(${names.join('|')})$`], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8'), seconds: (Date.now() - started) / 1000 }));
  });
}

const started = Date.now();
const queue = batches();
const processes = queue.length;
const failed = [];
const timings = [];
async function worker() {
  for (let batch = queue.shift(); batch !== undefined; batch = queue.shift()) {
    const result = await runBatch(batch);
    process.stdout.write(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
    const label = batch.map((file) => relative(dir, file)).join(' + ');
    timings.push([label, result.seconds]);
    if (result.code !== 0) failed.push(label);
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, processes) }, worker));
// GITMOXI_TEST_TIMINGS=1 lists every process, to see where the suite's time goes.
const slowest = timings
  .sort((a, b) => b[1] - a[1])
  .slice(0, process.env.GITMOXI_TEST_TIMINGS ? timings.length : 3)
  .map(([label, s]) => `${label} ${s.toFixed(1)} s`);
console.log(
  `\n${files.length} files in ${processes} processes, ${jobs} at a time, ${((Date.now() - started) / 1000).toFixed(1)} s; slowest: ${slowest.join(', ')}`,
);
if (failed.length > 0) console.log(`failed: ${failed.join(', ')}`);
process.exit(failed.length > 0 ? 1 : 0);
