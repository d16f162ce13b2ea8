import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EcsDeploymentState, EcsServiceState, EcsTaskSetState } from '../deploy/ports.js';
import { ecsLiveUnit, lambdaLiveUnit, revisionOf, serviceProgressing } from './live-state.js';

const deployment = (status: string, rolloutState = 'COMPLETED'): EcsDeploymentState => ({
  id: status, status, taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:2', desiredCount: 2, runningCount: 2, pendingCount: 0, failedTasks: 0, rolloutState,
});
const taskSet = (status: string): EcsTaskSetState => ({
  id: status, taskSetArn: status, status, taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:3', scale: 100, computedDesiredCount: 2, runningCount: 2, pendingCount: 0, stabilityStatus: 'STEADY_STATE', loadBalancers: [],
});
const service = (over: Partial<EcsServiceState>): EcsServiceState => ({
  serviceArn: 'arn:svc', serviceName: 'web', clusterArn: 'arn:cluster', status: 'ACTIVE', taskDefinitionArn: 'arn:aws:ecs:us-east-1:1:task-definition/web:2',
  desiredCount: 2, runningCount: 2, pendingCount: 0, deploymentControllerType: 'ECS', deployments: [deployment('PRIMARY')], events: [], loadBalancers: [], tags: {}, taskSets: [], ...over,
});

const cases: [string, EcsServiceState, boolean][] = [
  ['one completed deployment', service({}), false],
  ['a deployment still replacing another', service({ deployments: [deployment('PRIMARY', 'IN_PROGRESS'), deployment('ACTIVE')] }), true],
  ['one deployment in progress', service({ deployments: [deployment('PRIMARY', 'IN_PROGRESS')] }), true],
  ['blue/green with one task set', service({ deploymentControllerType: 'EXTERNAL', deployments: [], taskSets: [taskSet('PRIMARY')] }), false],
  ['blue/green with two task sets', service({ deploymentControllerType: 'EXTERNAL', deployments: [], taskSets: [taskSet('PRIMARY'), taskSet('ACTIVE')] }), true],
  ['blue/green with the old task set draining', service({ deploymentControllerType: 'EXTERNAL', deployments: [], taskSets: [taskSet('PRIMARY'), taskSet('DRAINING')] }), false],
];

for (const [name, input, expected] of cases) test(`serviceProgressing: ${name}`, () => assert.is(serviceProgressing(input), expected));

test('what runs, in words', () => {
  assert.is(ecsLiveUnit('u', 'us-east-1', service({})).runs, 'web:2 2/2 running');
  const fn = { functionName: 'f', functionArn: 'arn:f', state: 'Active', packageType: 'Zip', codeSha256: '', configuration: {}, tags: {} };
  const shifting = lambdaLiveUnit('u', 'us-east-1', fn, { name: 'live', aliasArn: 'a', functionVersion: '4', additionalWeights: { '5': 0.1 } });
  assert.equal([shifting.runs, shifting.facts.progressing], ['live → 4 (5: 10%)', true]);
  assert.is(revisionOf('arn:aws:ecs:us-east-1:1:task-definition/web:7'), 'web:7');
});

test.run();
