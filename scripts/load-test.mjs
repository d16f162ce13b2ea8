#!/usr/bin/env node
// Runs the test suite while busy loops occupy the CPUs, several times in a row, to show that no test depends on
// the machine's speed or load (CI may run on a developer's busy machine). Busy loops: 2 × cores unless --loops.
// Prints one line per pass (exit code, tests passed/failed, wall time) and a summary; exits 1 if any pass failed.
// Usage: node scripts/load-test.mjs [--passes 5] [--loops N] [--script test]   (the npm script to run each pass)
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs, stripVTControlCharacters } from 'node:util';

const { values } = parseArgs({
  options: {
    passes: { type: 'string', default: '5' },
    loops: { type: 'string' },
    script: { type: 'string', default: 'test' },
  },
});
const cores = availableParallelism();
const passes = Number(values.passes);
const loops = values.loops === undefined ? 2 * cores : Number(values.loops);
if (!(Number.isInteger(passes) && passes > 0 && Number.isInteger(loops) && loops >= 0)) {
  console.error('load-test: --passes must be a positive integer and --loops a non-negative one');
  process.exit(2);
}

const busy = Array.from({ length: loops }, () => spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }));
const stopBusy = () => {
  for (const child of busy) child.kill('SIGKILL');
};
process.on('exit', stopBusy);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopBusy();
    process.exit(130);
  });
}

/** Runs `npm run <script>` once; its exit code, the uvu totals it printed, and its wall time. */
function onePass() {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn('npm', ['run', '--silent', values.script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const plain = stripVTControlCharacters(output);
      const sum = (label) => [...plain.matchAll(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
      const total = sum('Total');
      const passed = sum('Passed');
      const skipped = sum('Skipped');
      resolve({ code: code ?? 1, total, passed, failed: total - passed - skipped, seconds: (Date.now() - started) / 1000, output: plain });
    });
  });
}

console.log(`load test: npm run ${values.script}, ${passes} passes, ${loops} busy loops on ${cores} cores, node ${process.version}`);
const results = [];
for (let i = 1; i <= passes; i++) {
  const result = await onePass();
  results.push(result);
  const load = loadavg()[0].toFixed(1);
  console.log(
    `pass ${i}: exit ${result.code}, ${result.passed} passed, ${result.failed} failed of ${result.total}, ${result.seconds.toFixed(0)} s, load average ${load}`,
  );
  if (result.code !== 0) {
    const failures = result.output
      .split('\n')
      .filter((line) => /FAIL|✘|Error:/.test(line))
      .slice(0, 40);
    console.log(failures.join('\n'));
  }
}
stopBusy();
const seconds = results.map((r) => r.seconds).sort((a, b) => a - b);
const green = results.filter((r) => r.code === 0).length;
console.log(
  `${green} of ${passes} passes green; wall time median ${seconds[Math.floor(seconds.length / 2)].toFixed(0)} s (min ${seconds[0].toFixed(0)}, max ${seconds.at(-1).toFixed(0)})`,
);
process.exit(green === passes ? 0 : 1);
