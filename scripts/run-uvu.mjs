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
const open = process.getActiveResourcesInfo().filter((kind) => kind !== 'TTYWrap');
if (open.length > 0) process.stderr.write(`note: still open after the last test, closed by exiting: ${[...new Set(open)].join(', ')}\n`);
if (process.env.GITMOXI_TEST_TIMINGS) {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  process.stderr.write(`cpu: ${((userCPUTime + systemCPUTime) / 1e6).toFixed(1)} s in ${dir} ${pattern ?? ''}\n`);
}
process.exit(process.exitCode ?? 0);
