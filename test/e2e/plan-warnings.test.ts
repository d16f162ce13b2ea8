/**
 * What `gitmoxi plan` warns about without refusing the unit: a region the AWS SDK does not list, and template
 * braces left in a rendered value. Exit 0, the warning names file and line, and never the value.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { makeRepo, type FileTree } from '../fakes/temp-repo.js';

const files = (region: string, executionRoleArn: string): FileTree => ({
  'svc/web_svcdef.json': JSON.stringify(
    { cluster: 'demo', serviceName: 'web', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } },
    null,
    2,
  ),
  'svc/web_taskdef.json': [
    '{',
    '  "family": "web",',
    '  "networkMode": "awsvpc",',
    '  "cpu": "256",',
    '  "memory": "512",',
    `  "executionRoleArn": "${executionRoleArn}",`,
    '  "containerDefinitions": [{ "name": "web", "image": "nginx:1.27", "essential": true }]',
    '}',
  ].join('\n'),
  'svc/web_depdef.json': JSON.stringify({ environment: { region } }, null, 2),
  'svc/web_input.json': JSON.stringify({ role: 'arn:aws:iam::123456789012:role/exec' }),
});

async function plan(tree: FileTree) {
  const repo = await makeRepo([{ files: tree }]);
  try {
    return await runCli(['plan', '--no-color'], { cwd: repo.dir });
  } finally {
    await repo.cleanup();
  }
}

test('a region the SDK does not know plans with a warning naming the file and line', async () => {
  const result = await plan(files('us-moon-1', '{{ role }}'));
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stdout + result.stderr, "svc/web_depdef.json:3:5: environment.region: 'us-moon-1' is not a region the AWS SDK knows");
});

test('a placeholder that did not render plans with a warning naming the file and line, not the value', async () => {
  const result = await plan(files('us-east-1', '{execution_role_arn}}'));
  assert.is(result.code, 0, result.stderr);
  const output = result.stdout + result.stderr;
  assert.match(output, "svc/web_taskdef.json:6:3: executionRoleArn still holds '}}' after rendering");
  assert.not.match(output, /warning:.*execution_role_arn/);
});

test('a clean unit has no warning', async () => {
  const result = await plan(files('us-east-1', '{{ role }}'));
  assert.is(result.code, 0, result.stderr);
  assert.not.match(result.stdout + result.stderr, /warning/);
});

test.run();
