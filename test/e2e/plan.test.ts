import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Plan } from '../../src/plan/types.js';
import { exampleTree, projectRoot, runCli } from '../fakes/cli.js';
import { makeRepo } from '../fakes/temp-repo.js';

const examples = [
  {
    name: 'ecs-rolling',
    prefix: 'services/web/web',
    strategy: 'ecs-rolling',
    identity: { platform: 'ecs', region: 'us-east-1', cluster: 'demo', serviceName: 'web' },
  },
  {
    name: 'ecs-bluegreen',
    prefix: 'services/checkout/checkout',
    strategy: 'ecs-bluegreen',
    identity: { platform: 'ecs', region: 'us-east-1', cluster: 'demo', serviceName: 'checkout' },
  },
  {
    name: 'ecs-native',
    prefix: 'services/storefront/storefront',
    strategy: 'ecs-native',
    identity: { platform: 'ecs', region: 'us-east-1', cluster: 'demo', serviceName: 'storefront' },
  },
  { name: 'lambda-canary', prefix: 'functions/hello/hello', strategy: 'lambda', identity: { platform: 'lambda', region: 'us-east-1', functionName: 'hello' } },
] as const;

function parsePlan(stdout: string): Plan {
  return JSON.parse(stdout) as Plan;
}

for (const example of examples) {
  test(`${example.name}: a first plan deploys the unit, with the resolved service or function`, async () => {
    const repo = await makeRepo([{ files: await exampleTree(example.name) }]);
    try {
      const result = await runCli(['plan', '--json'], { cwd: repo.dir });
      assert.is(result.code, 0, result.stderr);
      const plan = parsePlan(result.stdout);
      assert.is(plan.schemaVersion, 2);
      assert.is(plan.from, null);
      assert.is(plan.to, repo.shas[0]);
      assert.equal(
        plan.units.map((u) => [u.prefix, u.action, u.reason, u.strategy]),
        [[example.prefix, 'deploy', 'added', example.strategy]],
      );
      assert.equal(plan.units[0]?.identity, example.identity);
      assert.match(plan.units[0]?.hash ?? '', /^[0-9a-f]{64}$/);
    } finally {
      await repo.cleanup();
    }
  });

  test(`${example.name}: render prints what Python's Jinja2 renders`, async () => {
    const repo = await makeRepo([{ files: await exampleTree(example.name) }]);
    try {
      const result = await runCli(['render', example.prefix, '--json'], { cwd: repo.dir });
      assert.is(result.code, 0, result.stderr);
      const rendered = JSON.parse(result.stdout) as { files: { path: string; text: string }[] };
      assert.ok(rendered.files.length >= 3);
      for (const file of rendered.files) {
        const golden = await readFile(join(projectRoot, 'test/golden/examples', example.name, file.path), 'utf8');
        assert.fixture(file.text, golden);
      }
    } finally {
      await repo.cleanup();
    }
  });
}

test('sensitive Terraform outputs are never printed by plan or render', async () => {
  const repo = await makeRepo([{ files: await exampleTree('ecs-rolling') }]);
  try {
    const secret = 'demo/db-password-AbCdEf';
    for (const args of [['plan'], ['plan', '--json'], ['render', 'services/web/web'], ['render', 'services/web/web', '--json']]) {
      const result = await runCli(args, { cwd: repo.dir });
      assert.is(result.code, 0, result.stderr);
      assert.not.ok(result.stdout.includes(secret), `${args.join(' ')} printed the secret`);
      assert.ok(result.stdout.includes('(sensitive)'), `${args.join(' ')} shows no redaction marker`);
    }
  } finally {
    await repo.cleanup();
  }
});

test('a Terraform output change redeploys the units that read it, and the diff shows the moved ARN', async () => {
  const tree = await exampleTree('ecs-rolling');
  const outputs = JSON.parse(String(tree['infra/terraform_output.json'])) as Record<string, { value: unknown }>;
  const oldArn = String(outputs.web_target_group_arn?.value);
  const newArn = oldArn.replace('0123456789abcdef', 'fedcba9876543210');
  outputs.web_target_group_arn = { ...outputs.web_target_group_arn, value: newArn };
  const repo = await makeRepo([{ files: tree }, { files: { 'infra/terraform_output.json': JSON.stringify(outputs, null, 2) } }]);
  try {
    const result = await runCli(['plan', '--json', '--from', repo.shas[0]!, '--to', repo.shas[1]!], { cwd: repo.dir });
    assert.is(result.code, 0, result.stderr);
    const unit = parsePlan(result.stdout).units[0];
    assert.is(unit?.action, 'deploy');
    assert.is(unit?.reason, 'ref-changed');
    assert.equal(unit?.changedRefs, ['infra/terraform_output.json']);
    assert.ok(unit?.diff.includes(`-      "targetGroupArn": "${oldArn}"`), unit?.diff);
    assert.ok(unit?.diff.includes(`+      "targetGroupArn": "${newArn}"`), unit?.diff);
  } finally {
    await repo.cleanup();
  }
});

test('a depdef-only change is settings only: nothing to deploy, exit 0', async () => {
  const tree = await exampleTree('ecs-rolling');
  const repo = await makeRepo([
    { files: tree },
    { files: { 'services/web/web_depdef.json': String(tree['services/web/web_depdef.json']).replace('"timeout": 300', '"timeout": 600') } },
  ]);
  try {
    const result = await runCli(['plan', '--from', 'HEAD~1', '--no-color'], { cwd: repo.dir });
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stdout, /settings-only\s+services\/web\/web/);
    assert.match(result.stdout, /nothing to deploy/);
    assert.match(result.stdout, /0 to deploy, 0 to delete, 1 settings only/);
  } finally {
    await repo.cleanup();
  }
});

test('a README change plans nothing', async () => {
  const repo = await makeRepo([{ files: await exampleTree('lambda-canary') }, { files: { 'README.md': '# hi\n' } }]);
  try {
    const result = await runCli(['plan', '--from', repo.shas[0]!], { cwd: repo.dir });
    assert.is(result.code, 0, result.stderr);
    assert.match(result.stdout, /nothing to deploy: no unit changed/);
  } finally {
    await repo.cleanup();
  }
});

test('a folder rename that keeps the service is an update, not a delete and a create', async () => {
  const tree = await exampleTree('ecs-rolling');
  const moved = Object.fromEntries(
    Object.keys(tree)
      .filter((path) => path.startsWith('services/web/'))
      .flatMap((path) => [
        [path, null],
        [path.replace('services/web/', 'services/frontend/'), tree[path]!],
      ]),
  );
  const repo = await makeRepo([{ files: tree }, { files: moved }]);
  try {
    const result = await runCli(['plan', '--json', '--from', 'HEAD~1'], { cwd: repo.dir });
    assert.is(result.code, 0, result.stderr);
    const plan = parsePlan(result.stdout);
    assert.equal(
      plan.units.map((u) => [u.prefix, u.action, u.renamedFrom]),
      [['services/frontend/web', 'deploy', 'services/web/web']],
    );
  } finally {
    await repo.cleanup();
  }
});

test('a deleted svcdef plans a delete of the service it defined', async () => {
  const repo = await makeRepo([{ files: await exampleTree('ecs-rolling') }, { files: { 'services/web/web_svcdef.json': null } }]);
  try {
    const result = await runCli(['plan', '--json', '--from', 'HEAD~1'], { cwd: repo.dir });
    assert.is(result.code, 0, result.stderr);
    const unit = parsePlan(result.stdout).units[0];
    assert.equal([unit?.action, unit?.identity], ['delete', { platform: 'ecs', region: 'us-east-1', cluster: 'demo', serviceName: 'web' }]);
  } finally {
    await repo.cleanup();
  }
});

test('GitHub Actions: before/after come from the event payload; the all-zero SHA means everything is new', async () => {
  const repo = await makeRepo([{ files: await exampleTree('lambda-canary') }, { files: { 'README.md': 'x\n' } }]);
  const eventPath = join(tmpdir(), `gitmoxi-event-${process.pid}.json`);
  try {
    await writeFile(eventPath, JSON.stringify({ before: repo.shas[0], after: repo.shas[1] }));
    const env = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_PATH: eventPath };
    const pushed = parsePlan((await runCli(['plan', '--json'], { cwd: repo.dir, env })).stdout);
    assert.equal([pushed.from, pushed.to, pushed.units.length], [repo.shas[0], repo.shas[1], 0]);
    await writeFile(eventPath, JSON.stringify({ before: '0'.repeat(40), after: repo.shas[1] }));
    const created = parsePlan((await runCli(['plan', '--json'], { cwd: repo.dir, env })).stdout);
    assert.equal([created.from, created.units.map((u) => u.reason)], [null, ['added']]);
  } finally {
    await repo.cleanup();
  }
});

test('--unit with --force plans an unchanged unit', async () => {
  const repo = await makeRepo([{ files: await exampleTree('ecs-rolling') }, { files: { 'README.md': 'x\n' } }]);
  try {
    const result = await runCli(['plan', '--json', '--from', 'HEAD~1', '--unit', 'services/web/web_svcdef.json', '--force'], { cwd: repo.dir });
    assert.is(result.code, 0, result.stderr);
    assert.equal(
      parsePlan(result.stdout).units.map((u) => [u.prefix, u.reason]),
      [['services/web/web', 'forced']],
    );
  } finally {
    await repo.cleanup();
  }
});

test('--version and --help exit 0; an unknown flag exits 2', async () => {
  // The launcher and the process's exit are what is tested: a process of its own.
  const cwd = projectRoot;
  const subprocess = true;
  const fast = await runCli(['--version'], { cwd, subprocess });
  assert.match(fast.stdout, /^\d+\.\d+\.\d+$/);
  // The launcher answers `--version` alone itself; through commander (another flag beside it) the answer is the same.
  assert.equal(await runCli(['--no-color', '--version'], { cwd, subprocess }), fast);
  assert.is((await runCli(['-V'], { cwd, subprocess })).stdout, fast.stdout);
  assert.is((await runCli(['--help'], { cwd, subprocess })).code, 0);
  const bad = await runCli(['plan', '--frm', 'x'], { cwd, subprocess });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /unknown option/);
});

test.run();
