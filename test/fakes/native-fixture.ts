/**
 * ECS-native (BLUE_GREEN, LINEAR, CANARY) services for the e2e suites: the blue/green fixture's unit turned into an
 * ECS-controller service whose production listener rule (priority 10) ECS itself shifts, on a simulator with the
 * virtual clock, and a repository whose first commit is deployed.
 */
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { startSimulator } from '../../src/sim/server.js';
import { blueGreenScenario, blueGreenUnit, currentWeights, targetGroupArns } from './bluegreen-fixture.js';
import { type DeploySession, deploySession } from './deploy-session.js';
import { type Simulator, testClock } from './sim-fixture.js';
import type { FileTree, TempRepo } from './temp-repo.js';

/** On the virtual clock, bakes of many simulated minutes take no real time, whatever the machine's load. */
export function nativeSession(suite: Test): DeploySession {
  return deploySession(suite, () => startSimulator({ clock: testClock(), scenario: blueGreenScenario }));
}

/** The production listener rule ECS shifts: the blue/green scenario's rule of priority 10. */
function productionRuleArn(sim: Simulator): string {
  const snapshot = sim.control.state() as unknown as {
    accounts: Record<string, Record<string, { elbv2: { rules: { arn: string; priority: number }[] } }>>;
  };
  return Object.values(snapshot.accounts)[0]?.['us-east-1']?.elbv2.rules.find((r) => r.priority === 10)?.arn ?? '';
}

/** The fixture's blue/green unit, turned into an ECS-controller service with ECS's own strategy. */
export function nativeUnit(
  sim: Simulator,
  image: string,
  deploymentConfiguration: Record<string, unknown>,
  depdefExtra: Record<string, unknown> = {},
): FileTree {
  const tg = targetGroupArns(sim);
  const files = blueGreenUnit({ name: 'web', image, targetGroups: tg });
  const svcdefPath = 'services/web/web_svcdef.json';
  const svcdef = JSON.parse(String(files[svcdefPath])) as Record<string, unknown>;
  delete svcdef.deploymentController;
  svcdef.deploymentConfiguration = deploymentConfiguration;
  svcdef.loadBalancers = [
    {
      targetGroupArn: tg['web-blue'],
      containerName: 'app',
      containerPort: 80,
      advancedConfiguration: {
        alternateTargetGroupArn: tg['web-green'],
        productionListenerRule: productionRuleArn(sim),
        roleArn: 'arn:aws:iam::123456789012:role/ecs-infra',
      },
    },
  ];
  const depdef = { environment: { region: 'us-east-1' }, stabilityCheck: { pollInterval: 5, timeout: 300 }, ...depdefExtra };
  return { ...files, [svcdefPath]: JSON.stringify(svcdef, null, 2), 'services/web/web_depdef.json': JSON.stringify(depdef, null, 2) };
}

/**
 * The same strategy without its bakes and PAUSE hooks. The simulator runs a new service's first deployment through
 * every step, bake and hook too; the tests look at the second one, and each simulated poll costs real milliseconds.
 */
function withoutBakes(config: Record<string, unknown>): Record<string, unknown> {
  const quick: Record<string, unknown> = { ...config, bakeTimeInMinutes: 0 };
  const { linearConfiguration: linear, canaryConfiguration: canary } = config as Record<string, Record<string, unknown> | undefined>;
  if (linear) quick.linearConfiguration = { ...linear, stepBakeTimeInMinutes: 0 };
  if (canary) quick.canaryConfiguration = { ...canary, canaryBakeTimeInMinutes: 0 };
  const hooks = (config as { lifecycleHooks?: { targetType?: string }[] }).lifecycleHooks;
  if (hooks) quick.lifecycleHooks = hooks.filter((hook) => hook.targetType !== 'PAUSE');
  return quick;
}

/**
 * Two commits (nginx:1.27, then 1.28), the first deployed: all production traffic on web-blue. The first commit
 * has the strategy of `config` without bake times; the second has `config`.
 */
export async function deployedFirst(session: DeploySession, config: Record<string, unknown>, depdefExtra: Record<string, unknown> = {}): Promise<TempRepo> {
  const first = nativeUnit(session.sim, 'nginx:1.27', withoutBakes(config), depdefExtra);
  const second = nativeUnit(session.sim, 'nginx:1.28', config, depdefExtra);
  const repo = await session.repoWith({ files: first }, { files: second });
  const deployed = await session.deploy(repo, '--to', 'HEAD~1');
  assert.is(deployed.code, 0, deployed.stdout + deployed.stderr);
  return repo;
}

/**
 * Deploys the second commit in the background, noting every production weight the rule holds on the way: read
 * whenever the simulator's listener rules change (its traffic signal), once the change is complete, so that no
 * step goes unseen however fast simulated time runs. `stopWhen` sends SIGTERM the moment it first holds.
 */
export async function deployWatchingWeights(session: DeploySession, repo: TempRepo, stopWhen?: (weights: string) => boolean) {
  const world = session.sim.control.world;
  const original = world.trafficReached;
  const seen: string[] = [];
  let stop = stopWhen;
  let child: ReturnType<DeploySession['deployInBackground']> | undefined;
  const note = () => {
    const weights = currentWeights(session.sim)['rule:10'] ?? '';
    if (seen.at(-1) !== weights) seen.push(weights);
    if (child && stop?.(weights)) {
      child.kill('SIGTERM');
      stop = undefined;
    }
  };
  world.trafficReached = (signal) => {
    original.call(world, signal);
    queueMicrotask(note);
  };
  try {
    note();
    child = session.deployInBackground(repo, '--from', 'HEAD~1');
    const result = await child;
    note();
    return { result, seen };
  } finally {
    world.trafficReached = original;
  }
}
