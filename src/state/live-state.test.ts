import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EcsDeploymentState, EcsServiceState, EcsTaskSetState } from '../deploy/ports/ecs-port.js';
import type { IndexedTags, TaggedResourceRef, Tags } from '../deploy/ports/tagging-port.js';
import type { LambdaFunctionState } from '../deploy/ports/lambda-port.js';
import type { RegionPorts } from '../deploy/ports/region-ports.js';
import { serviceProgressing } from '../deploy/in-flight.js';
import { arnName as revisionOf } from '../short-names.js';
import { ecsLiveUnit, lambdaLiveUnit, readLiveUnits, type UnitLookup } from './live-state.js';

const deployment = (status: string, rolloutState = 'COMPLETED'): EcsDeploymentState => ({
  id: status,
  status,
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:2',
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  failedTasks: 0,
  rolloutState,
});
const taskSet = (status: string): EcsTaskSetState => ({
  id: status,
  taskSetArn: status,
  status,
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:3',
  scale: 100,
  computedDesiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  stabilityStatus: 'STEADY_STATE',
  loadBalancers: [],
});
const service = (over: Partial<EcsServiceState>): EcsServiceState => ({
  serviceArn: 'arn:svc',
  serviceName: 'web',
  clusterArn: 'arn:cluster',
  status: 'ACTIVE',
  taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:2',
  desiredCount: 2,
  runningCount: 2,
  pendingCount: 0,
  deploymentControllerType: 'ECS',
  deployments: [deployment('PRIMARY')],
  events: [],
  loadBalancers: [],
  tags: {},
  taskSets: [],
  ...over,
});

const cases: [string, EcsServiceState, boolean][] = [
  ['one completed deployment', service({}), false],
  ['a deployment still replacing another', service({ deployments: [deployment('PRIMARY', 'IN_PROGRESS'), deployment('ACTIVE')] }), true],
  ['one deployment in progress', service({ deployments: [deployment('PRIMARY', 'IN_PROGRESS')] }), true],
  ['blue/green with one task set', service({ deploymentControllerType: 'EXTERNAL', deployments: [], taskSets: [taskSet('PRIMARY')] }), false],
  [
    'blue/green with two task sets',
    service({ deploymentControllerType: 'EXTERNAL', deployments: [], taskSets: [taskSet('PRIMARY'), taskSet('ACTIVE')] }),
    true,
  ],
  [
    'blue/green with the old task set draining',
    service({ deploymentControllerType: 'EXTERNAL', deployments: [], taskSets: [taskSet('PRIMARY'), taskSet('DRAINING')] }),
    false,
  ],
];

for (const [name, input, expected] of cases) test(`serviceProgressing: ${name}`, () => assert.is(serviceProgressing(input), expected));

test('what runs, in words', () => {
  assert.is(ecsLiveUnit('u', 'us-east-1', service({})).runs, 'web:2 2/2 running');
  const fn = { functionName: 'f', functionArn: 'arn:f', state: 'Active', packageType: 'Zip', codeSha256: '', configuration: {}, tags: {} };
  const shifting = lambdaLiveUnit('u', 'us-east-1', fn, { name: 'live', aliasArn: 'a', functionVersion: '4', additionalWeights: { '5': 0.1 } });
  assert.equal([shifting.runs, shifting.facts.progressing], ['live → 4 (5: 10%)', true]);
  assert.is(revisionOf('arn:aws:ecs:us-east-1:1:task-definition/web:7'), 'web:7');
});

/** In-memory ports that count what the reads ask for: the tagging index, GetFunction, GetAlias, DescribeServices. */
function fakeAws(live: Map<string, Tags>, index: (ref: TaggedResourceRef) => Tags | null | undefined, indexFails = false) {
  const asked = { index: 0, getFunction: [] as string[], getAlias: [] as string[], describeServices: [] as string[] };
  const ports = {
    region: 'us-east-1',
    tagging: {
      resourceTags: async (refs: readonly TaggedResourceRef[]): Promise<(IndexedTags | null)[]> => {
        asked.index += 1;
        if (indexFails) throw Object.assign(new Error('User is not authorized to perform: tag:GetResources'), { name: 'AccessDeniedException' });
        return refs.map((ref) => {
          const tags = index(ref);
          return tags ? { resourceArn: `arn:${nameOf(ref)}`, tags } : null;
        });
      },
    },
    lambda: {
      describeFunction: async (name: string): Promise<LambdaFunctionState | null> => {
        asked.getFunction.push(name);
        const tags = live.get(name);
        return tags ? { functionName: name, functionArn: `arn:${name}`, state: 'Active', packageType: 'Zip', codeSha256: '', configuration: {}, tags } : null;
      },
      describeAlias: async (name: string, alias: string) => (
        asked.getAlias.push(name), { name: alias, aliasArn: `arn:${name}:${alias}`, functionVersion: '1', additionalWeights: {} }
      ),
    },
    ecs: {
      describeService: async (cluster: string, name: string) => {
        asked.describeServices.push(name);
        const tags = live.get(name);
        return tags ? service({ serviceName: name, serviceArn: `arn:${name}`, clusterArn: cluster, tags }) : null;
      },
    },
  } as unknown as RegionPorts;
  return { ports, asked };
}

const nameOf = (ref: TaggedResourceRef) => (ref.platform === 'lambda' ? ref.functionName : ref.serviceName);
const tagsFor = (name: string, hash: string, extra: Tags = {}): Tags => ({ 'gitmoxi:unit': `u/${name}`, 'gitmoxi:hash': hash, ...extra });
const fnLookup = (name: string): UnitLookup => ({
  prefix: `u/${name}`,
  identity: { platform: 'lambda', region: 'us-east-1', functionName: name },
  alias: 'live',
  inSyncHash: 'tip',
});
const svcLookup = (name: string): UnitLookup => ({
  prefix: `u/${name}`,
  identity: { platform: 'ecs', region: 'us-east-1', cluster: 'prod', serviceName: name },
  inSyncHash: 'tip',
});

test('poll of many functions: the index stands in for GetFunction where it vouches for the tip, direct reads confirm the rest', async () => {
  const names = Array.from({ length: 30 }, (_, i) => `f${i}`);
  const live = new Map(names.map((name) => [name, tagsFor(name, 'tip')]));
  live.set('f1', tagsFor('f1', 'old'));
  live.set('f2', tagsFor('f2', 'tip', { 'gitmoxi:pinned': 'abc' }));
  live.set('f4', tagsFor('f4', 'tip', { 'gitmoxi:failed': 'def' }));
  // f0 was just deployed and the index still has the old hash; f3 is not indexed yet.
  const index = (ref: TaggedResourceRef) => (nameOf(ref) === 'f0' ? tagsFor('f0', 'old') : nameOf(ref) === 'f3' ? null : live.get(nameOf(ref)));
  live.set('f0', tagsFor('f0', 'tip'));
  const { ports, asked } = fakeAws(live, index);
  const units = await readLiveUnits(names.map(fnLookup), () => ports, 'us-east-1');
  assert.is(asked.index, 1);
  assert.equal(asked.getFunction.sort(), ['f0', 'f1', 'f2', 'f3', 'f4']);
  assert.equal(asked.getAlias, ['f1']);
  assert.is(units.size, 30);
  assert.is(units.get('u/f9')?.facts.tags['gitmoxi:hash'], 'tip');
  assert.is(units.get('u/f9')?.resourceArn, 'arn:f9');
  assert.is(units.get('u/f0')?.facts.tags['gitmoxi:hash'], 'tip');
  assert.is(units.get('u/f1')?.facts.tags['gitmoxi:hash'], 'old');
  assert.is(units.get('u/f2')?.facts.tags['gitmoxi:pinned'], 'abc');
});

test('an index that cannot be asked (no tag:GetResources) means reading every function directly', async () => {
  const names = Array.from({ length: 25 }, (_, i) => `f${i}`);
  const live = new Map(names.map((name) => [name, tagsFor(name, 'tip')]));
  const { ports, asked } = fakeAws(live, (ref) => live.get(nameOf(ref)), true);
  const units = await readLiveUnits(names.map(fnLookup), () => ports, 'us-east-1');
  assert.is(asked.index, 1);
  assert.is(asked.getFunction.length, 25);
  assert.is(units.size, 25);
});

test('few lookups, or status (no wanted hash), never ask the index', async () => {
  const live = new Map(['a', 'b'].map((name) => [name, tagsFor(name, 'tip')]));
  const { ports, asked } = fakeAws(live, (ref) => live.get(nameOf(ref)));
  await readLiveUnits(['a', 'b'].map(fnLookup), () => ports, 'us-east-1');
  const names = Array.from({ length: 40 }, (_, i) => `f${i}`);
  const statusLookups = names.map((name): UnitLookup => {
    const { inSyncHash: _wanted, ...lookup } = fnLookup(name);
    return lookup;
  });
  await readLiveUnits(statusLookups, () => ports, 'us-east-1');
  assert.is(asked.index, 0);
});

test('many services: the index stands in for DescribeServices; one it lists under another hash is read directly, and found gone', async () => {
  const names = Array.from({ length: 300 }, (_, i) => `s${i}`);
  const live = new Map(names.map((name) => [name, tagsFor(name, 'tip')]));
  live.delete('s7');
  const { ports, asked } = fakeAws(live, (ref) => (nameOf(ref) === 's8' ? tagsFor('s8', 'old') : (live.get(nameOf(ref)) ?? tagsFor(nameOf(ref), 'old'))));
  const units = await readLiveUnits(names.map(svcLookup), () => ports, 'us-east-1');
  assert.equal(asked.describeServices.sort(), ['s7', 's8']);
  assert.is(units.size, 299);
  assert.is(units.has('u/s7'), false);
  assert.is(units.get('u/s100')?.platform, 'ecs');
});

test.run();
