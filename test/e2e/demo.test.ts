/** `gitmoxi demo`: both examples, four commits, every step ending as the story says (exit 0). */
import { tmpdir } from 'node:os';
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
});

test.run();
