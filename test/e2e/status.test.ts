/**
 * `gitmoxi status` against the simulator: every sync state of docs/design.md#state, read from the tags alone.
 */
import { DescribeServicesCommand, RegisterTaskDefinitionCommand, TagResourceCommand, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { ecsClient, ecsUnit, mutatingCalls, startEcsSimulator, type Simulator } from '../fakes/sim-fixture.js';
import { makeRepo, type TempRepo } from '../fakes/temp-repo.js';

let sim: Simulator;
const repos: TempRepo[] = [];

test.before.each(async () => {
  sim = await startEcsSimulator();
});

test.after.each(async () => {
  await sim.close();
  for (const repo of repos.splice(0)) await repo.cleanup();
});

function cli(repo: TempRepo, ...args: string[]) {
  return runCli([...args, '--endpoint-url', sim.endpoint, '--no-color'], { cwd: repo.dir });
}

interface Row {
  unit: string;
  state: string;
  commit: string | null;
  pinned: string | null;
  runs: string | null;
  live: unknown;
}

async function statusRows(repo: TempRepo, ...args: string[]): Promise<Map<string, Row>> {
  const result = await cli(repo, 'status', '--json', ...args);
  assert.is(result.code, 0, result.stdout + result.stderr);
  const parsed = JSON.parse(result.stdout) as { units: Row[] };
  return new Map(parsed.units.map((r) => [r.unit, r]));
}

test('Synced, OutOfSync, Missing, Orphaned, Pinned and Progressing, with no mutating call', async () => {
  const repo = await makeRepo([
    {
      files: {
        ...ecsUnit({ name: 'web', image: 'nginx:1.27' }),
        ...ecsUnit({ name: 'api', image: 'nginx:1.27' }),
        ...ecsUnit({ name: 'old', image: 'nginx:1.27' }),
        ...ecsUnit({ name: 'pin', image: 'nginx:1.27' }),
      },
    },
  ]);
  repos.push(repo);
  assert.is((await cli(repo, 'deploy')).code, 0);
  const allSynced = await statusRows(repo);
  assert.equal(
    [...allSynced.values()].map((r) => r.state),
    ['Synced', 'Synced', 'Synced', 'Synced'],
  );
  assert.is(allSynced.get('services/web/web')?.commit, repo.shas[0]);
  assert.match(allSynced.get('services/web/web')?.runs ?? '', /web:1 \(nginx:1\.27\) PRIMARY 2\/2; 2\/2 running/);
  assert.equal(allSynced.get('services/web/web')?.live, {
    revisions: [{ revision: 'web:1', images: ['nginx:1.27'], status: 'PRIMARY', running: 2, desired: 2 }],
    running: 2,
    desired: 2,
  });

  // api changes (not deployed), old is removed from the repo, new is added, pin is pinned by an operator.
  await repo.commit({
    ...ecsUnit({ name: 'api', image: 'nginx:1.28' }),
    ...Object.fromEntries(Object.keys(ecsUnit({ name: 'old', image: 'x' })).map((k) => [k, null])),
    ...ecsUnit({ name: 'new', image: 'nginx:1.27' }),
  });
  const client = ecsClient(sim);
  const pinArn = (await client.send(new DescribeServicesCommand({ cluster: 'demo', services: ['pin'] }))).services?.[0]?.serviceArn ?? '';
  await client.send(new TagResourceCommand({ resourceArn: pinArn, tags: [{ key: 'gitmoxi:pinned', value: repo.shas[0] }] }));
  // web gets a deployment in flight that cannot finish: tasks of the broken image never start.
  sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: 'nginx:broken' }, reason: 'CannotPullContainerError' }]);
  const registered = await client.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'app', image: 'nginx:broken', essential: true }],
    }),
  );
  await client.send(new UpdateServiceCommand({ cluster: 'demo', service: 'web', taskDefinition: registered.taskDefinition?.taskDefinitionArn ?? '' }));

  sim.control.clearCalls();
  const rows = await statusRows(repo);
  assert.equal(mutatingCalls(sim), []);
  assert.equal(Object.fromEntries([...rows].map(([unit, row]) => [unit, row.state])), {
    'services/api/api': 'OutOfSync',
    'services/new/new': 'Missing',
    'services/pin/pin': 'Pinned',
    'services/web/web': 'Progressing',
    'services/old/old': 'Orphaned',
  });
  assert.is(rows.get('services/pin/pin')?.pinned, repo.shas[0]);

  const gate = await cli(repo, 'status', '--exit-code');
  assert.is(gate.code, 1, gate.stdout + gate.stderr);
  assert.match(gate.stdout, /services\/api\/api\s+OutOfSync/);
  assert.match(gate.stdout, /rolled back by an operator/);
  const one = await cli(repo, 'status', 'services/pin/pin', '--exit-code');
  assert.is(one.code, 0, one.stdout + one.stderr);
});

test.run();
