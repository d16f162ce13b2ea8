/**
 * `gitmoxi deploy` for Lambda functions, as CI runs it: the CLI as a subprocess against the simulator, real git
 * repositories, alias weights read back from the call log at every step, and the exit codes of
 * docs/design.md#exit-codes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  aliasOf,
  aliasUpdates,
  eventSourceMappings,
  lambdaTargets,
  lambdaUnit,
  liveApi,
  liveFunction,
  operations,
  publishedVersions,
  startLambdaSimulator,
} from '../fakes/lambda-fixture.js';
import { mutatingCalls, seededTargetGroupArn } from '../fakes/sim-fixture.js';
import type { TempRepo } from '../fakes/temp-repo.js';
import { deploySession } from '../fakes/deploy-session.js';
import { waitUntil } from '../fakes/wait-until.js';

const session = deploySession(test, startLambdaSimulator);
const { repoWith, deploy, deployInBackground } = session;

/** The `--json` events of a run, by type. */
function events(stdout: string, type: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((event) => event.type === type);
}

test('create: the function, version 1, the alias on it, and the commit tags: exit 0', async () => {
  const repo = await repoWith({ files: lambdaUnit({ name: 'hello' }) });
  const result = await deploy(repo, '--json');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const fn = liveFunction(session.sim, 'hello');
  assert.equal(publishedVersions(fn), ['1']);
  assert.equal(aliasOf(fn), { version: '1', weights: {} });
  assert.is(fn?.tags['gitmoxi:unit'], 'functions/hello/hello');
  assert.is(fn?.tags['gitmoxi:commit'], repo.shas[0]);
  assert.equal(
    events(result.stdout, 'version.published').map((e) => [e.version, e.reused]),
    [['1', false]],
  );
  const [finished] = events(result.stdout, 'unit.finished') as { result: { outcome: string; revision: string } }[];
  assert.is(finished?.result.outcome, 'deployed');
  assert.match(finished?.result.revision ?? '', /:function:hello:1$/);
});

/** Deploys the first commit, clears the call log, then deploys the second: what the update did is all that is logged. */
async function updateAfterFirst(repo: TempRepo, ...args: string[]) {
  const first = await deploy(repo, '--to', 'HEAD~1');
  assert.is(first.code, 0, first.stdout + first.stderr);
  session.sim.control.clearCalls();
  return deploy(repo, '--from', 'HEAD~1', ...args);
}

test('code update with CANARY 10%: 10% on the new version, then 100%; the old version is deleted', async () => {
  const repo = await repoWith({ files: lambdaUnit({ name: 'hello' }) }, { files: lambdaUnit({ name: 'hello', s3Key: 'hello/2.zip' }) });
  const result = await updateAfterFirst(repo, '--json');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(aliasUpdates(session.sim), [
    { version: '1', weights: { '2': 0.1 } },
    { version: '2', weights: {} },
  ]);
  const shifted = events(result.stdout, 'alias.shifted').map((e) => [e.version, e.newVersion, e.weight, e.step, e.steps]);
  assert.equal(shifted, [
    ['1', '2', 0.1, 1, 2],
    ['2', null, 1, 2, 2],
  ]);
  const fn = liveFunction(session.sim, 'hello');
  assert.equal(aliasOf(fn), { version: '2', weights: {} });
  assert.equal(publishedVersions(fn), ['2']);
  assert.is(fn?.tags['gitmoxi:commit'], repo.shas[1]);
});

test('LINEAR 25%: four steps, each read back, ending fully on the new version', async () => {
  const linear = { trafficShiftingConfig: { type: 'LINEAR', percent: 25, waitInterval: 30 } };
  const repo = await repoWith({ files: lambdaUnit({ name: 'hello', depdef: linear }) }, { files: lambdaUnit({ name: 'hello', depdef: linear, memory: 512 }) });
  const result = await updateAfterFirst(repo, '--json');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(aliasUpdates(session.sim), [
    { version: '1', weights: { '2': 0.25 } },
    { version: '1', weights: { '2': 0.5 } },
    { version: '1', weights: { '2': 0.75 } },
    { version: '2', weights: {} },
  ]);
  assert.equal(
    events(result.stdout, 'alias.shifted').map((e) => e.weight),
    [0.25, 0.5, 0.75, 1],
  );
  assert.is(liveFunction(session.sim, 'hello')?.configuration.MemorySize, 512);
  assert.equal(aliasOf(liveFunction(session.sim, 'hello')), { version: '2', weights: {} });
});

test('an alarm at the canary step: alias back on the old version, the new version deleted, exit 1', async () => {
  session.sim.control.addFaults([{ kind: 'alarm', alarmName: 'hello-errors', whenTrafficTo: { functionName: 'hello', version: '2' } }]);
  const watched = { alarms: { alarmNames: ['hello-errors'] } };
  const repo = await repoWith(
    { files: lambdaUnit({ name: 'hello', depdef: watched }) },
    { files: lambdaUnit({ name: 'hello', depdef: watched, s3Key: 'hello/2.zip' }) },
  );
  const result = await updateAfterFirst(repo, '--json');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.equal(aliasUpdates(session.sim), [
    { version: '1', weights: { '2': 0.1 } },
    { version: '1', weights: {} },
  ]);
  const fn = liveFunction(session.sim, 'hello');
  assert.equal(aliasOf(fn), { version: '1', weights: {} });
  assert.equal(publishedVersions(fn), ['1']);
  assert.equal(
    events(result.stdout, 'alarm.fired').map((e) => e.alarmName),
    ['hello-errors'],
  );
  assert.equal(
    events(result.stdout, 'alias.shifted').map((e) => [e.version, e.newVersion, e.weight, e.step]),
    [
      ['1', '2', 0.1, 1],
      ['1', null, 0, 0],
    ],
  );
  const [finished] = events(result.stdout, 'unit.finished') as { result: { outcome: string; report: { alarms?: unknown[] } } }[];
  assert.is(finished?.result.outcome, 'rolled-back');
  assert.is(finished?.result.report.alarms?.length, 1);
  // The commit that failed is not recorded on the function.
  assert.is(fn?.tags['gitmoxi:commit'], repo.shas[0]);
});

test('a version that never becomes ready: no traffic moves, the version is deleted, exit 1', async () => {
  session.sim.control.addFaults([{ kind: 'lambda-not-ready', match: { functionName: 'hello', version: '2' } }]);
  const repo = await repoWith({ files: lambdaUnit({ name: 'hello' }) }, { files: lambdaUnit({ name: 'hello', s3Key: 'hello/2.zip' }) });
  const result = await updateAfterFirst(repo);
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.equal(aliasUpdates(session.sim), []);
  const fn = liveFunction(session.sim, 'hello');
  assert.equal(aliasOf(fn), { version: '1', weights: {} });
  assert.equal(publishedVersions(fn), ['1']);
  assert.match(result.stdout, /not Active after 30 s/);
});

function pushSources(apiId: string, routeId: string) {
  return {
    PushEventSources: [
      { Service: 'elasticloadbalancing.amazonaws.com', TargetGroupArn: seededTargetGroupArn(session.sim, 'hello-lambda') },
      // The spelling GitMoxi's documentation uses.
      { Service: 'apigateway.amazonaws.com', ApiId: apiId, RouteId: routeId, AlaisStageVariableName: 'lambdaAlias' },
    ],
  };
}

test('ELB and API Gateway push sources: granted and attached once, unchanged by re-runs and code updates', async () => {
  const api = liveApi(session.sim, 'shop');
  const routeId = api.routes[0]?.routeId ?? '';
  const sources = pushSources(api.apiId, routeId);
  const repo = await repoWith(
    { files: lambdaUnit({ name: 'hello', eventSources: sources }) },
    { files: lambdaUnit({ name: 'hello', eventSources: sources, s3Key: 'hello/2.zip' }) },
  );
  const created = await deploy(repo, '--to', 'HEAD~1');
  assert.is(created.code, 0, created.stdout + created.stderr);
  const aliasArn = 'arn:aws:lambda:us-east-1:123456789012:function:hello:live';
  const check = () => {
    const statements = liveFunction(session.sim, 'hello')?.policies.live ?? [];
    assert.equal(statements.map((s) => (s.Principal as { Service: string }).Service).sort(), [
      'apigateway.amazonaws.com',
      'elasticloadbalancing.amazonaws.com',
    ]);
    const now = liveApi(session.sim, 'shop');
    assert.is(now.integrations.length, 1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an API Gateway stage variable, resolved by API Gateway.
    assert.is(now.integrations[0]?.integrationUri, 'arn:aws:lambda:us-east-1:123456789012:function:hello:${stageVariables.lambdaAlias}');
    assert.is(now.routes[0]?.target, `integrations/${now.integrations[0]?.integrationId}`);
    assert.equal(lambdaTargets(session.sim, 'hello-lambda'), [aliasArn]);
  };
  check();
  session.sim.control.clearCalls();
  const again = await deploy(repo, '--to', 'HEAD~1', '--force');
  assert.is(again.code, 0, again.stdout + again.stderr);
  assert.equal(mutatingCalls(session.sim), []);
  check();
  const updated = await deploy(repo, '--from', 'HEAD~1');
  assert.is(updated.code, 0, updated.stdout + updated.stderr);
  check();
  assert.is(operations(session.sim, 'AddPermission'), 0);
  assert.is(operations(session.sim, 'CreateIntegration'), 0);
  assert.is(operations(session.sim, 'RegisterTargets'), 0);
  assert.equal(aliasOf(liveFunction(session.sim, 'hello')), { version: '2', weights: {} });
});

test('removing a push source takes away what gitmoxi granted for it', async () => {
  const api = liveApi(session.sim, 'shop');
  const sources = pushSources(api.apiId, api.routes[0]?.routeId ?? '');
  const apiOnly = { PushEventSources: [sources.PushEventSources[1]] };
  const repo = await repoWith({ files: lambdaUnit({ name: 'hello', eventSources: sources }) }, { files: lambdaUnit({ name: 'hello', eventSources: apiOnly }) });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(lambdaTargets(session.sim, 'hello-lambda'), []);
  assert.equal(
    liveFunction(session.sim, 'hello')?.policies.live?.map((s) => s.Sid),
    [`gitmoxi-apigw-${api.apiId}`],
  );
});

test('an SQS event source mapping is created on the alias, then updated in place, then removed with its file', async () => {
  const queue = 'arn:aws:sqs:us-east-1:123456789012:orders';
  const mapping = (batch: number) => ({ PullEventSources: { EventSourceMapping: { EventSourceArn: queue, BatchSize: batch } } });
  const repo = await repoWith(
    { files: lambdaUnit({ name: 'hello', eventSources: mapping(5) }) },
    { files: lambdaUnit({ name: 'hello', eventSources: mapping(10) }) },
    { files: { 'functions/hello/hello_lambdaeventsourcedef.json': null } },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~2')).code, 0);
  const [created] = eventSourceMappings(session.sim);
  assert.equal([created?.BatchSize, created?.FunctionArn], [5, 'arn:aws:lambda:us-east-1:123456789012:function:hello:live']);
  const updated = await deploy(repo, '--from', 'HEAD~2', '--to', 'HEAD~1');
  assert.is(updated.code, 0, updated.stdout + updated.stderr);
  const after = eventSourceMappings(session.sim);
  assert.equal(
    after.map((m) => [m.UUID, m.BatchSize]),
    [[created?.UUID, 10]],
  );
  assert.is(operations(session.sim, 'CreateEventSourceMapping'), 1);
  assert.is(operations(session.sim, 'UpdateEventSourceMapping'), 1);
  const removed = await deploy(repo, '--from', 'HEAD~1');
  assert.is(removed.code, 0, removed.stdout + removed.stderr);
  assert.is(operations(session.sim, 'DeleteEventSourceMapping'), 1);
  assert.ok(
    eventSourceMappings(session.sim).every((m) => m.State === 'Deleting'),
    JSON.stringify(eventSourceMappings(session.sim)),
  );
});

test('code zipped from a repository folder: unchanged code and configuration publish no new version', async () => {
  const unit = (tags: Record<string, string>) => lambdaUnit({ name: 'hello', zipFile: 'functions/hello/src', tags });
  const repo = await repoWith(
    { files: { ...unit({ team: 'a' }), 'functions/hello/src/app.py': 'def handler(event, context):\n    return 1\n' } },
    { files: unit({ team: 'b' }) },
    { files: { 'functions/hello/src/app.py': 'def handler(event, context):\n    return 2\n' } },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~2')).code, 0);
  const first = liveFunction(session.sim, 'hello')?.configuration.CodeSha256;
  session.sim.control.clearCalls();
  const tagsOnly = await deploy(repo, '--from', 'HEAD~2', '--to', 'HEAD~1', '--json');
  assert.is(tagsOnly.code, 0, tagsOnly.stdout + tagsOnly.stderr);
  assert.equal(
    events(tagsOnly.stdout, 'version.published').map((e) => [e.version, e.reused]),
    [['1', true]],
  );
  assert.is(operations(session.sim, 'UpdateFunctionCode') + operations(session.sim, 'UpdateFunctionConfiguration') + operations(session.sim, 'UpdateAlias'), 0);
  assert.equal(publishedVersions(liveFunction(session.sim, 'hello')), ['1']);
  assert.is(liveFunction(session.sim, 'hello')?.tags.team, 'b');
  // A change inside the folder alone redeploys the unit with new code.
  const codeOnly = await deploy(repo, '--from', 'HEAD~1');
  assert.is(codeOnly.code, 0, codeOnly.stdout + codeOnly.stderr);
  const fn = liveFunction(session.sim, 'hello');
  assert.equal(aliasOf(fn), { version: '2', weights: {} });
  assert.is.not(fn?.configuration.CodeSha256, first);
});

test('deleting the lambdadef deletes the function, its mapping and its target registration', async () => {
  const files = lambdaUnit({
    name: 'hello',
    eventSources: {
      PushEventSources: [{ Service: 'elasticloadbalancing.amazonaws.com', TargetGroupArn: seededTargetGroupArn(session.sim, 'hello-lambda') }],
      PullEventSources: { EventSourceMapping: { EventSourceArn: 'arn:aws:sqs:us-east-1:123456789012:orders' } },
    },
  });
  const repo = await repoWith({ files }, { files: { 'functions/hello/hello_lambdadef.json': null } });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  assert.is(lambdaTargets(session.sim, 'hello-lambda').length, 1);
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.is(liveFunction(session.sim, 'hello'), null);
  assert.equal(lambdaTargets(session.sim, 'hello-lambda'), []);
  assert.ok(eventSourceMappings(session.sim).every((m) => m.State === 'Deleting'));
  assert.match(result.stdout, /deleted/);
});

test('two functions in two regions deploy at once', async () => {
  const repo = await repoWith({ files: { ...lambdaUnit({ name: 'hello' }), ...lambdaUnit({ name: 'eu', region: 'eu-west-1' }) } });
  const result = await deploy(repo, '--concurrency', '2');
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.equal(aliasOf(liveFunction(session.sim, 'hello')), { version: '1', weights: {} });
  assert.equal(aliasOf(liveFunction(session.sim, 'eu', 'eu-west-1')), { version: '1', weights: {} });
  assert.is(liveFunction(session.sim, 'eu'), null);
  const regions = new Set(
    session.sim.control
      .calls()
      .filter((c) => c.operation === 'CreateFunction')
      .map((c) => c.region),
  );
  assert.equal([...regions].sort(), ['eu-west-1', 'us-east-1']);
});

test('SIGTERM during the canary wait puts the alias back on the old version and exits 4', async () => {
  const slow = { trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 3600 } };
  const repo = await repoWith(
    { files: lambdaUnit({ name: 'hello', depdef: slow }) },
    { files: lambdaUnit({ name: 'hello', depdef: slow, s3Key: 'hello/2.zip' }) },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  session.sim.control.clearCalls();
  const child = deployInBackground(repo, '--from', 'HEAD~1');
  await waitUntil(() => aliasUpdates(session.sim).length > 0, 'the first alias update');
  child.kill('SIGTERM');
  const result = await child;
  assert.is(result.exitCode, 4, String(result.stdout) + String(result.stderr));
  assert.equal(aliasUpdates(session.sim), [
    { version: '1', weights: { '2': 0.1 } },
    { version: '1', weights: {} },
  ]);
  const fn = liveFunction(session.sim, 'hello');
  assert.equal(aliasOf(fn), { version: '1', weights: {} });
  assert.equal(publishedVersions(fn), ['1']);
});

test.run();
