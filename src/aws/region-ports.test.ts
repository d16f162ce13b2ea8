/** The ELBv2, CloudWatch and STS adapters, and the per-Region cache, against the simulator. */
import { DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createRegionPorts } from './region-ports.js';
import { ACCOUNT, calls, startTestAws, webService, webTaskDefinition, type TestAws } from './test-simulator.js';

let aws: TestAws;

test.before.each(async () => {
  aws = await startTestAws();
});

test.after.each(async () => {
  await aws.close();
});

async function targetGroupArn(name: string): Promise<string> {
  const output = await aws.clients.elbv2.send(new DescribeTargetGroupsCommand({ Names: [name] }));
  const arn = output.TargetGroups?.[0]?.TargetGroupArn;
  if (!arn) throw new Error(`no target group ${name}`);
  return arn;
}

test('targetHealth reports the tasks of a service behind the target group', async () => {
  const blue = await targetGroupArn('blue');
  assert.equal(await aws.ports.loadBalancing.targetHealth(blue), []);
  const taskDefinitionArn = await aws.ports.ecs.registerTaskDefinition(webTaskDefinition(), {});
  await aws.ports.ecs.createService(webService(taskDefinitionArn, { loadBalancers: [{ targetGroupArn: blue, containerName: 'web', containerPort: 80 }] }));
  aws.clock.advance(120_000);
  const tasks = await aws.ports.ecs.serviceTasks('prod', 'web', 'RUNNING');
  // The simulator starts health checks when it sees the registration, at the end of a jump of its manual clock.
  aws.clock.advance(11_000);
  const health = await aws.ports.loadBalancing.targetHealth(blue);
  assert.equal(health.map((target) => target.targetId).sort(), tasks.map((task) => task.privateIp).sort());
  for (const target of health) {
    assert.is(target.port, 80);
    assert.is(target.state, 'healthy');
  }
  assert.equal(await aws.ports.loadBalancing.targetHealth(await targetGroupArn('green')), []);
});

test('firingAlarms returns the alarms in ALARM with their reason and reports missing names', async () => {
  const result = await aws.ports.alarms.firingAlarms(['web-5xx', 'web-latency', 'ghost', 'web-latency']);
  assert.equal(result.missing, ['ghost']);
  assert.equal(
    result.firing.map((alarm) => alarm.alarmName),
    ['web-latency'],
  );
  assert.ok(result.firing[0]?.stateReason);
  const [call] = calls(aws.sim, 'cloudwatch');
  assert.equal((call?.params as { AlarmTypes?: string[] } | undefined)?.AlarmTypes, ['MetricAlarm', 'CompositeAlarm']);
});

test('firingAlarms sees an alarm the scenario fires later', async () => {
  aws.sim.control.addFaults([{ kind: 'alarm', alarmName: 'web-5xx', atSeconds: 30 }]);
  assert.equal((await aws.ports.alarms.firingAlarms(['web-5xx'])).firing, []);
  aws.clock.advance(31_000);
  const { firing } = await aws.ports.alarms.firingAlarms(['web-5xx']);
  assert.equal(
    firing.map((alarm) => alarm.alarmName),
    ['web-5xx'],
  );
});

test('firingAlarms asks for 100 names a call and makes no call for none', async () => {
  assert.equal(await aws.ports.alarms.firingAlarms([]), { firing: [], missing: [] });
  assert.is(calls(aws.sim, 'cloudwatch').length, 0);
  const names = ['web-5xx', ...Array.from({ length: 149 }, (_, index) => `missing-${index}`)];
  const result = await aws.ports.alarms.firingAlarms(names);
  assert.is(result.missing.length, 149);
  assert.equal(result.firing, []);
  const sizes = calls(aws.sim, 'cloudwatch').map((call) => (call.params as { AlarmNames: string[] }).AlarmNames.length);
  assert.equal(sizes, [100, 50]);
});

test('callerAccount asks STS once', async () => {
  assert.is(await aws.ports.identity.callerAccount(), ACCOUNT);
  assert.is(await aws.ports.identity.callerAccount(), ACCOUNT);
  assert.equal(
    calls(aws.sim, 'sts').map((call) => call.operation),
    ['GetCallerIdentity'],
  );
});

test('createRegionPorts is cached per Region', () => {
  assert.is(createRegionPorts(aws.connection), aws.ports);
  assert.is(createRegionPorts({ ...aws.connection }), aws.ports);
  const other = createRegionPorts({ ...aws.connection, region: 'eu-west-1' });
  assert.is.not(other, aws.ports);
  assert.is(other.region, 'eu-west-1');
  assert.is(other.ecs, other.ecs);
});

test('ports of another Region reach that Region', async () => {
  const other = createRegionPorts({ ...aws.connection, region: 'eu-west-1' });
  // The scenario seeded its alarms in us-east-1 only.
  assert.equal((await other.alarms.firingAlarms(['web-5xx'])).missing, ['web-5xx']);
  assert.equal(
    aws.sim.control.calls().map((call) => call.region),
    ['eu-west-1'],
  );
});

test.run();
