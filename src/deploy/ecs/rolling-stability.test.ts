import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EcsServiceState, EcsTaskState } from '../ports/ecs-port.js';
import type { TargetHealthState } from '../ports/elb-port.js';
import { assessRollingStability, countHealthy } from './rolling-stability.js';

const NEW = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2';
const OLD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1';
const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1';

function service(deployments: Partial<EcsServiceState['deployments'][number]>[]): EcsServiceState {
  return {
    serviceArn: 's',
    serviceName: 'web',
    clusterArn: 'c',
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    deploymentControllerType: 'ECS',
    events: [],
    loadBalancers: [],
    tags: {},
    taskSets: [],
    deployments: deployments.map((d, i) => ({
      id: `d${i}`,
      status: i === 0 ? 'PRIMARY' : 'ACTIVE',
      taskDefinitionArn: NEW,
      desiredCount: 2,
      runningCount: 2,
      pendingCount: 0,
      failedTasks: 0,
      ...d,
    })),
  };
}

function task(ip: string, taskDefinitionArn = NEW, extra: Partial<EcsTaskState> = {}): EcsTaskState {
  return { taskArn: `t-${ip}`, taskDefinitionArn, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', privateIp: ip, containers: [], ...extra };
}

const healthy = (...ips: string[]): Map<string, TargetHealthState[]> => new Map([[TG, ips.map((ip) => ({ targetId: ip, state: 'healthy' }))]]);

const stabilityCases: [string, EcsServiceState, EcsTaskState[], Map<string, TargetHealthState[]>, boolean, RegExp][] = [
  ['one deployment, all running, no load balancer', service([{}]), [task('a'), task('b')], new Map(), true, /^$/],
  ['primary still on the old revision', service([{ taskDefinitionArn: OLD }]), [task('a', OLD)], new Map(), false, /start the deployment/],
  ['tasks still starting', service([{ runningCount: 1, pendingCount: 1 }]), [task('a')], new Map(), false, /1 of 2 running/],
  ['old deployment still draining', service([{}, { taskDefinitionArn: OLD }]), [task('a'), task('b')], new Map(), false, /drain/],
  ['targets not yet healthy', service([{}]), [task('a'), task('b')], healthy('a'), false, /1 of 2 healthy/],
  ['all targets healthy', service([{}]), [task('a'), task('b')], healthy('a', 'b'), true, /^$/],
  ['ECS marked the rollout failed', service([{ rolloutState: 'FAILED' }]), [task('a'), task('b')], new Map(), false, /FAILED/],
];

for (const [name, svc, tasks, health, stable, waiting] of stabilityCases) {
  test(`stability: ${name}`, () => {
    const verdict = assessRollingStability({ service: svc, taskDefinitionArn: NEW, runningTasks: tasks, targetHealth: health });
    assert.is(verdict.stable, stable);
    assert.match(verdict.waitingFor, waiting);
  });
}

test('countHealthy requires health in every target group', () => {
  const two = new Map([
    [
      TG,
      [
        { targetId: 'a', state: 'healthy' },
        { targetId: 'b', state: 'healthy' },
      ],
    ],
    [
      'tg2',
      [
        { targetId: 'a', state: 'healthy' },
        { targetId: 'b', state: 'initial' },
      ],
    ],
  ]);
  assert.is(countHealthy([task('a'), task('b')], two), 1);
});

test.run();
