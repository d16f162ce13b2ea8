/**
 * The `gitmoxi:lock` tag under slow writes and racing runs (docs/resilience.md): a run whose TagResource takes
 * seconds still takes its own lock and finishes; no run that ends normally leaves its tag behind; and of two runs
 * started together on one Lambda function, exactly one drives it, every time. The engine runs in the test process,
 * each run with its own SDK clients, as two CLI processes would.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Fault, Scenario } from '../../src/sim/types.js';
import { blueGreenScenario, blueGreenUnit, currentWeights, liveTaskSets, targetGroupArns } from '../fakes/bluegreen-fixture.js';
import { deployInProcess, type EngineRun } from '../fakes/engine-run.js';
import { aliasOf, lambdaScenario, lambdaUnit, liveFunction } from '../fakes/lambda-fixture.js';
import { ecsScenario, ecsUnit, liveService, seededTargetGroupArn, type Simulator } from '../fakes/sim-fixture.js';
import type { FileTree } from '../fakes/temp-repo.js';
import { perTest } from '../fakes/per-test.js';

const scale = 200;
const session = perTest(test);
const start = (scenario: Scenario) => session.start(scenario, scale);
const repoWith = (...trees: FileTree[]) => session.repoWith(...trees.map((files) => ({ files })));

/** TagResource answers 50 real ms late: 10 simulated seconds at 200×, five times the old fixed settle. */
const slowTagging = (service: 'ecs' | 'lambda'): Fault => ({ kind: 'latency', service, operation: 'TagResource', ms: 50 });

const outcomes = (run: EngineRun) => JSON.stringify(run.results.map((r) => [r.outcome, r.error?.message]));

test('blue/green with a slow TagResource: the run takes its own lock, finishes, and leaves no lock tag', async () => {
  const s = await start(blueGreenScenario);
  const unit = (image: string) =>
    blueGreenUnit({ name: 'web', image, targetGroups: targetGroupArns(s), depdef: { trafficShiftingConfig: { type: 'ALL_AT_ONCE', waitInterval: 10 } } });
  const repo = await repoWith(unit('nginx:1.27'), unit('nginx:1.28'));
  assert.is((await deployInProcess(s, repo, { to: 'HEAD~1' })).exitCode, 0);
  s.control.addFaults([slowTagging('ecs')]);
  const run = await deployInProcess(s, repo, { from: 'HEAD~1' });
  assert.is(run.exitCode, 0, outcomes(run));
  assert.equal(
    run.results.map((r) => r.outcome),
    ['deployed'],
  );
  assert.not.ok(
    run.events.some((e) => e.type === 'wait.started' && /holds the service's gitmoxi:lock tag/.test(e.reason)),
    'never waited for itself',
  );
  const live = await liveTaskSets(s, 'web');
  assert.equal([live.tags['gitmoxi:lock'], currentWeights(s)['listener:80']], [undefined, 'web-blue=0 web-green=100']);
});

test('rolling, slow TagResource, two runs of one commit started together: one drives, the other finds it done; no mark left', async () => {
  const s = await start(ecsScenario);
  const unit = (image: string) => ecsUnit({ name: 'web', image, targetGroupArn: seededTargetGroupArn(s, 'web') });
  const repo = await repoWith(unit('nginx:1.27'), unit('nginx:1.28'));
  assert.is((await deployInProcess(s, repo, { to: 'HEAD~1' })).exitCode, 0);
  s.control.addFaults([slowTagging('ecs')]);
  s.control.clearCalls();
  const runs = await Promise.all([deployInProcess(s, repo, { from: 'HEAD~1' }), deployInProcess(s, repo, { from: 'HEAD~1' })]);
  const label = runs.map(outcomes).join(' ');
  assert.equal(
    runs.map((run) => run.exitCode),
    [0, 0],
    label,
  );
  assert.equal(runs.map((run) => run.results[0]?.outcome).sort(), ['deployed', 'unchanged'], label);
  assert.is(s.control.calls().filter((call) => call.operation === 'UpdateService' && call.outcome === 'ok').length, 1, label);
  const live = await liveService(s, 'web');
  assert.equal([live?.taskDefinition, live?.tags['gitmoxi:lock']], ['web:2', undefined]);
});

/**
 * Which run each Lambda change belongs to, from what it carries: the code's S3 key, the commit in a published
 * version's description, or the commit tag written at the end. Changes that carry neither are left out.
 */
function changeOwners(s: Simulator, keys: ReadonlyMap<string, string>, commits: ReadonlyMap<string, string>): string[] {
  const owners: string[] = [];
  for (const call of s.control.calls()) {
    if (call.service !== 'lambda' || !call.mutating || call.outcome !== 'ok') continue;
    const params = call.params as { S3Key?: string; Description?: string; Tags?: Record<string, string> };
    const commit = params.Tags?.['gitmoxi:commit'];
    const described = [...commits.keys()].find((sha) => params.Description?.includes(sha.slice(0, 12)));
    const owner =
      params.S3Key !== undefined
        ? keys.get(params.S3Key)
        : described !== undefined
          ? commits.get(described)
          : commit !== undefined
            ? commits.get(commit)
            : undefined;
    if (owner !== undefined && owners.at(-1) !== owner) owners.push(owner);
  }
  return owners;
}

test('two runs started together on one Lambda function: exactly one drives it at a time, in 20 of 20 starts', async () => {
  const s = await start(lambdaScenario);
  const depdef = { trafficShiftingConfig: { type: 'CANARY', percent: 50, waitInterval: 5 }, readinessCheck: { waitInterval: 1, maxRetries: 10 } };
  const files = (n: number) => lambdaUnit({ name: 'hello', s3Key: `hello/${n}.zip`, depdef });
  const repo = await repoWith(files(0));
  assert.is((await deployInProcess(s, repo)).exitCode, 0);
  let version = 0;
  for (let start = 1; start <= 20; start += 1) {
    s.control.clearCalls();
    const sameCommit = start % 2 === 1;
    const base = repo.shas.at(-1) as string;
    version += 1;
    const first = await repo.commit(files(version));
    if (!sameCommit) version += 1;
    const second = sameCommit ? first : await repo.commit(files(version));
    const keys = new Map([
      [`hello/${version - (sameCommit ? 0 : 1)}.zip`, 'a'],
      [`hello/${version}.zip`, sameCommit ? 'a' : 'b'],
    ]);
    const commits = new Map([
      [first, 'a'],
      [second, sameCommit ? 'a' : 'b'],
    ]);
    const [a, b] = await Promise.all([deployInProcess(s, repo, { from: base, to: first }), deployInProcess(s, repo, { from: base, to: second })]);
    const label = `start ${start} (${sameCommit ? 'same commit' : 'different commits'}): ${outcomes(a)} ${outcomes(b)}`;
    assert.equal([a.exitCode, b.exitCode], [0, 0], label);
    const owners = changeOwners(s, keys, commits);
    const updates = s.control.calls().filter((call) => call.operation === 'UpdateFunctionCode' && call.outcome === 'ok').length;
    if (sameCommit) {
      assert.equal([a.results[0]?.outcome, b.results[0]?.outcome].sort(), ['deployed', 'unchanged'], label);
      assert.is(updates, 1, `${label}: one code update`);
    } else {
      assert.is(updates, 2, label);
      // The changes of one run all come before the other's first: never interleaved.
      assert.is(owners.length, 2, `${label}: ${owners.join(' → ')}`);
    }
    const fn = liveFunction(s, 'hello');
    assert.is(fn?.tags['gitmoxi:lock'], undefined, `${label}: no mark left`);
    assert.equal(Object.keys(aliasOf(fn)?.weights ?? {}), [], `${label}: the alias routes to one version`);
  }
});

test.run();
