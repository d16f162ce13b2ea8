/**
 * The secrets corpus (docs/security.md): values of sensitive Terraform outputs sit in every place a unit can put
 * them (cluster, service name, image tag, target group ARNs, alarm name, an environment value), and every channel
 * gitmoxi writes to is searched for them. The only line allowed to hold one is GitHub's `::add-mask::`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator } from '../../src/sim/server.js';
import { testClock } from '../fakes/sim-fixture.js';
import { runCli, type CliResult } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { targetGroupArns } from '../fakes/bluegreen-fixture.js';
import { assertNoLeak, channels, repoFiles, scenario, secret, secretsOf, type Channel } from '../fakes/secrets-fixture.js';
import { cloneRepo, type FileTree, type TempRepo } from '../fakes/temp-repo.js';

const session = deploySession(test, () => startSimulator({ clock: testClock(100), scenario }));

async function withTemp<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'gitmoxi-secrets-'));
  try {
    return await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The first commit deployed (creating both services): its output is the first channel searched. */
async function deployedFirst(): Promise<{ repo: TempRepo; secrets: string[]; first: CliResult }> {
  const arns = targetGroupArns(session.sim);
  const repo = await session.repoWith({ files: repoFiles(secret.goodImage, 'nginx:1.27', arns) }, { files: repoFiles(secret.badImage, 'nginx:1.28', arns) });
  const first = await session.deploy(repo, '--to', 'HEAD~1');
  assert.is(first.code, 0, first.stdout + first.stderr);
  // The target groups' ARNs were in the service events the first deployment relayed.
  assert.match(first.stdout, 'registered 1 targets in (target-group (sensitive))');
  return { repo, secrets: secretsOf(arns), first };
}

test('plan, deploy (GitHub Actions, --report, step summary), deploy --json, poll, status, render: no secret anywhere', async () => {
  const { repo, secrets, first } = await deployedFirst();
  const endpoint = ['--endpoint-url', session.sim.endpoint, '--no-color'];
  const seen: Channel[] = channels('first deploy', first);
  const plan = await runCli(['plan', '--from', 'HEAD~1', ...endpoint], { cwd: repo.dir });
  assert.is(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, '(sensitive)');
  seen.push(...channels('plan', plan));
  const planJson = await runCli(['plan', '--json', '--from', 'HEAD~1', ...endpoint], { cwd: repo.dir });
  const identity = (JSON.parse(planJson.stdout) as { units: { prefix: string; identity: { cluster: string; serviceName: string } }[] }).units.find(
    (u) => u.prefix === 'services/web/web',
  )?.identity;
  assert.equal([identity?.cluster, identity?.serviceName], ['(sensitive)', '(sensitive)']);
  seen.push(...channels('plan --json', planJson));

  session.sim.control.addFaults([
    { kind: 'task-fails-to-start', match: { image: 'registry.example.com/*' }, reason: 'CannotPullContainerError' },
    { kind: 'alarm', alarmName: secret.alarm, atSeconds: 0 },
  ]);
  await withTemp(async (dir) => {
    const summary = join(dir, 'summary.md');
    const report = join(dir, 'report.json');
    const env = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
    const deploy = await runCli(['deploy', '--from', 'HEAD~1', '--report', report, '--verbose', ...endpoint], { cwd: repo.dir, env });
    assert.is(deploy.code, 1, deploy.stdout + deploy.stderr);
    // The failures were reported (so the channels carried the AWS text), with the secrets hidden.
    assert.match(deploy.stdout, 'CannotPullContainerError');
    // The image moved in the Terraform output the unit reads: the annotation points at that changed file.
    assert.match(deploy.stdout, /::error file=infra\/terraform_output\.json,line=\d+/);
    assert.match(deploy.stdout, /alarm \(sensitive\)/);
    const summaryText = await readFile(summary, 'utf8');
    const reportText = await readFile(report, 'utf8');
    assert.match(summaryText, 'CannotPullContainerError');
    assert.match(reportText, 'CannotPullContainerError');
    JSON.parse(reportText);
    seen.push(...channels('deploy (GitHub Actions)', deploy), { name: 'step summary', text: summaryText }, { name: '--report', text: reportText });
  });
  const json = await runCli(['deploy', '--json', '--from', 'HEAD~1', ...endpoint], { cwd: repo.dir });
  assert.is(json.code, 1, json.stderr);
  for (const line of json.stdout.trim().split('\n')) JSON.parse(line);
  assert.match(json.stdout, 'CannotPullContainerError');
  seen.push(...channels('deploy --json', json));
  const clone = await cloneRepo(repo.dir);
  try {
    const poll = await runCli(['poll', ...endpoint], { cwd: clone.dir, env: { GITHUB_ACTIONS: 'true' } });
    assert.is(poll.code, 1, poll.stdout + poll.stderr);
    assert.match(poll.stdout, 'CannotPullContainerError');
    seen.push(...channels('poll', poll));
  } finally {
    await clone.cleanup();
  }

  for (const args of [
    ['status', '--at', 'HEAD~1'],
    ['status', '--json', '--at', 'HEAD~1'],
    ['render', 'services/web/web'],
    ['render', '--json', 'services/web/web'],
  ]) {
    const result = await runCli([...args, ...endpoint], { cwd: repo.dir });
    assert.is(result.code, 0, result.stderr);
    seen.push(...channels(args.join(' '), result));
  }
  // status shows the live image, a secret: as (sensitive), and as valid JSON with --json.
  assert.match(seen.find((c) => c.name === 'status --at HEAD~1 stdout')?.text ?? '', 'web:1 ((sensitive))');
  const statusJson = JSON.parse(seen.find((c) => c.name === 'status --json --at HEAD~1 stdout')?.text ?? '') as {
    units: { unit: string; live: { revisions: { images: string[] }[] } }[];
  };
  assert.equal(statusJson.units.find((u) => u.unit === 'services/web/web')?.live.revisions[0]?.images, ['(sensitive)']);
  assertNoLeak(seen, secrets);
});

/** A repository whose only unit fails to plan because of `broken`, with the Terraform file it reads. */
function brokenRepo(broken: FileTree): FileTree {
  const tf = (outputs: Record<string, string>) =>
    `${JSON.stringify(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, { value: v, type: 'string', sensitive: true }])), null, 2)}\n`;
  return {
    'infra/terraform_output.json': tf({ cluster_name: secret.cluster, db_token: longToken, raw_value: 'rawval-s3cr3t-6767' }),
    'svc/web_input.json': '{ "ref": { "file": ["infra/terraform_output.json"], "type": "TERRAFORM" } }\n',
    'svc/web_svcdef.json': `{\n  "cluster": "{{ cluster_name }}",\n  "serviceName": "web",\n  "desiredCount": 1,\n  ${network}\n}\n`,
    'svc/web_taskdef.json': `{
  "family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
  "containerDefinitions": [{ "name": "app", "image": "nginx:1.27", "essential": true }]
}
`,
    ...broken,
  };
}

const network = '"launchType": "FARGATE", "networkConfiguration": { "awsvpcConfiguration": { "subnets": ["subnet-1"] } }';

/** Longer than the 60 characters a validation message quotes: the message cuts it with `…`. */
const longToken = 'gk-9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa99887766554433221100';

const badInputs: { name: string; files: FileTree; says: string }[] = [
  {
    name: 'a validation error quoting the value',
    files: { 'svc/web_svcdef.json': `{\n  "cluster": "{{ cluster_name }}",\n  "serviceName": "web",\n  "desiredCount": "{{ db_token }}",\n  ${network}\n}\n` },
    says: 'desiredCount: must be',
  },
  {
    name: 'a JSON syntax error on a rendered line holding the value',
    files: {
      'svc/web_svcdef.json':
        '{\n  "cluster": "{{ cluster_name }}",\n  "serviceName": "web", "tags": [{"key": "k", "value": {{ raw_value }}}],\n  "desiredCount": 1\n}\n',
    },
    says: 'svc/web_svcdef.json:3:',
  },
  {
    name: 'a JSON syntax error in the Terraform output file itself',
    files: {
      'infra/terraform_output.json':
        '{\n  "cluster_name": {"value": "clu-s3cr3t-7788", "type": "string", "sensitive": true},\n  "db_token": {"value": "tfval-s3cr3t-2323" "type": "string", "sensitive": true}\n}\n',
    },
    says: 'infra/terraform_output.json:3:',
  },
];

for (const bad of badInputs) {
  test(`${bad.name}: plan, plan --json, deploy and render name the problem, never the value`, async () => {
    const repo = await session.repoWith({ files: brokenRepo(bad.files) });
    const secrets = [secret.cluster, longToken, longToken.slice(0, 20), 'rawval-s3cr3t-6767', 'tfval-s3cr3t-2323'];
    const seen: Channel[] = [];
    const env = { GITHUB_ACTIONS: 'true' };
    for (const args of [['plan'], ['plan', '--json'], ['deploy', '--endpoint-url', session.sim.endpoint], ['render', 'svc/web']]) {
      const result = await runCli([...args, '--no-color'], { cwd: repo.dir, env });
      assert.is(result.code, 2, result.stdout + result.stderr);
      assert.match(result.stderr, bad.says);
      seen.push(...channels(args.join(' '), result));
    }
    assertNoLeak(seen, secrets);
  });
}

test('under GitHub Actions every sensitive value is masked before anything else is printed; with --json on stderr', async () => {
  const repo = await session.repoWith({ files: brokenRepo({}) });
  const plan = await runCli(['plan', '--no-color'], { cwd: repo.dir, env: { GITHUB_ACTIONS: 'true' } });
  assert.is(plan.code, 0, plan.stderr);
  const lines = plan.stdout.split('\n');
  const masks = lines.filter((line) => line.startsWith('::add-mask::'));
  assert.equal(masks, [`::add-mask::${secret.cluster}`, `::add-mask::${longToken}`, '::add-mask::rawval-s3cr3t-6767']);
  assert.equal(lines.slice(0, masks.length), masks, 'the masks come first');
  assert.match(plan.stdout, 'in cluster (sensitive)');

  const json = await runCli(['plan', '--json', '--no-color'], { cwd: repo.dir, env: { GITHUB_ACTIONS: 'true' } });
  assert.is(json.code, 0, json.stderr);
  JSON.parse(json.stdout);
  assert.match(json.stderr, `::add-mask::${secret.cluster}`);

  const outside = await runCli(['plan', '--no-color'], { cwd: repo.dir });
  assert.not.match(outside.stdout + outside.stderr, 'add-mask');
});

test('a credential-shaped value nobody marked sensitive: one warning naming file and key, the value hidden', async () => {
  const key = 'AKIAIOSFODNN7EXAMPLE';
  const files = brokenRepo({
    'svc/web_input.json': `{ "ref": { "file": ["infra/terraform_output.json"], "type": "TERRAFORM" }, "access_key": "${key}" }\n`,
    'svc/web_taskdef.json': `{
  "family": "web", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
  "containerDefinitions": [{ "name": "app", "image": "nginx:1.27", "essential": true,
    "environment": [{ "name": "AWS_ACCESS_KEY_ID", "value": "{{ access_key }}" }, { "name": "AGAIN", "value": "{{ access_key }}" }] }]
}
`,
  });
  const repo = await session.repoWith({ files });
  const plan = await runCli(['plan', '--no-color'], { cwd: repo.dir });
  assert.is(plan.code, 0, plan.stderr);
  const warnings = plan.stderr.split('\n').filter((line) => line.startsWith('warning:'));
  assert.is(warnings.length, 1, plan.stderr);
  assert.match(warnings[0] ?? '', 'svc/web_taskdef.json: containerDefinitions[0].environment[0].value holds what looks like an AWS access key ID');
  assert.not.match(plan.stdout + plan.stderr, key);
});

/** Lines the runner would take as a workflow command: `::` after leading whitespace, or the legacy `##[` anywhere. */
function commandLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => line.trimStart().startsWith('::') || /##\[(?!\\)/.test(line));
}

test('a unit folder named with a newline and workflow commands: plan and deploy print them as data', async () => {
  const folder = 'apps/evil\n::stop-commands::pwn\n  ::error title=owned::injected\r::warning::cr ##[error]legacy';
  const files: FileTree = {
    [`${folder}/app_svcdef.json`]: `{ "cluster": "${secret.cluster}", "serviceName": "app", "desiredCount": 1, ${network} }\n`,
    [`${folder}/app_taskdef.json`]: `{
  "family": "app", "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "256", "memory": "512",
  "containerDefinitions": [{ "name": "app", "image": "nginx:1.27", "essential": true }]
}
`,
    [`${folder}/app_depdef.json`]: '{ "environment": { "region": "us-east-1" }, "stabilityCheck": { "pollInterval": 5, "timeout": 120 } }\n',
  };
  const repo = await session.repoWith({ files });
  const env = { GITHUB_ACTIONS: 'true' };
  const plan = await runCli(['plan', '--no-color'], { cwd: repo.dir, env });
  assert.is(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, '\\::stop-commands::pwn');
  assert.equal(commandLines(plan.stdout + plan.stderr), []);
  const deploy = await runCli(['deploy', '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: repo.dir, env });
  assert.is(deploy.code, 0, deploy.stdout + deploy.stderr);
  const ours = commandLines(deploy.stdout);
  // gitmoxi's own group around the unit's lines, its title escaped onto one line.
  assert.equal(ours, [
    '::group::apps/evil%0A::stop-commands::pwn%0A  ::error title=owned::injected%0D::warning::cr ##[error]legacy/app: deployed',
    '::endgroup::',
  ]);
  assert.equal(commandLines(deploy.stderr), []);
});

test.run();
