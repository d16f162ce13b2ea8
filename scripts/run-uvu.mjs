#!/usr/bin/env node
// uvu's own CLI (`uvu DIR PATTERN`), then an exit once the results are printed: a test that leaves a handle open (a
// keep-alive socket, a timer) must not keep a test run waiting for ever after its last test. What was still open
// is named on stderr, so that the leak can be found and fixed.
// Usage: node --import tsx scripts/run-uvu.mjs DIR [PATTERN]
import { parse } from 'uvu/parse';
import { run } from 'uvu/run';

const [dir, pattern] = process.argv.slice(2);
process.env.FORCE_COLOR ??= '1';
const { suites } = await parse(dir, pattern, { cwd: '.' });
await run(suites, {});
await new Promise((resolve) => process.stdout.write('', resolve));
// What finishes on its own shortly (a file write, a socket closing, a short timer) is not a leak: let it end first.
// The process's own stdout and stderr are a terminal or, under scripts/test-files.mjs, two pipes.
const ownPipes = [process.stdout, process.stderr].filter((stream) => !stream.isTTY).length;
const leftOpen = () => {
  const kinds = process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap');
  for (let i = 0; i < ownPipes; i += 1) kinds.splice(kinds.indexOf('PipeWrap'), kinds.includes('PipeWrap') ? 1 : 0);
  return kinds;
};
for (let waited = 0; waited < 1000 && leftOpen().length > 0; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
const open = leftOpen();
if (open.length > 0) process.stderr.write(`note: still open after the last test, closed by exiting: ${[...new Set(open)].join(', ')}\n`);
if (process.env.GITMOXI_TEST_TIMINGS) {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stderr.write(`cpu: ${((userCPUTime + systemCPUTime) / 1e6).toFixed(1)} s in ${dir} ${pattern ?? ''}\n`);
}
process.exit(process.exitCode ?? 0);
