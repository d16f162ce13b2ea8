/**
 * A unit's identity (docs/isolation.md): a changed serviceName is planned as a replacement, also through a folder
 * rename; two units resolving to one service are both invalid while the rest deploys; a resource tagged with a
 * unit but not where the unit runs now is Orphaned in status; a unit whose definition no longer renders is still
 * deleted where it last ran. The CLI against the simulator, live state read back through the SDK.
 */
import { CreateClusterCommand, CreateServiceCommand } from '@aws-sdk/client-ecs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsClient, ecsUnit, liveService, startEcsSimulator } from '../fakes/sim-fixture.js';
import { cloneRepo, type FileTree, type TempRepo } from '../fakes/temp-repo.js';

const session = deploySession(test, startEcsSimulator);
const { repoWith, deploy } = session;

function cli(repo: TempRepo, ...args: string[]) {
  return runCli([...args, '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: repo.dir });
}

interface PlanUnit {
  prefix: string;
  action: string;
  reason: string;
  renamedFrom?: string;
  identity: { serviceName?: string; cluster?: string } | null;
  replaces?: { platform: string; region: string | null; cluster: string; serviceName: string };
  lookupByTag?: boolean;
  problems?: { message: string; location: { file: string; line?: number } }[];
}

async function planUnits(repo: TempRepo, ...args: string[]): Promise<{ code: number; units: Map<string, PlanUnit>; stderr: string }> {
  const result = await cli(repo, 'plan', '--json', ...args);
  const units = (JSON.parse(result.stdout) as { units: PlanUnit[] }).units;
  return { code: result.code, units: new Map(units.map((u) => [u.prefix, u])), stderr: result.stderr };
}

/** The unit's files with serviceName replaced, the rest of the svcdef unchanged (git sees a modification or a rename). */
function withServiceName(files: FileTree, serviceName: string, move?: [from: string, to: string]): FileTree {
  return Object.fromEntries(
    Object.entries(files).map(([path, text]) => {
      const content = path.endsWith('_svcdef.json') ? String(text).replace(/"serviceName": "[^"]*"/, `"serviceName": "${serviceName}"`) : text;
      return [move ? path.replace(move[0], move[1]) : path, content];
    }),
  );
}

const web = ecsUnit({ name: 'web', image: 'nginx:1.27' });
const oldWeb = { platform: 'ecs', region: 'us-east-1', cluster: 'demo', serviceName: 'web' };

test('a changed serviceName is planned as replace OLD → NEW, in text and JSON', async () => {
  const repo = await repoWith({ files: web }, { files: withServiceName(web, 'web2') });
  const { code, units } = await planUnits(repo, '--from', 'HEAD~1');
  assert.is(code, 0);
  const unit = units.get('services/web/web');
  assert.equal([unit?.action, unit?.identity?.serviceName, unit?.replaces], ['deploy', 'web2', oldWeb]);
  const text = await cli(repo, 'plan', '--from', 'HEAD~1');
  assert.match(text.stdout, 'replace service web in cluster demo (us-east-1) → service web2 in cluster demo (us-east-1)');
});

test('a folder renamed with a new serviceName is one unit replacing the old service, not a delete', async () => {
  const moved = withServiceName(web, 'www', ['services/web/', 'apps/www/']);
  const gone = Object.fromEntries(Object.keys(web).map((path) => [path, null]));
  const repo = await repoWith({ files: web }, { files: { ...gone, ...moved } });
  const { units } = await planUnits(repo, '--from', 'HEAD~1');
  assert.equal([...units.keys()], ['apps/www/web']);
  const unit = units.get('apps/www/web');
  assert.equal([unit?.action, unit?.renamedFrom, unit?.replaces], ['deploy', 'services/web/web', oldWeb]);
});

test('poll, which has no previous commit, finds the old service by its tag and plans its replacement', async () => {
  const repo = await repoWith({ files: web });
  assert.is((await deploy(repo)).code, 0);
  await repo.commit(withServiceName(web, 'web2'));
  const clone = await cloneRepo(repo.dir);
  try {
    const result = await runCli(['poll', '--endpoint-url', session.sim.endpoint, '--no-color'], { cwd: clone.dir });
    assert.is(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, 'services/web/web: replaces service web in cluster demo (us-east-1), where it ran before');
    assert.equal((await liveService(session.sim, 'web2'))?.tags['gitmoxi:unit'], 'services/web/web');
  } finally {
    await clone.cleanup();
  }
});

test('two units resolving to one service are both invalid, naming each other; the rest deploys', async () => {
  const api = (image: string) => ecsUnit({ name: 'api', image });
  const copy = Object.fromEntries(Object.entries(web).map(([path, text]) => [path.replace('services/web/web', 'services/copy/copy'), text]));
  const repo = await repoWith({ files: { ...web, ...api('nginx:1.27') } }, { files: { ...copy, ...api('nginx:1.28') } });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);

  const { code, units } = await planUnits(repo, '--from', 'HEAD~1');
  assert.is(code, 2);
  for (const [prefix, other] of [
    ['services/copy/copy', 'services/web/web'],
    ['services/web/web', 'services/copy/copy'],
  ] as const) {
    const unit = units.get(prefix);
    assert.is(unit?.action, 'invalid', prefix);
    assert.match(unit?.problems?.[0]?.message ?? '', `'${other}'`);
    assert.equal(unit?.problems?.[0]?.location, { file: `${prefix}_svcdef.json`, line: 3, column: 3 });
  }
  assert.is(units.get('services/web/web')?.reason, 'identity-conflict');

  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, /services\/copy\/copy_svcdef\.json:3:3: unit 'services\/copy\/copy' and 'services\/web\/web' resolve to the same service web/);
  assert.equal((await liveService(session.sim, 'web'))?.tags['gitmoxi:unit'], 'services/web/web');
  assert.equal((await liveService(session.sim, 'api'))?.image, 'nginx:1.28');
});

test('status: a service tagged with a unit but not where the unit runs now is Orphaned', async () => {
  const repo = await repoWith({ files: web });
  assert.is((await deploy(repo)).code, 0);
  // What a rename leaves behind: the service the unit ran as before, still tagged with the unit.
  await ecsClient(session.sim).send(
    new CreateServiceCommand({
      cluster: 'demo',
      serviceName: 'web-before',
      desiredCount: 0,
      launchType: 'FARGATE',
      taskDefinition: 'web:1',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      tags: [{ key: 'gitmoxi:unit', value: 'services/web/web' }],
    }),
  );
  const result = await cli(repo, 'status', '--json');
  assert.is(result.code, 0, result.stderr);
  const rows = (JSON.parse(result.stdout) as { units: { unit: string; state: string; resourceArn: string | null }[] }).units;
  const states = rows.map((r) => [r.unit, r.state, r.resourceArn?.replace(/^.*:service\//, '')]);
  assert.equal(states, [
    ['services/web/web', 'Synced', 'demo/web'],
    ['services/web/web', 'Orphaned', 'demo/web-before'],
  ]);
});

test('status: a service left in a cluster no unit names any more (a new cluster from an output) is Orphaned', async () => {
  const repo = await repoWith({ files: web });
  assert.is((await deploy(repo)).code, 0);
  // Where the unit ran before its cluster came from another Terraform output: a cluster no defined unit uses.
  const client = ecsClient(session.sim);
  await client.send(new CreateClusterCommand({ clusterName: 'before' }));
  await client.send(
    new CreateServiceCommand({
      cluster: 'before',
      serviceName: 'web',
      desiredCount: 0,
      launchType: 'FARGATE',
      taskDefinition: 'web:1',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      tags: [{ key: 'gitmoxi:unit', value: 'services/web/web' }],
    }),
  );
  // Another repository's unit in that cluster is none of this repository's business.
  await client.send(
    new CreateServiceCommand({
      cluster: 'before',
      serviceName: 'theirs',
      desiredCount: 0,
      launchType: 'FARGATE',
      taskDefinition: 'web:1',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      tags: [{ key: 'gitmoxi:unit', value: 'elsewhere/theirs' }],
    }),
  );
  const result = await cli(repo, 'status', '--json');
  assert.is(result.code, 0, result.stderr);
  const rows = (JSON.parse(result.stdout) as { units: { unit: string; state: string; resourceArn: string | null }[] }).units;
  assert.equal(
    rows.map((r) => [r.unit, r.state, r.resourceArn?.replace(/^.*:service\//, '')]),
    [
      ['services/web/web', 'Synced', 'demo/web'],
      ['services/web/web', 'Orphaned', 'before/web'],
    ],
  );
  const text = await cli(repo, 'status');
  assert.match(text.stdout, /services\/web\/web\s+Orphaned .*left at service\/before\/web/);
});

test('a unit whose svcdef stopped rendering is deleted where it last rendered', async () => {
  const broken = { 'services/web/web_svcdef.json': '{ "serviceName": "web", "cluster": "demo", }' };
  const gone = Object.fromEntries(Object.keys(web).map((path) => [path, null]));
  const repo = await repoWith({ files: web }, { files: broken }, { files: gone });
  assert.is((await deploy(repo, '--to', 'HEAD~2')).code, 0);
  assert.is((await deploy(repo, '--from', 'HEAD~2', '--to', 'HEAD~1')).code, 2);

  const { units } = await planUnits(repo, '--from', 'HEAD~1');
  const unit = units.get('services/web/web');
  assert.equal([unit?.action, unit?.identity, unit?.lookupByTag], ['delete', oldWeb, undefined]);
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 0, result.stdout + result.stderr);
  const live = await liveService(session.sim, 'web');
  assert.ok(live === null || live.status === 'INACTIVE', `service is ${live?.status}`);
});

test('a unit that never rendered: its deletion carries no identity and asks for a lookup by tag', async () => {
  const broken = { 'services/web/web_svcdef.json': '{ "serviceName": "web", "cluster": "demo", }' };
  const repo = await repoWith({ files: { ...web, ...broken } }, { files: Object.fromEntries(Object.keys(web).map((path) => [path, null])) });
  const { units } = await planUnits(repo, '--from', 'HEAD~1');
  const unit = units.get('services/web/web');
  assert.equal([unit?.action, unit?.identity, unit?.lookupByTag], ['delete', null, true]);
});

test.run();
