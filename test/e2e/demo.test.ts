/** `gitmoxi demo`: both examples, four commits, every step ending as the story says (exit 0). */
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';

test('the demo deploys the ECS service and the Lambda function, runs a canary, and rolls back a bad image', async () => {
  const result = await runCli(['demo', '--no-color', '--time-scale', '200'], { cwd: tmpdir() });
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /functions\/hello\/hello +deployed .*hello:1/);
  assert.match(result.stdout, /alias live: 10% to version 2, 90% to 1/);
  assert.match(result.stdout, /deployed hello:2/);
  assert.match(result.stdout, /Every step ended as expected\./);
  // Its closing lines name the installed command: `npx gitmoxi` outside a clone fetches whatever the registry has.
  assert.match(result.stdout, /^ {2}gitmoxi plan /m);
  assert.not.match(result.stdout, /npx gitmoxi/);
});

test('under GitHub Actions the demo, which exits 0, annotates nothing and writes no step summary', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'gitmoxi-demo-gha-'));
  const summary = join(folder, 'summary.md');
  const result = await runCli(['demo', '--no-color', '--time-scale', '200'], {
    cwd: folder,
    env: { GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: summary },
  });
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.not.match(result.stdout, /^::(error|warning)/m);
  assert.is(existsSync(summary), false, 'the demo wrote a step summary');
});

test.run();
