import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ecsInFlight, lambdaInFlight } from './in-flight.js';
import type { EcsDeploymentState, EcsServiceState } from './ports/ecs-port.js';
import type { LambdaAliasState, LambdaFunctionState } from './ports/lambda-port.js';

const td = (revision: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${revision}`;

function deployment(status: string, revision: number, rolloutState?: string): EcsDeploymentState {
  return {
    id: `ecs-svc/${revision}`,
    status,
    taskDefinitionArn: td(revision),
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    failedTasks: 0,
    ...(rolloutState ? { rolloutState } : {}),
  };
}

function service(deployments: EcsDeploymentState[]): EcsServiceState {
  return {
    serviceArn: 'arn:svc/web',
    serviceName: 'web',
    clusterArn: 'arn:cluster/demo',
    status: 'ACTIVE',
    taskDefinitionArn: td(1),
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    deploymentControllerType: 'ECS',
    deployments,
    events: [],
    loadBalancers: [],
    tags: {},
    taskSets: [],
  };
}

const ecsCases: [string, EcsDeploymentState[], RegExp | null][] = [
  ['one completed deployment: settled', [deployment('PRIMARY', 1, 'COMPLETED')], null],
  ['no rollout state (older API answers): settled', [deployment('PRIMARY', 1)], null],
  ['a failed rollout no one drives any more: settled', [deployment('PRIMARY', 1, 'FAILED')], null],
  ['the primary rollout is IN_PROGRESS', [deployment('PRIMARY', 2, 'IN_PROGRESS')], /ecs-svc\/2 of web:2 is IN_PROGRESS$/],
  ['an older deployment still runs', [deployment('PRIMARY', 2, 'COMPLETED'), deployment('ACTIVE', 1, 'COMPLETED')], /1 older deployment still running/],
  ['two older deployments', [deployment('PRIMARY', 3, 'IN_PROGRESS'), deployment('ACTIVE', 2), deployment('ACTIVE', 1)], /2 older deployments/],
];

for (const [name, deployments, expected] of ecsCases) {
  test(`ecsInFlight: ${name}`, () => {
    const verdict = ecsInFlight(service(deployments));
    if (expected === null) assert.is(verdict, null);
    else assert.match(verdict ?? '', expected);
  });
}

const fn = (lastUpdateStatus?: string): LambdaFunctionState => ({
  functionName: 'hello',
  functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:hello',
  state: 'Active',
  ...(lastUpdateStatus ? { lastUpdateStatus } : {}),
  packageType: 'Zip',
  codeSha256: 'x',
  configuration: {},
  tags: {},
});

const alias = (additionalWeights: Record<string, number>): LambdaAliasState => ({
  name: 'live',
  aliasArn: 'arn:alias',
  functionVersion: '1',
  additionalWeights,
});

const lambdaCases: [string, LambdaFunctionState, LambdaAliasState | null, RegExp | null][] = [
  ['settled alias', fn('Successful'), alias({}), null],
  ['no alias (no lambdadepdef)', fn('Successful'), null, null],
  ['a zero weight routes nothing', fn('Successful'), alias({ '2': 0 }), null],
  ['a canary in flight', fn('Successful'), alias({ '2': 0.1 }), /alias live routes 10% to version 2 and the rest to version 1/],
  ['an update in progress', fn('InProgress'), alias({}), /update of function hello is in progress/],
  ['an update in progress without an alias', fn('InProgress'), null, /in progress/],
];

for (const [name, live, liveAlias, expected] of lambdaCases) {
  test(`lambdaInFlight: ${name}`, () => {
    const verdict = lambdaInFlight(live, liveAlias);
    if (expected === null) assert.is(verdict, null);
    else assert.match(verdict ?? '', expected);
  });
}

test.run();
