import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { circuitBreakerTripped, failedTasks } from './circuit-breaker.js';
import type { EcsTaskState } from './ports/ecs-port.js';

const NEW = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2';
const OLD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1';

function task(ip: string, taskDefinitionArn = NEW, extra: Partial<EcsTaskState> = {}): EcsTaskState {
  return { taskArn: `t-${ip}`, taskDefinitionArn, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', privateIp: ip, containers: [], ...extra };
}

test('failedTasks counts failures of the new revision since the deployment began, not replacements or operators', () => {
  const stopped = [
    task('1', NEW, { stoppedAt: 100, stopCode: 'TaskFailedToStart', stoppedReason: 'CannotPullContainerError: not found' }),
    task('2', NEW, { stoppedAt: 100, stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' }),
    task('3', NEW, { stoppedAt: 100, stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed ELB health checks in (target-group x)' }),
    task('4', NEW, { stoppedAt: 100, stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)' }),
    task('5', NEW, { stoppedAt: 100, stopCode: 'UserInitiated', stoppedReason: 'stopped by an operator' }),
    task('6', OLD, { stoppedAt: 100, stopCode: 'TaskFailedToStart', stoppedReason: 'old revision' }),
    task('7', NEW, { stoppedAt: 10, stopCode: 'TaskFailedToStart', stoppedReason: 'before this deployment' }),
  ];
  assert.equal(
    failedTasks(stopped, NEW, 50).map((t) => t.privateIp),
    ['1', '2', '3'],
  );
});

test('circuit breaker trips at its threshold, never when off', () => {
  assert.equal([circuitBreakerTripped(2, 3), circuitBreakerTripped(3, 3), circuitBreakerTripped(100, null)], [false, true, false]);
});

test.run();
