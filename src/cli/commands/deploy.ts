import { clockForEndpoint, releaseClock, simulatorClockOf } from '../../aws/simulator-clock.js';
import { createRegionPorts, releaseRegionPorts } from '../../aws/region-ports.js';
import { runDeployment } from '../../deploy/engine.js';
import type { UnitDefinitions } from '../../defs/validate.js';
import { runNotifications, withNotifications } from '../../notify/run-notifications.js';
import { makePlan } from '../../plan/make-plan.js';
import { simulatedTimeNote } from '../../report/clock-note.js';
import { publishResults } from '../../report/publish.js';
import { createRenderer, selectRenderer } from '../../report/select.js';
import { gitPinnedGate } from '../../state/pin-gate.js';
import { clearStaleMarks } from '../../state/resource-marks.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { assertAtomic, emitWithInvalidUnits, reportedExitCode, reportInvalidUnits } from './invalid-units.js';
import { verifyBeforeDeploy } from './verify.js';
import { makePlanOptions, type PlanOptions } from './plan.js';

export interface DeployOptions extends PlanOptions {
  concurrency: number;
  failFast?: boolean;
  report?: string;
  /** Seconds to wait for another run that drives a unit before reporting it busy. */
  busyTimeout?: number;
  /** Any invalid unit refuses the whole run, as before units were isolated (docs/isolation.md). */
  atomic?: boolean;
  /** Webhook URLs every unit notifies (docs/notifications.md). */
  notify?: string[];
  /** Run `gitmoxi verify` over the planned units first: a problem stops the run (exit 2) before any change. */
  verify?: boolean;
}

/** `gitmoxi deploy`: plan, deploy every affected unit; the exit code says what happened (docs/design.md#exit-codes). */
export async function deploy(options: DeployOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const { plan, after, before } = await makePlan(makePlanOptions(options, global, io));
  if (options.atomic) assertAtomic(plan);
  if (options.verify) await verifyBeforeDeploy(plan.units, after, global);
  const definitions = new Map<string, UnitDefinitions | null>([...after].map(([prefix, unit]) => [prefix, unit.definitions]));
  const kind = selectRenderer({ json: global.json, color: global.color, isTTY: io.stdout.isTTY === true, env: io.env });
  const notifications = runNotifications({ urls: options.notify, commit: plan.to, units: [after, before], io, deferWarnings: kind === 'tty' });
  const renderer = withNotifications(createRenderer(kind, io, { color: global.color }), notifications);
  const clock = await clockForEndpoint(global.endpointUrl);
  const note = simulatedTimeNote(simulatorClockOf(clock));
  if (note !== null && !global.json) io.stdout.write(`${note}\n`);
  const followed = simulatorClockOf(clock);
  const connection = (region: string) => ({
    region,
    ...(global.profile ? { profile: global.profile } : {}),
    ...(global.endpointUrl ? { endpointUrl: global.endpointUrl } : {}),
    ...(followed?.virtual ? { simulatorClock: clock } : {}),
  });
  const portsFor = (region: string) => createRegionPorts(connection(region));
  try {
    const outcome = await runDeployment({
      plan,
      definitions,
      portsFor,
      clock,
      emit: emitWithInvalidUnits(renderer.emit, plan),
      signal: io.signal,
      concurrency: options.concurrency,
      failFast: options.failFast ?? false,
      ...(options.busyTimeout !== undefined ? { busyTimeoutMs: options.busyTimeout * 1000 } : {}),
      pinnedGate: gitPinnedGate(plan.repo, plan.to, after),
    });
    await renderer.close();
    const units = plan.units.map((unit) => {
      const tagsBefore = outcome.tagsBefore.get(unit.prefix);
      return tagsBefore === undefined ? unit : { ...unit, tagsBefore };
    });
    await clearStaleMarks(units, outcome.results, portsFor);
    const unitFiles = new Map([...after].map(([prefix, unit]) => [prefix, unit.documents.map((d) => d.path)]));
    await publishResults({
      plan,
      results: outcome.results,
      exitCode: reportedExitCode(plan, outcome.exitCode),
      interrupted: outcome.interrupted,
      reportFile: options.report,
      unitFiles,
      json: global.json,
      io,
    });
    return reportInvalidUnits(plan, outcome.exitCode, io, 'deployed', { warnings: true, json: global.json });
  } catch (error) {
    await renderer.close();
    throw error;
  } finally {
    releaseRegionPorts();
    await releaseClock(clock);
  }
}
