/**
 * Simulator behaviours found by replaying real repositories, seen through a real deploy: a target turns healthy at
 * its first passing health check (so AWS's default checks fit a 150 s stability timeout), and a container whose
 * command is `exit 1` (GitMoxi's own failure tests) stops its task, which trips the circuit breaker.
 */
import { DescribeTasksCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsClient, ecsScenario, ecsUnit, liveService, seededTargetGroupArn, startEcsSimulator } from '../fakes/sim-fixture.js';
import type { FileTree } from '../fakes/temp-repo.js';

/** The rolling world, its target group left with AWS's default health checks (every 30 s, 5 to recover). */
const defaultChecks = {
  ...ecsScenario,
  infrastructure: {
    ...ecsScenario.infrastructure,
    targetGroups: [{ name: 'web', targetType: 'ip' as const, protocol: 'HTTP' as const, port: 80, deregistrationDelaySeconds: 5 }],
  },
};

const session = deploySession(test, () => startEcsSimulator(defaultChecks));
const { repoWith, deploy } = session;

/** The unit with its container's command replaced by a shell that exits at once. */
function exitingUnit(files: FileTree, code: number): FileTree {
  const path = 'services/web/web_taskdef.json';
  const taskdef = JSON.parse(String(files[path])) as { containerDefinitions: Record<string, unknown>[] };
  taskdef.containerDefinitions = taskdef.containerDefinitions.map((c) => ({ ...c, entryPoint: ['/bin/sh', '-c'], command: [`exit ${code}`] }));
  return { ...files, [path]: JSON.stringify(taskdef, null, 2) };
}

test('default health checks: the new tasks are healthy well within a 150 s stability timeout, exit 0', async () => {
  const tg = seededTargetGroupArn(session.sim, 'web');
  const unit = ecsUnit({ name: 'web', image: 'nginx:1.27', targetGroupArn: tg, depdef: { stabilityCheck: { pollInterval: 5, timeout: 150 } } });
  const repo = await repoWith({ files: unit });
  const result = await deploy(repo);
  assert.is(result.code, 0, result.stdout + result.stderr);
  const live = await liveService(session.sim, 'web');
  assert.equal([live?.taskDefinition, live?.running], ['web:1', 2]);
});

test('a container whose command is `exit 1` stops its tasks: the breaker trips, the old revision runs, exit 1', async () => {
  const tg = seededTargetGroupArn(session.sim, 'web');
  const good = ecsUnit({ name: 'web', image: 'nginx:1.27', targetGroupArn: tg });
  const repo = await repoWith({ files: good }, { files: exitingUnit(ecsUnit({ name: 'web', image: 'nginx:1.28', targetGroupArn: tg }), 1) });
  assert.is((await deploy(repo, '--to', 'HEAD~1')).code, 0);
  const result = await deploy(repo, '--from', 'HEAD~1');
  assert.is(result.code, 1, result.stdout + result.stderr);
  assert.equal((await liveService(session.sim, 'web'))?.taskDefinition, 'web:1');
  const ecs = ecsClient(session.sim);
  const stopped = await ecs.send(new ListTasksCommand({ cluster: 'demo', serviceName: 'web', desiredStatus: 'STOPPED' }));
  const tasks = (await ecs.send(new DescribeTasksCommand({ cluster: 'demo', tasks: stopped.taskArns ?? [] }))).tasks ?? [];
  // Tasks of web:2 the rollback stopped before they ran have another reason; the ones that ran exited with 1.
  const exited = tasks.filter((task) => task.taskDefinitionArn?.endsWith(':task-definition/web:2') && task.stopCode === 'EssentialContainerExited');
  assert.ok(exited.length >= 2, `${exited.length} web:2 tasks exited; the breaker needs 2`);
  assert.equal(
    [...new Set(exited.map((task) => `${task.stoppedReason} / exit ${task.containers?.[0]?.exitCode}`))],
    ['Essential container in task exited / exit 1'],
  );
});

test.run();
