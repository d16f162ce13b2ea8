/**
 * Target health over time, the unhealthy-targets fault and traffic-triggered alarms, through the real SDK
 * clients against the simulator with a manual clock and a seeded scenario. Tasks are registered through the
 * TargetRegistry, as the ECS model does for RUNNING tasks.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ManualClock } from '../../../clock.js';
import { startSimulator, type Simulator } from '../../server.js';
import type { Scenario, SimTarget, TargetRegistry } from '../../types.js';
import { cloudwatchModule } from '../cloudwatch/module.js';
import { elbv2Service } from './service.js';

const region = 'us-east-1';
const account = '123456789012';
const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'simulator-secret' };
const second = 1000;

const scenario: Scenario = {
  account,
  region,
  infrastructure: {
    targetGroups: ['web-blue', 'web-green'].map((name) => ({
      name,
      healthCheckIntervalSeconds: 10,
      healthyThresholdCount: 2,
      unhealthyThresholdCount: 3,
      deregistrationDelaySeconds: 30,
    })),
    loadBalancers: [
      { name: 'web', listeners: [{ port: 80, targetGroup: 'web-blue', rules: [{ priority: 10, pathPattern: '/api/*', targetGroup: 'web-blue' }] }] },
    ],
    alarms: [{ name: 'web-5xx' }],
  },
  faults: [
    { kind: 'alarm', alarmName: 'web-5xx', whenTrafficTo: { family: 'web', revision: 2 } },
    { kind: 'unhealthy-targets', match: { family: 'web', revision: 3 } },
  ],
};

let sim: Simulator;
let elbv2: ElasticLoadBalancingV2Client;
let cloudwatch: CloudWatchClient;
let groups: Record<string, string>;

test.before(async () => {
  sim = await startSimulator({ clock: new ManualClock(), modules: [elbv2Service, cloudwatchModule] });
  elbv2 = new ElasticLoadBalancingV2Client({ endpoint: sim.endpoint, region, credentials, maxAttempts: 1 });
  cloudwatch = new CloudWatchClient({ endpoint: sim.endpoint, region, credentials, maxAttempts: 1 });
});

test.after(async () => {
  elbv2.destroy();
  cloudwatch.destroy();
  await sim.close();
});

test.before.each(async () => {
  await sim.control.loadScenario(scenario);
  const described = await elbv2.send(new DescribeTargetGroupsCommand({}));
  groups = Object.fromEntries((described.TargetGroups ?? []).map((g) => [g.TargetGroupName, g.TargetGroupArn as string]));
});

function registry(): TargetRegistry {
  return sim.control.world.model('elbv2', account, region);
}

function task(ip: string, revision: number): SimTarget {
  const taskDefinitionArn = `arn:aws:ecs:${region}:${account}:task-definition/web:${revision}`;
  return { id: ip, port: 80, meta: { taskDefinitionArn, family: 'web', revision, image: `repo/web:v${revision}` } };
}

async function states(groupName: string): Promise<string[]> {
  const out = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: groups[groupName] }));
  return (out.TargetHealthDescriptions ?? []).map((d) => `${d.Target?.Id}=${d.TargetHealth?.State}/${d.TargetHealth?.Reason ?? '-'}`);
}

async function alarmState(): Promise<string | undefined> {
  const out = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['web-5xx'] }));
  return out.MetricAlarms?.[0]?.StateValue;
}

async function setWeights(blue: number, green: number): Promise<void> {
  const listeners = await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: await loadBalancerArn() }));
  await elbv2.send(
    new ModifyListenerCommand({
      ListenerArn: listeners.Listeners?.[0]?.ListenerArn,
      DefaultActions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: groups['web-blue'], Weight: blue },
              { TargetGroupArn: groups['web-green'], Weight: green },
            ],
          },
        },
      ],
    }),
  );
}

async function loadBalancerArn(): Promise<string> {
  const out = await elbv2.send(new DescribeLoadBalancersCommand({ Names: ['web'] }));
  return out.LoadBalancers?.[0]?.LoadBalancerArn as string;
}

test('the seeded load balancer forwards to web-blue by its listener and its rule', async () => {
  const rules = await elbv2.send(
    new DescribeRulesCommand({
      ListenerArn: (await elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: await loadBalancerArn() }))).Listeners?.[0]?.ListenerArn,
    }),
  );
  assert.equal(
    rules.Rules?.map((rule) => [rule.Priority, rule.Actions?.[0]?.TargetGroupArn]),
    [
      ['10', groups['web-blue']],
      ['default', groups['web-blue']],
    ],
  );
  const blue = await elbv2.send(new DescribeTargetGroupsCommand({ Names: ['web-blue'] }));
  assert.is(blue.TargetGroups?.[0]?.HealthCheckIntervalSeconds, 10);
});

test('initial → healthy at the first passing check; unused group; draining for the delay, then gone', async () => {
  registry().registerTargets(groups['web-blue'] as string, [task('10.0.1.4', 1)]);
  registry().registerTargets(groups['web-green'] as string, [task('10.0.2.4', 1)]);
  assert.equal(await states('web-blue'), ['10.0.1.4=initial/Elb.RegistrationInProgress']);
  assert.equal(await states('web-green'), ['10.0.2.4=unused/Target.NotInUse']);
  sim.control.advance(9 * second);
  assert.equal(await states('web-blue'), ['10.0.1.4=initial/Elb.RegistrationInProgress']);
  sim.control.advance(1 * second);
  assert.equal(await states('web-blue'), ['10.0.1.4=healthy/-']);
  assert.is(registry().targetState(groups['web-blue'] as string, '10.0.1.4', 80), 'healthy');
  await elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: groups['web-blue'], Targets: [{ Id: '10.0.1.4', Port: 80 }] }));
  assert.equal(await states('web-blue'), ['10.0.1.4=draining/Target.DeregistrationInProgress']);
  sim.control.advance(29 * second);
  assert.equal(await states('web-blue'), ['10.0.1.4=draining/Target.DeregistrationInProgress']);
  sim.control.advance(1 * second);
  assert.equal(await states('web-blue'), []);
});

test('the unhealthy-targets fault fails matching tasks after interval × unhealthy threshold', async () => {
  registry().registerTargets(groups['web-blue'] as string, [task('10.0.1.4', 1), task('10.0.1.5', 3)]);
  sim.control.advance(29 * second);
  // UnhealthyThresholdCount is 3: the failing target is still initial after two failed checks.
  assert.equal(await states('web-blue'), ['10.0.1.4=healthy/-', '10.0.1.5=initial/Elb.RegistrationInProgress']);
  sim.control.advance(1 * second);
  assert.equal(await states('web-blue'), ['10.0.1.4=healthy/-', '10.0.1.5=unhealthy/Target.FailedHealthChecks']);
});

test('traffic reaching the new revision fires the alarm; weight 0 does not', async () => {
  registry().registerTargets(groups['web-blue'] as string, [task('10.0.1.4', 1)]);
  registry().registerTargets(groups['web-green'] as string, [task('10.0.2.4', 2)]);
  await setWeights(100, 0);
  sim.control.advance(10 * second);
  assert.equal(await states('web-green'), ['10.0.2.4=healthy/-']);
  assert.is(await alarmState(), 'OK');
  await setWeights(90, 10);
  assert.is(await alarmState(), 'ALARM');
});

test.run();
