/**
 * `gitmoxi rehearse` on copies of the examples, as a team would run it on its own repository before merging: the
 * CLI as a subprocess, its in-process simulator seeded from the examples' Terraform outputs, the examples' own
 * scenario files (examples/NAME/rehearse/). Each test asserts the exit code `deploy` would give, what the output
 * says happened, and, where the settings make them exact, the simulated durations.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleTree, runCli, type CliResult } from '../fakes/cli.js';
import { makeRepo, type FileTree, type TempRepo } from '../fakes/temp-repo.js';

const repos: TempRepo[] = [];

test.after.each(async () => {
  for (const repo of repos.splice(0)) await repo.cleanup();
});

/** The example at its first commit, then one commit that edits one key of one input file. */
async function exampleWithChange(example: string, input: string, key: string, value: string): Promise<TempRepo> {
  const tree = await exampleTree(example);
  const text = tree[input];
  if (text === undefined || text === null) throw new Error(`the example ${example} has no ${input}`);
  const changed = { ...(JSON.parse(text.toString()) as Record<string, unknown>), [key]: value };
  const repo = await makeRepo([{ files: tree }, { files: { [input]: `${JSON.stringify(changed, null, 2)}\n` } as FileTree }]);
  repos.push(repo);
  return repo;
}

function rehearse(repo: TempRepo, ...args: string[]): Promise<CliResult> {
  return runCli(['rehearse', '--no-color', ...args], { cwd: repo.dir });
}

const lambdaInput = 'functions/hello/hello_lambdainput.json';
const rollingInput = 'services/web/web_input.json';

test('lambda-canary, a new package, no fault: exit 0, the canary as deploy runs it, 130 simulated seconds', async () => {
  const repo = await exampleWithChange('lambda-canary', lambdaInput, 'code_key', 'hello/hello-1.5.0.zip');
  const result = await rehearse(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /against gitmoxi's built-in AWS simulator, on its virtual clock; nothing is sent to AWS/);
  assert.match(
    result.stdout,
    'seeded (account 123456789012, us-east-1): target group hello-lambda, listener gitmoxi-rehearsal:80 → hello-lambda, alarm hello-errors, role demo-hello-lambda, code s3://demo-artifacts-123456789012/hello/hello-1.4.0.zip, code s3://demo-artifacts-123456789012/hello/hello-1.5.0.zip',
  );
  assert.match(result.stdout, /baseline: 1 unit deployed as at [0-9a-f]{7} first, without faults/);
  assert.match(result.stdout, /step 1\/2: 10% of live to version 2/);
  // Two canary waits of 60 s (hello_lambdadepdef.json), and one readiness interval of 5 s each for the code update
  // to finish and for the new version to be Active: the same on every machine, whatever its load.
  assert.match(result.stdout, /\n {2}functions\/hello\/hello +deployed +2m 10s \(130 s\)\n {2}total +2m 10s \(130 s\)\n/);
  assert.match(result.stdout, 'rehearsal exit code 0');
  assert.not.match(result.stdout + result.stderr, 'gk-9f8e7d6c5b4a39281706', 'a sensitive Terraform output is never printed');
});

test('--json: only NDJSON on stdout, ending with the rehearsal line and its simulated milliseconds', async () => {
  const repo = await exampleWithChange('lambda-canary', lambdaInput, 'code_key', 'hello/hello-1.5.0.zip');
  const result = await rehearse(repo, '--from', 'HEAD~1', '--json');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const lines = result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const last = lines[lines.length - 1];
  assert.equal(
    { type: last?.type, units: last?.units, totalMs: last?.totalMs, exitCode: last?.exitCode },
    { type: 'rehearsal.finished', units: [{ unit: 'functions/hello/hello', result: 'deployed', simulatedMs: 130_000 }], totalMs: 130_000, exitCode: 0 },
  );
  assert.is((last?.seeded as { account?: string } | undefined)?.account, '123456789012');
});

test('lambda-canary with rehearse/alarm.yaml: the alarm fires on the first 10%, the alias goes back, exit 1', async () => {
  const repo = await exampleWithChange('lambda-canary', lambdaInput, 'code_key', 'hello/hello-1.5.0.zip');
  const result = await rehearse(repo, '--from', 'HEAD~1', '--scenario', 'rehearse/alarm.yaml');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, 'faults: 1 from rehearse/alarm.yaml');
  assert.match(result.stdout, 'alarm hello-errors fired with 10% on the new version');
  // The update and the readiness check of version 2 (5 s each), then the first alarm check after the 10% step;
  // the run's calls outrun Lambda's client-side budget (10 a second, docs/resilience.md), and the 0.1 s pause for
  // a token is simulated time too.
  assert.match(result.stdout, /\n {2}functions\/hello\/hello +rolled back +10\.1 s\n/);
  assert.match(result.stdout, 'rehearsal exit code 1');
});

test('ecs-rolling with rehearse/breaker.yaml: the new tasks cannot start, the breaker trips, the service is rolled back, exit 1', async () => {
  const repo = await exampleWithChange('ecs-rolling', rollingInput, 'image', 'public.ecr.aws/nginx/nginx:1.27.4');
  const result = await rehearse(repo, '--from', 'HEAD~1', '--scenario', 'rehearse/breaker.yaml');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, 'seeded (account 123456789012, us-east-1): cluster demo, target group demo-web, listener gitmoxi-rehearsal:80 → demo-web');
  assert.match(result.stdout, /circuit breaker tripped: \d+ tasks of the new revision failed \(threshold 3\)/);
  assert.match(result.stdout, /rollback +back to arn:aws:ecs:us-east-1:123456789012:task-definition\/web:1/);
  assert.match(result.stdout, /services\/web\/web +rolled back +[^\n]*web:1 \(restored\)/);
  assert.match(result.stdout, /\n {2}services\/web\/web +rolled back +\d/);
  assert.match(result.stdout, 'rehearsal exit code 1');
  assert.not.match(result.stdout + result.stderr, 'db-password-AbCdEf', 'a sensitive Terraform output is never printed');
});

test('ecs-rolling with rehearse/healthy.yaml: the target group set up as the scenario says, the update succeeds, exit 0', async () => {
  const repo = await exampleWithChange('ecs-rolling', rollingInput, 'image', 'public.ecr.aws/nginx/nginx:1.27.4');
  const result = await rehearse(repo, '--from', 'HEAD~1', '--scenario', 'rehearse/healthy.yaml');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /services\/web\/web +update +updated service web to web:2/);
  assert.match(result.stdout, /\n {2}services\/web\/web +deployed +/);
});

test('ecs-bluegreen with rehearse/alarm.yaml: all traffic back on blue, the new task set deleted, exit 1', async () => {
  const repo = await exampleWithChange('ecs-bluegreen', 'services/checkout/checkout_input.json', 'image', 'public.ecr.aws/docker/library/httpd:2.4.62');
  const result = await rehearse(repo, '--from', 'HEAD~1', '--scenario', 'rehearse/alarm.yaml');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(result.stdout, 'target group checkout-blue, target group checkout-green, listener gitmoxi-rehearsal:80 → checkout-blue');
  assert.match(result.stdout, 'alarm checkout-5xx-rate went into ALARM during the wait after traffic step 1 of 4 (25%)');
  // Traffic first, then the task set: never a route to a task set being deleted.
  const restored = result.stdout.search(/rollback +traffic restored: 0% to the new version \(1 route\)/);
  const deleted = result.stdout.search(/rollback +deleted task set \d+ \(rolled back\)/);
  assert.ok(restored > 0 && deleted > restored, result.stdout);
  assert.match(result.stdout, /services\/checkout\/checkout +rolled back +[^\n]*checkout:1 \(restored\)/);
});

test('ecs-native with rehearse/hook-fails.yaml: the rules, listeners and load balancer by exact ARN, the hook fails, ECS rolls back, exit 1', async () => {
  const repo = await exampleWithChange('ecs-native', 'services/storefront/storefront_input.json', 'image', 'public.ecr.aws/nginx/nginx:1.28');
  const result = await rehearse(repo, '--from', 'HEAD~1', '--scenario', 'rehearse/hook-fails.yaml');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.match(
    result.stdout,
    'listener demo:80 → storefront-a, rule demo:80 /* → storefront-a, listener demo:81 → storefront-a, rule demo:81 /* → storefront-a',
  );
  assert.match(result.stdout, 'function storefront-smoke-test');
  assert.match(result.stdout, /rollback +ROLLBACK_SUCCESSFUL POST_TEST_TRAFFIC_SHIFT: production 100% blue \/ 0% green; POST_TEST_TRAFFIC_SHIFT hook FAILED/);
  assert.match(result.stdout, /\n {2}services\/storefront\/storefront +rolled back +/);
});

test('a scenario file with a mistake: exit 2 before anything runs, naming the file, the line and the fix', async () => {
  const repo = await exampleWithChange('lambda-canary', lambdaInput, 'code_key', 'hello/hello-1.5.0.zip');
  await repo.commit({
    'rehearse/typo.yaml': 'faults:\n  - kind: alarm\n    alarmName: hello-errors\n    whenTrafficTo: { functionName: hello, versoin: "2" }\n',
  });
  const result = await rehearse(repo, '--from', 'HEAD~2', '--scenario', 'rehearse/typo.yaml');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, 'error[E_SCENARIO_INVALID]: the scenario file rehearse/typo.yaml is not valid: nothing was rehearsed');
  assert.match(result.stderr, /rehearse\/typo\.yaml:4: faults\[0\]\.whenTrafficTo: Unrecognized key: "versoin"/);
  assert.match(result.stderr, 'hint: Fix the scenario file at the lines shown');
  assert.not.match(result.stdout, 'seeded');
});

test('a scenario file that does not exist, and --endpoint-url: exit 2, nothing rehearsed', async () => {
  const repo = await exampleWithChange('lambda-canary', lambdaInput, 'code_key', 'hello/hello-1.5.0.zip');
  const missing = await rehearse(repo, '--scenario', 'rehearse/nope.yaml');
  assert.is(missing.code, 2, missing.stdout + missing.stderr);
  assert.match(missing.stderr, 'cannot read the scenario file rehearse/nope.yaml (ENOENT)');
  const aws = await rehearse(repo, '--endpoint-url', 'http://127.0.0.1:9');
  assert.is(aws.code, 2, aws.stdout + aws.stderr);
  assert.match(aws.stderr, 'gitmoxi rehearse takes no --endpoint-url: a rehearsal runs against its own simulator and never reaches AWS');
  assert.is(aws.stdout, '');
});

test.run();
