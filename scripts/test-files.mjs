#!/usr/bin/env node
// Runs uvu test files a few processes at a time and prints each process's output whole when it ends. End-to-end
// tests spend much of their wall time waiting (on the simulator's virtual clock between two polls, on git, on a
// subprocess): several processes at once overlap those waits. Small files share a process (each start-up costs
// about a second of CPU to load the TypeScript sources); a large file gets one of its own. A folder given with
// --whole runs in one process, started first (the unit tests: hundreds of small files that mostly wait on timers).
// Exit code 1 if any process had a failing test.
// Usage: node scripts/test-files.mjs [--jobs N] [--pattern RE] [--whole DIR]... [DIR...]
//   RE: a regex of file names, default \.test\.ts$
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals: dirs } = parseArgs({
  allowPositionals: true,
  options: { jobs: { type: 'string' }, pattern: { type: 'string', default: '\\.test\\.ts$' }, whole: { type: 'string', multiple: true, default: [] } },
});
if (dirs.length + values.whole.length === 0) {
  console.error('usage: node scripts/test-files.mjs [--jobs N] [--pattern RE] [--whole DIR]... [DIR...]');
  process.exit(2);
}
// Three times the cores: a file's process waits (on git, on the SDK's retry pauses, on the clock) more often than
// not. Measured on 2 cores: 6 processes at once and 22 batches took 155 s; 4 and 31 took 183 s.
const jobs = Number(values.jobs ?? process.env.GITMOXI_TEST_JOBS ?? 3 * availableParallelism());
const matcher = new RegExp(values.pattern);

function testFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return matcher.test(entry.name) ? [path] : [];
  });
}

// The largest files first: they are the longest, and starting them early keeps the pool busy to the end.
const files = dirs.flatMap((dir) => testFiles(dir).map((path) => ({ dir, path, size: statSync(path).size }))).sort((a, b) => b.size - a.size);
const wholes = values.whole.map((dir) => ({ dir, files: testFiles(dir) }));
const fileCount = files.length + wholes.reduce((n, whole) => n + whole.files.length, 0);
if (fileCount === 0) {
  console.error(`no test file under ${[...values.whole, ...dirs].join(', ')} matches ${values.pattern}`);
  process.exit(2);
}

/**
 * Files that simulate long deployments (bakes and storms of simulated hours) run in a process of their own and
 * start first: their time is not in proportion to their size. A scheduling hint only; any file may match or not.
 */
const longRunning = /(ecs-native|throttling|deploy-bluegreen|rehearse)[^/]*$/;

/**
 * Files in batches of about half a process's fair share, by size: few enough that start-ups (a second of CPU each)
 * stay few, small enough that the pool stays balanced.
 */
function batches() {
  const cap = files.reduce((sum, f) => sum + f.size, 0) / (jobs * 2);
  const out = [
    ...wholes.map(({ dir }) => ({ dir, files: [], label: `${dir}/`, size: Infinity })),
    ...files.filter((file) => longRunning.test(file.path)).map((file) => ({ dir: file.dir, files: [file.path], size: Infinity })),
  ];
  for (const file of files.filter((f) => !longRunning.test(f.path))) {
    const open = out.find((batch) => batch.dir === file.dir && batch.size + file.size <= cap);
    if (open) {
      open.files.push(file.path);
      open.size += file.size;
    } else out.push({ dir: file.dir, files: [file.path], size: file.size });
  }
  return out.map(({ dir, files: paths, label }) => ({ dir, paths, label: label ?? paths.map((path) => relative(dir, path)).join(' + ') }));
}

function runBatch({ dir, paths }) {
  return new Promise((resolve) => {
    const started = Date.now();
    // uvu, given the folder and the exact file paths below it (or the pattern, for a whole folder), so the output is
    // what uvu prints.
    const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const names = paths.map((file) => literal(relative(dir, file)));
    const filter = paths.length === 0 ? values.pattern : `^(${names.join('|')})$`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/run-uvu.mjs', dir, filter], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    timings.push([batch.label, result.seconds]);
    if (result.code !== 0) failed.push(batch.label);
  }
}
await Promise.all(Array.from({ length: Math.min(jobs, processes) }, worker));
// GITMOXI_TEST_TIMINGS=1 lists every process, to see where the suite's time goes.
const slowest = timings
  .sort((a, b) => b[1] - a[1])
  .slice(0, process.env.GITMOXI_TEST_TIMINGS ? timings.length : 3)
  .map(([label, s]) => `${label} ${s.toFixed(1)} s`);
console.log(
  `\n${fileCount} files in ${processes} processes, ${jobs} at a time, ${((Date.now() - started) / 1000).toFixed(1)} s; slowest: ${slowest.join(', ')}`,
);
if (failed.length > 0) console.log(`failed: ${failed.join(', ')}`);
process.exit(failed.length > 0 ? 1 : 0);
