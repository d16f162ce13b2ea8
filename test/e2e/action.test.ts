/**
 * The GitHub Action (action.yml) run as the runner runs it, with the inputs of the example workflows in
 * examples/ci/github/, against the simulator: its outputs, its step summary and what runs afterwards.
 */
import { readFile } from 'node:fs/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleInputs, runAction } from '../fakes/action-runner.js';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsUnit, liveService, startEcsSimulator } from '../fakes/sim-fixture.js';
import { cloneRepo } from '../fakes/temp-repo.js';

const session = deploySession(test, startEcsSimulator);
const aws = () => ({ AWS_ENDPOINT_URL: session.sim.endpoint, AWS_REGION: 'us-east-1' });

test('examples/ci/github/deploy.yml: a push deploys the pushed range; outputs, report and summary', async () => {
  const repo = await session.repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) });
  assert.is((await session.deploy(repo, '--to', 'HEAD~1')).code, 0);
  const inputs = await exampleInputs('deploy.yml');
  assert.is(inputs.command, 'deploy');
  const [before, after] = repo.shas;
  const run = await runAction(inputs, { workspace: repo.dir, eventName: 'push', event: { before, after, ref: 'refs/heads/main' }, env: aws() });
  assert.is(run.code, 0, run.stdout);
  // A built checkout is used as it is: no second install (which would also replace the node_modules under test).
  assert.match(run.stdout, /gitmoxi \d+\.\d+\.\d+ is already built in /);
  assert.is(run.outputs['exit-code'], '0');
  assert.is(run.outputs['changed-units'], 'services/web/web', JSON.stringify(run.outputs));
  const report = JSON.parse(await readFile(run.outputs.report ?? '', 'utf8')) as {
    exitCode: number;
    plan: { from: string; to: string };
    results: { unit: string; outcome: string }[];
  };
  assert.equal([report.exitCode, report.plan.from, report.plan.to], [0, before, after]);
  assert.equal(
    report.results.map((r) => [r.unit, r.outcome]),
    [['services/web/web', 'deployed']],
  );
  assert.match(run.summary, /^## gitmoxi deploy/m);
  const live = await liveService(session.sim, 'web');
  assert.equal([live?.image, live?.tags['gitmoxi:commit']], ['nginx:1.28', after]);
});

test('examples/ci/github/plan.yml: a pull request gets the rendered diff in the summary; nothing deployed', async () => {
  const repo = await session.repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) });
  const [base, head] = repo.shas;
  const event = { pull_request: { number: 7, base: { sha: base }, head: { sha: head } } };
  const run = await runAction(await exampleInputs('plan.yml'), { workspace: repo.dir, eventName: 'pull_request', event, env: aws() });
  assert.is(run.code, 0, run.stdout);
  assert.is(run.outputs['exit-code'], '0');
  assert.is(run.outputs['changed-units'], 'services/web/web');
  const plan = JSON.parse(await readFile(run.outputs.report ?? '', 'utf8')) as { from: string; to: string };
  assert.equal([plan.from, plan.to], [base, head]);
  assert.match(run.summary, /<details><summary><code>services\/web\/web<\/code>: deploy, rendered diff<\/summary>/);
  assert.match(run.summary, /^\+\s+"image": "nginx:1\.28"/m);
  assert.is((run.summary.match(/^## gitmoxi plan/gm) ?? []).length, 1, 'one summary per plan');
  assert.not.ok(await liveService(session.sim, 'web'), 'plan deployed nothing');
});

test('examples/ci/github/poll.yml: the scheduled poll deploys what differs from the tip', async () => {
  const upstream = await session.repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  const clone = await cloneRepo(upstream.dir);
  try {
    const run = await runAction(await exampleInputs('poll.yml'), {
      workspace: clone.dir,
      eventName: 'schedule',
      event: { schedule: '*/30 * * * *' },
      env: aws(),
    });
    assert.is(run.code, 0, run.stdout);
    assert.is(run.outputs['changed-units'], 'services/web/web');
    assert.is((await liveService(session.sim, 'web'))?.image, 'nginx:1.27');
  } finally {
    await clone.cleanup();
  }
});

test('a failed deploy: the step fails with the exit code, and the outputs are still written', async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const repo = await session.repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:broken' }) });
  assert.is((await session.deploy(repo, '--to', 'HEAD~1')).code, 0);
  const [before, after] = repo.shas;
  const run = await runAction({ command: 'deploy' }, { workspace: repo.dir, eventName: 'push', event: { before, after }, env: aws() });
  assert.is(run.code, 1, run.stdout);
  assert.is(run.outputs['exit-code'], '1');
  assert.match(run.stdout, /^::error file=services\/web\/web_input\.json,line=2,/m);
  assert.is((await liveService(session.sim, 'web'))?.image, 'nginx:1.27');
});

test('an unknown command is refused before gitmoxi runs: exit code 2', async () => {
  const repo = await session.repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  const run = await runAction({ command: 'destroy' }, { workspace: repo.dir, eventName: 'push', event: {}, env: aws() });
  assert.is(run.code, 2);
  assert.is(run.outputs['exit-code'], '2');
  assert.match(run.stdout, /^::error title=gitmoxi action::command must be plan, deploy, poll or status, not 'destroy'/m);
  assert.ok((await runCli(['status', '--endpoint-url', session.sim.endpoint], { cwd: repo.dir })).stdout.includes('Missing'));
});

test.run();
