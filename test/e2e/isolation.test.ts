/**
 * One unit never blocks another (docs/isolation.md): invalid units are reported with exit 2 while every valid unit
 * is still deployed, polled and shown; --atomic restores all-or-nothing; a change that an invalid file held back
 * reaches AWS with the commit that fixes it. The CLI as a subprocess against the simulator, live state read back
 * through the SDK.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsUnit, liveService, mutatingCalls, startEcsSimulator } from '../fakes/sim-fixture.js';
import { cloneRepo, type TempRepo } from '../fakes/temp-repo.js';

const session = deploySession(test, startEcsSimulator);
const { repoWith, deploy } = session;

const stray = { 'test/test_depdef.json': JSON.stringify({ environment: { region: 'us-east-1' } }, null, 2) };
const brokenApi = { 'services/api/api_svcdef.json': '{\n  "cluster": "demo",\n  "serviceName": "api",\n  "desiredCount": 2,,\n}\n' };
const invalidDepdef = { trafficShiftingConfig: { type: 'LINEAR', percent: 150 } };

function cli(repo: TempRepo | string, ...args: string[]) {
  return runCli([...args, '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: typeof repo === 'string' ? repo : repo.dir });
}

test('a stray depdef (no svcdef) blocks nothing: first deploy, --force, status; it is a warning', async () => {
  const repo = await repoWith({ files: { ...ecsUnit({ name: 'web', image: 'nginx:1.27' }), ...stray } });
  const first = await deploy(repo);
  assert.is(first.code, 0, first.stdout + first.stderr);
  assert.match(first.stderr, /warning: test\/test: has settings or inputs but no _svcdef\.json/);
  assert.equal((await liveService(session.sim, 'web'))?.taskDefinition, 'web:1');
  const forced = await deploy(repo, '--force');
  assert.is(forced.code, 0, forced.stdout + forced.stderr);
  const status = await cli(repo, 'status');
  assert.is(status.code, 0, status.stdout + status.stderr);
  assert.match(status.stdout, /services\/web\/web\s+Synced/);
});

test('a valid unit deploys beside an invalid one: exit 2 naming file:line:col, the valid change runs', async () => {
  const repo = await repoWith(
    { files: { ...ecsUnit({ name: 'web', image: 'nginx:1.27' }), ...ecsUnit({ name: 'api', image: 'nginx:1.27' }) } },
    { files: { ...ecsUnit({ name: 'web', image: 'nginx:1.28' }), ...brokenApi } },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /services\/api\/api_svcdef\.json:4:\d+: /);
  assert.match(result.stderr, /1 unit: that unit was not deployed; every other unit was/);
  assert.match(result.stdout, /exit code 2: invalid invocation, invalid definitions, .*invalid units are named in the log/);
  const web = await liveService(session.sim, 'web');
  assert.equal([web?.image, web?.tags['gitmoxi:commit']], ['nginx:1.28', repo.shas[1]]);
  assert.equal((await liveService(session.sim, 'api'))?.taskDefinition, 'api:1');

  // In GitHub Actions the pull request shows where to fix it.
  const annotated = await runCli(['plan', '--from', 'HEAD~1', '--no-color'], { cwd: repo.dir, env: { GITHUB_ACTIONS: 'true' } });
  assert.match(
    annotated.stdout,
    /^::error file=services\/api\/api_svcdef\.json,line=4,col=\d+,title=gitmoxi%3A services\/api\/api is invalid::services\/api\/api_svcdef\.json:4:\d+: /m,
  );

  const status = await cli(repo, 'status');
  assert.is(status.code, 2, status.stdout + status.stderr);
  assert.match(status.stdout, /services\/web\/web\s+Synced/);
  assert.match(status.stdout, /services\/api\/api\s+Invalid/);
});

test('--atomic: one invalid unit and nothing is deployed, exit 2', async () => {
  const repo = await repoWith(
    { files: { ...ecsUnit({ name: 'web', image: 'nginx:1.27' }), ...ecsUnit({ name: 'api', image: 'nginx:1.27' }) } },
    { files: { ...ecsUnit({ name: 'web', image: 'nginx:1.28' }), ...brokenApi } },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  session.sim.control.clearCalls();
  const result = await deploy(repo, '--from', 'HEAD~1', '--atomic');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /nothing was deployed \(--atomic\)/);
  assert.equal(mutatingCalls(session.sim), []);
  assert.equal((await liveService(session.sim, 'web'))?.image, 'nginx:1.27');
});

test('the commit that fixes a unit deploys the change its invalid file held back', async () => {
  const repo = await repoWith(
    { files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) },
    // The image changes and, in the same commit, the depdef becomes invalid: nothing of web may deploy.
    { files: ecsUnit({ name: 'web', image: 'nginx:1.28', depdef: invalidDepdef }) },
    // Only the depdef is fixed: a settings-only change, which alone never redeploys.
    { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~2')).code, 0);
  const held = await deploy(repo, '--from', 'HEAD~2', '--to', 'HEAD~1');
  assert.is(held.code, 2, held.stdout + held.stderr);
  assert.match(held.stderr, /services\/web\/web_depdef\.json:\d+:\d+: /);
  assert.equal((await liveService(session.sim, 'web'))?.image, 'nginx:1.27');

  const plan = await cli(repo, 'plan', '--from', 'HEAD~1', '--json');
  assert.is(plan.code, 0, plan.stderr);
  const unit = (JSON.parse(plan.stdout) as { units: { action: string; reason: string }[] }).units[0];
  assert.equal([unit?.action, unit?.reason], ['deploy', 'fixed']);
  const fixed = await deploy(repo, '--from', 'HEAD~1');
  assert.is(fixed.code, 0, fixed.stdout + fixed.stderr);
  const web = await liveService(session.sim, 'web');
  assert.equal([web?.image, web?.tags['gitmoxi:commit']], ['nginx:1.28', repo.shas[2]]);
});

test('invalid units and a rolled-back unit: exit 2 (docs/isolation.md precedence), the rollback done', async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const repo = await repoWith(
    { files: { ...ecsUnit({ name: 'web', image: 'nginx:1.27' }), ...ecsUnit({ name: 'api', image: 'nginx:1.27' }) } },
    { files: { ...ecsUnit({ name: 'web', image: 'nginx:broken' }), ...brokenApi } },
  );
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stdout, /CannotPullContainerError/);
  assert.equal((await liveService(session.sim, 'web'))?.taskDefinition, 'web:1');
});

test('poll deploys the valid units of a tip that holds an invalid one, exit 2; --atomic deploys none', async () => {
  const upstream = await repoWith({ files: { ...ecsUnit({ name: 'web', image: 'nginx:1.27' }), ...ecsUnit({ name: 'api', image: 'nginx:1.27' }), ...stray } });
  assert.is((await deploy(upstream)).code, 0);
  await upstream.commit({ ...ecsUnit({ name: 'web', image: 'nginx:1.28' }), ...brokenApi });
  const clone = await cloneRepo(upstream.dir);
  try {
    session.sim.control.clearCalls();
    const atomic = await cli(clone.dir, 'poll', '--atomic');
    assert.is(atomic.code, 2, atomic.stdout + atomic.stderr);
    assert.equal(mutatingCalls(session.sim), []);
    const result = await cli(clone.dir, 'poll');
    assert.is(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stdout, /1 of 1 units to deploy \(1 invalid, left alone\)/);
    assert.match(result.stderr, /services\/api\/api_svcdef\.json:4:\d+: /);
    assert.equal((await liveService(session.sim, 'web'))?.image, 'nginx:1.28');
  } finally {
    await clone.cleanup();
  }
});

test('a checkout of *.json.sample files only: nothing to deploy, and why', async () => {
  const repo = await repoWith({
    files: Object.fromEntries(Object.entries(ecsUnit({ name: 'web', image: 'nginx:1.27' })).map(([path, text]) => [`${path}.sample`, text])),
  });
  const plan = await cli(repo, 'plan');
  assert.is(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /nothing to deploy/);
  assert.match(
    plan.stdout,
    /found 4 \*\.json\.sample files \(services\/web\/web_depdef\.json\.sample, .*\): gitmoxi deploys units named PREFIX_svcdef\.json .*rename them without \.sample/,
  );
  const result = await deploy(repo);
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stderr, /found 4 \*\.json\.sample files/);
});

test('a checkout without any unit: nothing to deploy, and what gitmoxi looks for', async () => {
  const repo = await repoWith({ files: { 'README.md': '# infra\n' } });
  const plan = await cli(repo, 'plan');
  assert.is(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /warning: no deployable unit at this commit: gitmoxi deploys units named PREFIX_svcdef\.json/);
});

test.run();
