import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DescribeTargetHealthOutput } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SimError } from '../../errors.js';
import type { SimTarget } from '../../types.js';
import type { ForwardAction } from './state.js';
import { balancerWithListener, createTestWorld, ipGroup, type TestWorld } from './test-world.js';

const second = 1000;
const taskDefinition = (revision: number) => `arn:aws:ecs:us-east-1:123456789012:task-definition/web:${revision}`;

function task(ip: string, revision: number): SimTarget {
  return {
    id: ip,
    port: 80,
    meta: { taskDefinitionArn: taskDefinition(revision), family: 'web', revision, image: `repo/web:v${revision}` },
  };
}

function health(t: TestWorld, arn: string): string[] {
  return t.model.describeTargetHealth(arn, []).map((d) => `${d.Target?.Id}=${d.TargetHealth?.State}/${d.TargetHealth?.Reason ?? '-'}`);
}

function forward(...groups: [string, number][]): ForwardAction[] {
  return [
    {
      type: 'forward',
      targetGroups: groups.map(([targetGroupArn, weight]) => ({ targetGroupArn, weight })),
      stickiness: { enabled: false },
    },
  ];
}

test('a target is unused until a listener forwards to its group, then initial, then healthy at its first passing check', () => {
  const t = createTestWorld();
  const arn = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  t.model.registerTargets(arn, [task('10.0.1.4', 1)]);
  assert.equal(health(t, arn), ['10.0.1.4=unused/Target.NotInUse']);
  t.tick(600 * second);
  assert.equal(health(t, arn), ['10.0.1.4=unused/Target.NotInUse']);
  balancerWithListener(t.model, 'web', arn);
  assert.equal(health(t, arn), ['10.0.1.4=initial/Elb.RegistrationInProgress']);
  // One 30-second interval, not HealthyThresholdCount (5) of them.
  t.tick(30 * second - 1);
  assert.is(t.model.targetState(arn, '10.0.1.4', 80), 'initial');
  t.tick(1);
  assert.equal(health(t, arn), ['10.0.1.4=healthy/-']);
  assert.is(t.model.targetState(arn, '10.0.1.4'), 'healthy');
});

test('a target registered in a group in use counts from its registration; the interval comes from the group', () => {
  const t = createTestWorld();
  const arn = t.model.createTargetGroup(ipGroup('blue', { intervalSeconds: 10, healthyThreshold: 4 })).TargetGroupArn as string;
  balancerWithListener(t.model, 'web', arn);
  t.tick(100 * second);
  t.model.registerTargets(arn, [task('10.0.1.4', 1)]);
  t.tick(9 * second);
  assert.is(t.model.targetState(arn, '10.0.1.4', 80), 'initial');
  t.tick(1 * second);
  assert.is(t.model.targetState(arn, '10.0.1.4', 80), 'healthy');
});

test('a deregistered target drains for the deregistration delay, then is gone', () => {
  const t = createTestWorld();
  const arn = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  balancerWithListener(t.model, 'web', arn);
  t.model.modifyTargetGroupAttributes(arn, [{ key: 'deregistration_delay.timeout_seconds', value: '60' }]);
  t.model.registerTargets(arn, [task('10.0.1.4', 1), task('10.0.1.5', 1)]);
  t.tick(150 * second);
  t.model.deregisterTargets(arn, [{ id: '10.0.1.4', port: 80 }]);
  assert.equal(health(t, arn), ['10.0.1.4=draining/Target.DeregistrationInProgress', '10.0.1.5=healthy/-']);
  t.tick(60 * second - 1);
  assert.is(t.model.targetState(arn, '10.0.1.4', 80), 'draining');
  t.tick(1);
  assert.is(t.model.targetState(arn, '10.0.1.4', 80), undefined);
  assert.equal(health(t, arn), ['10.0.1.5=healthy/-']);
  // Deregistering an unknown target succeeds.
  t.model.deregisterTargets(arn, [{ id: '10.0.9.9' }]);
});

test('a target deregistered from a group no load balancer uses goes at once', () => {
  const t = createTestWorld();
  const arn = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  t.model.registerTargets(arn, [task('10.0.1.4', 1)]);
  t.model.deregisterTargets(arn, [{ id: '10.0.1.4' }]);
  assert.equal(health(t, arn), []);
});

test('a group taken off the listener leaves its targets unused; put back, checks start again', () => {
  const t = createTestWorld();
  const blue = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  const green = t.model.createTargetGroup(ipGroup('green')).TargetGroupArn as string;
  const { listenerArn } = balancerWithListener(t.model, 'web', blue);
  t.model.registerTargets(blue, [task('10.0.1.4', 1)]);
  t.tick(150 * second);
  t.model.modifyListener(listenerArn, { defaultActions: forward([green, 1]) });
  assert.equal(health(t, blue), ['10.0.1.4=unused/Target.NotInUse']);
  t.model.modifyListener(listenerArn, { defaultActions: forward([blue, 0], [green, 1]) });
  assert.equal(health(t, blue), ['10.0.1.4=initial/Elb.RegistrationInProgress']);
  t.tick(150 * second);
  assert.equal(health(t, blue), ['10.0.1.4=healthy/-']);
});

test('unhealthy-targets fault: matching targets fail after interval × unhealthy threshold, others pass at once', () => {
  const t = createTestWorld();
  t.faults.push({ kind: 'unhealthy-targets', match: { family: 'web', revision: 2 } });
  const arn = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  balancerWithListener(t.model, 'web', arn);
  t.model.registerTargets(arn, [task('10.0.1.4', 1), task('10.0.1.5', 2)]);
  t.tick(30 * second);
  // A failing new target stays initial until UnhealthyThresholdCount (2) checks have failed.
  assert.equal(health(t, arn), ['10.0.1.4=healthy/-', '10.0.1.5=initial/Elb.RegistrationInProgress']);
  t.tick(30 * second - 1);
  assert.equal(health(t, arn), ['10.0.1.4=healthy/-', '10.0.1.5=initial/Elb.RegistrationInProgress']);
  t.tick(1);
  assert.equal(health(t, arn), ['10.0.1.4=healthy/-', '10.0.1.5=unhealthy/Target.FailedHealthChecks']);
});

test('a fault that appears later turns healthy targets unhealthy; when it goes, they recover', () => {
  const t = createTestWorld();
  const arn = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  balancerWithListener(t.model, 'web', arn);
  t.model.registerTargets(arn, [task('10.0.1.4', 1)]);
  t.tick(150 * second);
  assert.is(t.model.targetState(arn, '10.0.1.4'), 'healthy');
  t.faults.push({ kind: 'unhealthy-targets', match: { image: 'repo/web:*' } });
  // The model sees a new fault when it next advances (before the next request, in the server).
  t.tick(0);
  t.tick(59 * second);
  assert.is(t.model.targetState(arn, '10.0.1.4'), 'healthy');
  t.tick(1 * second);
  assert.is(t.model.targetState(arn, '10.0.1.4'), 'unhealthy');
  // Back from unhealthy takes HealthyThresholdCount (5) passing checks, not one.
  t.faults.length = 0;
  t.tick(0);
  t.tick(150 * second - 1);
  assert.is(t.model.targetState(arn, '10.0.1.4'), 'unhealthy');
  t.tick(1);
  assert.is(t.model.targetState(arn, '10.0.1.4'), 'healthy');
});

test('lambda targets: one function per group, unavailable while health checks are disabled', () => {
  const t = createTestWorld();
  const arn = t.model.createTargetGroup({ name: 'fn', targetType: 'lambda', healthCheck: {} }).TargetGroupArn as string;
  const fn = 'arn:aws:lambda:us-east-1:123456789012:function:orders:live';
  const code = (run: () => void): string => {
    try {
      run();
      return 'no error';
    } catch (error) {
      return error instanceof SimError ? error.code : String(error);
    }
  };
  assert.is(
    code(() => t.model.checkTargets(arn, [{ id: '10.0.0.1' }])),
    'InvalidTarget',
  );
  t.model.registerTargets(arn, [{ id: fn }]);
  assert.is(
    code(() => t.model.registerTargets(arn, [{ id: `${fn}2` }])),
    'TooManyTargets',
  );
  assert.equal(health(t, arn), [`${fn}=unused/Target.NotInUse`]);
  balancerWithListener(t.model, 'fn', arn);
  assert.equal(health(t, arn), [`${fn}=unavailable/Target.HealthCheckDisabled`]);
});

test('RegisterTargets checks target ids; DescribeTargetHealth reports unregistered targets', () => {
  const t = createTestWorld();
  const arn = t.model.createTargetGroup(ipGroup('blue')).TargetGroupArn as string;
  const register = (Id: string) => {
    try {
      t.call('RegisterTargets', { TargetGroupArn: arn, Targets: [{ Id, Port: 8080 }] });
      return 'no error';
    } catch (error) {
      return error instanceof SimError ? error.code : String(error);
    }
  };
  assert.is(register('8.8.8.8'), 'InvalidTarget');
  assert.is(register('i-0abc'), 'InvalidTarget');
  assert.is(register('10.0.3.7'), 'no error');
  const out = t.call('DescribeTargetHealth', {
    TargetGroupArn: arn,
    Targets: [{ Id: '10.0.3.7', Port: 8080 }, { Id: '10.0.3.8' }],
  }) as DescribeTargetHealthOutput;
  assert.equal(out.TargetHealthDescriptions, [
    {
      Target: { Id: '10.0.3.7', Port: 8080 },
      HealthCheckPort: '8080',
      TargetHealth: { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target group is not configured to receive traffic from the load balancer' },
    },
    {
      Target: { Id: '10.0.3.8', Port: 80 },
      TargetHealth: { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' },
    },
  ]);
});

test.run();
