/**
 * examples/ci/gitlab/.gitlab-ci.yml: each job's `script` run as GitLab's runner runs it (bash, GitLab's
 * variables), with `gitmoxi` on PATH as its before_script installs it, against the simulator.
 */
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDocument } from 'yaml';
import { projectRoot } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsUnit, liveService, startEcsSimulator } from '../fakes/sim-fixture.js';

const session = deploySession(test, startEcsSimulator);

interface GitlabJob {
  script: string[];
  extends?: string | string[];
  rules?: { if: string }[];
}

async function template(): Promise<Record<string, GitlabJob>> {
  const text = await readFile(join(projectRoot, 'examples/ci/gitlab/.gitlab-ci.yml'), 'utf8');
  // `!reference` is GitLab's own tag: kept as data here, GitLab resolves it.
  const document = parseDocument(text, { customTags: [{ tag: '!reference', collection: 'seq', resolve: (value) => value }] });
  assert.equal(document.errors, [], 'the template is valid YAML');
  return document.toJS() as Record<string, GitlabJob>;
}

/** The job's script lines in one bash process, as the runner does, with `gitmoxi` meaning this checkout's CLI. */
async function runJob(job: GitlabJob, cwd: string, env: Record<string, string>) {
  const bin = await mkdtemp(join(tmpdir(), 'gitmoxi-bin-'));
  await writeFile(join(bin, 'gitmoxi'), `#!/bin/sh\nexec node '${projectRoot}bin/gitmoxi.js' "$@"\n`);
  await chmod(join(bin, 'gitmoxi'), 0o755);
  return execa('bash', ['-eo', 'pipefail', '-c', job.script.join('\n')], {
    cwd,
    reject: false,
    stdin: 'ignore',
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      CI: 'true',
      GITLAB_CI: 'true',
      GITHUB_ACTIONS: '',
      AWS_ENDPOINT_URL: session.sim.endpoint,
      AWS_REGION: 'us-east-1',
      ...env,
    },
  });
}

test('the deploy job deploys CI_COMMIT_BEFORE_SHA..CI_COMMIT_SHA and keeps its report', async () => {
  const jobs = await template();
  const deploy = jobs['gitmoxi-deploy'];
  assert.ok(deploy, 'a gitmoxi-deploy job');
  assert.equal(deploy.extends, ['.gitmoxi', '.aws']);
  const repo = await session.repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) });
  assert.is((await session.deploy(repo, '--to', 'HEAD~1')).code, 0);
  const [before, after] = repo.shas;
  const result = await runJob(deploy, repo.dir, { CI_COMMIT_BEFORE_SHA: before ?? '', CI_COMMIT_SHA: after ?? '' });
  assert.is(result.exitCode, 0, String(result.stdout) + String(result.stderr));
  const report = JSON.parse(await readFile(join(repo.dir, 'gitmoxi-report.json'), 'utf8')) as { plan: { from: string }; results: { outcome: string }[] };
  assert.equal([report.plan.from, report.results.map((r) => r.outcome)], [before, ['deployed']]);
  assert.is((await liveService(session.sim, 'web'))?.image, 'nginx:1.28');
});

test('the plan job plans the merge request and writes the plan as JSON; nothing deployed', async () => {
  const plan = (await template())['gitmoxi-plan'];
  assert.ok(plan, 'a gitmoxi-plan job');
  const repo = await session.repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) });
  const [base, head] = repo.shas;
  const result = await runJob(plan, repo.dir, {
    CI_MERGE_REQUEST_DIFF_BASE_SHA: base ?? '',
    CI_COMMIT_SHA: head ?? '',
    CI_PIPELINE_SOURCE: 'merge_request_event',
  });
  assert.is(result.exitCode, 0, String(result.stdout) + String(result.stderr));
  assert.match(String(result.stdout), /\+\s+"image": "nginx:1\.28"/);
  const written = JSON.parse(await readFile(join(repo.dir, 'gitmoxi-plan.json'), 'utf8')) as { from: string; units: { prefix: string; action: string }[] };
  assert.equal([written.from, written.units.map((u) => `${u.prefix} ${u.action}`)], [base, ['services/web/web deploy']]);
  assert.not.ok(await liveService(session.sim, 'web'));
});

test.run();
