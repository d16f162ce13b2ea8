/**
 * Throttling storms and server errors at every phase of a deployment (docs/resilience.md): 25 throttles or 25
 * 5xx answers on ECS, ELBv2, Lambda or CloudWatch, injected through the simulator's declarative faults at the
 * moment the phase begins, end with all traffic on a healthy version and the documented exit code (0, or 1 when
 * the deployment was failing anyway and its restore met the storm); a re-run converges. The engine runs in the
 * test process (the CLI adds nothing here), each row on a fresh simulator. The rows are spread over several test
 * files (test/e2e/throttling-*.test.ts) so that they run side by side.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { DeployEvent } from '../../src/events/types.js';
import type { Fault, Scenario, ServiceName } from '../../src/sim/types.js';
import { blueGreenScenario, blueGreenUnit, currentWeights, liveTaskSets, targetGroupArns } from './bluegreen-fixture.js';
import { deployInProcess } from './engine-run.js';
import { aliasOf, lambdaScenario, lambdaUnit, liveFunction } from './lambda-fixture.js';
import { ecsScenario, ecsUnit, liveService, seededTargetGroupArn, type Simulator } from './sim-fixture.js';
import type { FileTree, TempRepo } from './temp-repo.js';
import { perTest } from './per-test.js';

export type Phase = 'preflight' | 'stability' | 'shift' | 'restore';
export type Kind = 'throttle' | 'server-error';
export type Platform = 'ecs-bluegreen' | 'ecs-rolling' | 'lambda';

const storm = 25;
const scale = 200;

const session = perTest(test);
const start = (scenario: Scenario) => session.start(scenario, scale);

/** `count` null: every request, for as long as the test runs. */
export function faults(service: ServiceName, kind: Kind, count: number | null = storm): Fault[] {
  const limit = count === null ? {} : { count };
  return [kind === 'throttle' ? { kind, service, ...limit } : { kind, service, status: 503, ...limit }];
}

/** Does this event begin the phase? (pre-flight faults are there before the run starts.) */
export function begins(phase: Phase, event: DeployEvent): boolean {
  switch (phase) {
    case 'preflight':
      return false;
    case 'stability':
      return event.type === 'unit.phase' && event.phase === 'stabilize';
    case 'shift':
      return (event.type === 'traffic.shifted' && event.step === 1) || (event.type === 'alias.shifted' && event.step === 1 && event.newVersion !== null);
    case 'restore':
      return event.type === 'rollback.started';
    default: {
      const never: never = phase;
      return never;
    }
  }
}

interface World {
  sim: Simulator;
  repo: TempRepo;
  /** A fault that makes the second commit fail (so that it is restored), and the one that clears it again. */
  failing: Fault[];
  healed: Fault[];
  /** What runs now, and whether any gitmoxi:lock tag is left: `web:2 100%` style. */
  live(): Promise<{ running: string; lock: string | undefined }>;
}

export async function blueGreenWorld(failing: boolean): Promise<World> {
  const s = await start(blueGreenScenario);
  const tg = targetGroupArns(s);
  const depdef = { trafficShiftingConfig: { type: 'CANARY', percent: 25, waitInterval: 20 }, alarms: { alarmNames: ['web-5xx'] } };
  const unit = (image: string): FileTree => blueGreenUnit({ name: 'web', image, targetGroups: tg, depdef });
  const alarm: Fault = { kind: 'alarm', alarmName: 'web-5xx', whenTrafficTo: { family: 'web', revision: 2 } };
  return world(
    s,
    unit('nginx:1.27'),
    unit('nginx:1.28'),
    failing ? [alarm] : [],
    [{ kind: 'alarm', alarmName: 'web-5xx', state: 'OK', atSeconds: 0 }],
    async () => {
      const { tags, ...service } = await liveTaskSets(s, 'web');
      // A task set being deleted serves nothing and is gone a moment later.
      const taskSets = service.taskSets.filter((ts) => ts.status !== 'DRAINING');
      const weights = currentWeights(s)['listener:80'] ?? '';
      const served = taskSets.filter((ts) => ts.status === 'PRIMARY').map((ts) => ts.taskDefinition);
      return { running: `${served.join(',')} ${taskSets.length} task set(s) ${weights}`, lock: tags['gitmoxi:lock'] };
    },
  );
}

async function rollingWorld(failing: boolean): Promise<World> {
  const s = await start(ecsScenario);
  const unit = (image: string): FileTree => ecsUnit({ name: 'web', image, targetGroupArn: seededTargetGroupArn(s, 'web') });
  const crash: Fault = { kind: 'task-fails-to-start', match: { family: 'web', revision: 2 }, reason: 'CannotPullContainerError', count: 4 };
  return world(s, unit('nginx:1.27'), unit('nginx:1.28'), failing ? [crash] : [], [], async () => {
    const live = await liveService(s, 'web');
    return { running: `${live?.taskDefinition} ${live?.running}/${live?.desired}`, lock: live?.tags['gitmoxi:lock'] };
  });
}

export async function lambdaWorld(failing: boolean): Promise<World> {
  const s = await start(lambdaScenario);
  const depdef = { trafficShiftingConfig: { type: 'CANARY', percent: 25, waitInterval: 20 }, alarms: { alarmNames: ['hello-errors'] } };
  const alarm: Fault = { kind: 'alarm', alarmName: 'hello-errors', whenTrafficTo: { functionName: 'hello', version: '2' } };
  const files = (key: string) => lambdaUnit({ name: 'hello', s3Key: key, depdef });
  return world(
    s,
    files('hello/1.zip'),
    files('hello/2.zip'),
    failing ? [alarm] : [],
    [{ kind: 'alarm', alarmName: 'hello-errors', state: 'OK', atSeconds: 0 }],
    async () => {
      const fn = liveFunction(s, 'hello');
      const alias = aliasOf(fn);
      return { running: `version ${alias?.version} ${JSON.stringify(alias?.weights)}`, lock: fn?.tags['gitmoxi:lock'] };
    },
  );
}

async function world(s: Simulator, first: FileTree, second: FileTree, failing: Fault[], healed: Fault[], live: World['live']): Promise<World> {
  const repo = await session.repoWith({ files: first }, { files: second });
  const created = await deployInProcess(s, repo, { to: 'HEAD~1' });
  assert.is(created.exitCode, 0, JSON.stringify(created.results));
  s.control.addFaults(failing);
  return { sim: s, repo, failing, healed, live };
}

const worlds: Record<Platform, (failing: boolean) => Promise<World>> = { 'ecs-bluegreen': blueGreenWorld, 'ecs-rolling': rollingWorld, lambda: lambdaWorld };

/** What runs after a success, and after a restore. (A Lambda re-run after a restore publishes version 3.) */
export const expected: Record<Platform, { deployed: RegExp; restored: RegExp }> = {
  'ecs-bluegreen': { deployed: /^web:2 1 task set\(s\) web-blue=0 web-green=100$/, restored: /^web:1 1 task set\(s\) web-blue=100 web-green=0$/ },
  'ecs-rolling': { deployed: /^web:2 2\/2$/, restored: /^web:1 2\/2$/ },
  lambda: { deployed: /^version 2 \{\}$/, restored: /^version 1 \{\}$/ },
};

const services: Record<Platform, ServiceName[]> = {
  'ecs-bluegreen': ['ecs', 'elbv2', 'cloudwatch'],
  'ecs-rolling': ['ecs', 'elbv2'],
  lambda: ['lambda', 'cloudwatch'],
};
/** A restore reads no alarms: CloudWatch has no part in it. */
const takesPart = (service: ServiceName, phase: Phase) => !(service === 'cloudwatch' && phase === 'restore');
const phases: Record<Platform, Phase[]> = {
  'ecs-bluegreen': ['preflight', 'stability', 'shift', 'restore'],
  'ecs-rolling': ['preflight', 'stability', 'restore'],
  lambda: ['preflight', 'stability', 'shift', 'restore'],
};

/** Registers a test per phase and kind for these services of `platform`. */
export function stormRows(platform: Platform, only: readonly ServiceName[] = services[platform]): void {
  const rows: [ServiceName, Phase, Kind][] = [];
  for (const service of services[platform].filter((s) => only.includes(s))) {
    for (const phase of phases[platform].filter((p) => takesPart(service, p)))
      for (const kind of ['throttle', 'server-error'] as Kind[]) rows.push([service, phase, kind]);
  }
  for (const [service, phase, kind] of rows) {
    const restore = phase === 'restore';
    test(`${platform}: ${storm} × ${kind} on ${service} at ${phase} → exit ${restore ? 1 : 0}, traffic on the ${restore ? 'old' : 'new'} version, a re-run converges`, async () => {
      const w = await worlds[platform](restore);
      if (phase === 'preflight') w.sim.control.addFaults(faults(service, kind));
      let injected = phase === 'preflight';
      const run = await deployInProcess(w.sim, w.repo, {
        from: 'HEAD~1',
        onEvent: (event) => {
          if (injected || !begins(phase, event)) return;
          injected = true;
          w.sim.control.addFaults(faults(service, kind));
        },
      });
      const refused = w.sim.control.calls().filter((call) => call.service === service && call.outcome !== 'ok').length;
      const detail = JSON.stringify(run.results.map((r) => [r.outcome, r.error?.message, r.report?.action]));
      assert.ok(injected, 'the phase was reached');
      assert.ok(refused > 0, `the storm met the deployment (${refused} refused calls)`);
      assert.is(run.exitCode, restore ? 1 : 0, detail);
      const live = await w.live();
      assert.match(live.running, restore ? expected[platform].restored : expected[platform].deployed, `${live.running} ${detail}`);
      assert.is(live.lock, undefined, 'no lock tag left behind');

      w.sim.control.addFaults(w.healed);
      const again = await deployInProcess(w.sim, w.repo, { from: 'HEAD~1' });
      assert.is(again.exitCode, 0, JSON.stringify(again.results));
      const converged = (await w.live()).running;
      assert.match(platform === 'lambda' && restore ? converged.replace('version 3', 'version 2') : converged, expected[platform].deployed, converged);
    });
  }
}
