/**
 * Under GitHub Actions: problems and warnings as `::error`/`::warning` annotations at file, line and column; a
 * failed deployment annotated at the file whose change caused it; step summaries for plan and status.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsUnit, startEcsSimulator } from '../fakes/sim-fixture.js';

const session = deploySession(test, startEcsSimulator);

async function githubEnv(): Promise<{ env: Record<string, string>; summary: string }> {
  const summary = join(await mkdtemp(join(tmpdir(), 'gitmoxi-gha-')), 'summary.md');
  return { summary, env: { GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_STEP_SUMMARY: summary } };
}

test('an invalid definition: ::error at its file, line and column', async () => {
  const files = ecsUnit({ name: 'web', image: 'nginx:1.27' });
  files['services/web/web_svcdef.json'] = '{\n  "cluster": "demo",\n  "serviceName": "web",\n  "desiredCount": "two"\n}\n';
  const repo = await session.repoWith({ files });
  const { env } = await githubEnv();
  const result = await runCli(['plan', '--no-color'], { cwd: repo.dir, env });
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stdout, /^::error file=services\/web\/web_svcdef\.json,line=4,col=\d+,title=[^:]*::.*desiredCount/m);
});

test('plan: the step summary has the units, their actions and the rendered diff folded', async () => {
  const repo = await session.repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) });
  const { env, summary } = await githubEnv();
  const result = await runCli(['plan', '--no-color', '--from', 'HEAD~1'], { cwd: repo.dir, env });
  assert.is(result.code, 0, result.stdout + result.stderr);
  const markdown = await readFile(summary, 'utf8');
  assert.match(markdown, /^## gitmoxi plan `[0-9a-f]{12}` → `[0-9a-f]{12}`/m);
  assert.match(markdown, /\| `services\/web\/web` \| deploy \| ecs-rolling \| us-east-1 \| web_input\.json \|/);
  assert.match(markdown, /<details><summary><code>services\/web\/web<\/code>: deploy, rendered diff<\/summary>\n\n```diff\n/);
  assert.match(markdown, /^-\s+"image": "nginx:1\.27",?$/m);
  assert.match(markdown, /^\+\s+"image": "nginx:1\.28",?$/m);
});

test('a failed deployment is annotated at the changed input, on the line of the image', async () => {
  session.sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const repo = await session.repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:broken' }) });
  assert.is((await session.deploy(repo, '--to', 'HEAD~1')).code, 0);
  const { env, summary } = await githubEnv();
  const result = await runCli(['deploy', '--endpoint-url', session.sim.endpoint, '--no-color', '--from', 'HEAD~1'], { cwd: repo.dir, env });
  assert.is(result.code, 1, result.stdout + result.stderr);
  // ecsUnit writes the input as {\n  "image": …}: the image is on line 2.
  assert.match(result.stdout, /^::error file=services\/web\/web_input\.json,line=2,title=gitmoxi%3A services\/web\/web failed and was rolled back::/m);
  assert.not.match(result.stdout, /^::error file=services\/web\/web_svcdef\.json/m);
  // The timestamps are the simulator's, hours ahead of the machine's: the output says so once.
  assert.is(
    (
      result.stdout.match(
        /^note: times below are the simulator's clock \(virtual: it jumps to the next wake-up once every client waits\), not this machine's$/gm,
      ) ?? []
    ).length,
    1,
  );

  const status = await runCli(['status', '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: repo.dir, env });
  assert.is(status.code, 0, status.stdout + status.stderr);
  const markdown = await readFile(summary, 'utf8');
  assert.match(markdown, /^## gitmoxi status at `[0-9a-f]{12}`/m);
  assert.match(markdown, /\| `services\/web\/web` \| OutOfSync \| ecs us-east-1 \|/);
});

test.run();
