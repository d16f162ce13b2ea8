import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { UnitEvent } from '../context.js';
import type { EcsServiceState, EcsTaskState } from '../ports/ecs-port.js';
import type { TargetHealthState } from '../ports/elb-port.js';
import { ServiceObserver } from './service-observer.js';

const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1';
const since = 1_000_000;

function world() {
  const counts = { desiredCount: 2, runningCount: 2, pendingCount: 0 };
  const service: EcsServiceState = {
    serviceArn: 'svc',
    serviceName: 'web',
    clusterArn: 'c',
    status: 'ACTIVE',
    deploymentControllerType: 'ECS',
    ...counts,
    deployments: [],
    taskSets: [],
    events: [],
    loadBalancers: [{ targetGroupArn: TG }],
    tags: {},
  };

  const tasks: { RUNNING: EcsTaskState[]; STOPPED: EcsTaskState[] } = { RUNNING: [], STOPPED: [] };
  const health: TargetHealthState[] = [];
  const events: UnitEvent[] = [];
  let exists = true;
  const ctx = {
    emit: (event: UnitEvent) => events.push(event),
    ports: {
      ecs: {
        describeService: async () => (exists ? { ...service, events: [...service.events] } : null),
        serviceTasks: async (_c: string, _s: string, status: 'RUNNING' | 'STOPPED') => [...tasks[status]],
      },
      loadBalancing: { targetHealth: async () => [...health] },
    },
  };
  const observer = new ServiceObserver(ctx, { cluster: 'c', serviceName: 'web' }, since, {
    targetGroupArns: (seen) => seen.loadBalancers.flatMap((lb) => (lb.targetGroupArn === undefined ? [] : [lb.targetGroupArn])),
    failures: (stopped) => stopped.filter((task) => task.stopCode === 'TaskFailedToStart'),
  });
  return {
    service,
    tasks,
    health,
    events,
    observer,
    remove: () => {
      exists = false;
    },
  };
}

const stopped = (id: string): EcsTaskState => ({
  taskArn: id,
  taskDefinitionArn: 'td:2',
  lastStatus: 'STOPPED',
  desiredStatus: 'STOPPED',
  containers: [],
  stopCode: 'TaskFailedToStart',
  stoppedReason: 'CannotPullContainerError',
});

test("service events are reported oldest first and once each; older ones are not this deployment's", async () => {
  const { service, events, observer } = world();
  service.events = [
    { id: 'e2', at: since + 20, message: 'second' },
    { id: 'e1', at: since + 10, message: 'first' },
    { id: 'e0', at: since - 60_000, message: 'an earlier deployment' },
  ];
  await observer.look();
  service.events = [{ id: 'e3', at: since + 30, message: 'third' }, ...service.events];
  await observer.look();
  assert.equal(
    events.filter((e) => e.type === 'service.event').map((e) => (e.type === 'service.event' ? e.message : '')),
    ['first', 'second', 'third'],
  );
  assert.equal(
    observer.seen.serviceEvents.map((e) => e.message),
    ['first', 'second', 'third'],
  );
});

test('failed tasks are reported once; counts only when they change; target health is kept for the report', async () => {
  const { tasks, health, events, observer } = world();
  tasks.STOPPED.push(stopped('t1'), { ...stopped('t0'), stopCode: 'UserInitiated' });
  health.push({ targetId: '10.0.0.1', state: 'healthy' });
  const counts = { desired: 2, running: 1, pending: 1, healthy: 1, failed: 1 };
  await observer.look();
  observer.noteCounts(counts);
  tasks.STOPPED.push(stopped('t2'));
  await observer.look();
  observer.noteCounts(counts);
  observer.noteCounts({ ...counts, failed: 2 });
  assert.equal(
    events.map((e) => e.type),
    ['task.stopped', 'tasks.changed', 'task.stopped', 'tasks.changed'],
  );
  assert.equal(
    observer.seen.failedTasks.map((t) => t.taskArn),
    ['t1', 't2'],
  );
  assert.equal(observer.seen.targetHealth, new Map([[TG, [{ targetId: '10.0.0.1', state: 'healthy' }]]]));
});

test('a service that is gone is a look that finds nothing', async () => {
  const { observer, remove } = world();
  remove();
  assert.is(await observer.look(), null);
});

test.run();
