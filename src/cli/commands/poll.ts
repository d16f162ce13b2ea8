import * as timers from 'node:timers/promises';
import { createRegionPorts, releaseRegionPorts } from '../../aws/region-ports.js';
import { clockForEndpoint, releaseClock } from '../../aws/simulator-clock.js';
import { runDeployment } from '../../deploy/engine.js';
import type { UnitResult } from '../../events/results.js';
import type { UnitDefinitions } from '../../defs/validate.js';
import { GitmoxiError } from '../../errors.js';
import { currentBranch, fetchBranch, gitDirectory } from '../../git/branch.js';
import { findRepoRoot } from '../../git/git.js';
import { runNotifications, withNotifications } from '../../notify/run-notifications.js';
import { publishResults } from '../../report/publish.js';
import { createRenderer, selectRenderer } from '../../report/select.js';
import { registerUnitSecrets } from '../../report/unit-secrets.js';
import { clearStaleMarks, tagUnitResource } from '../../state/resource-marks.js';
import { gitPinnedGate } from '../../state/pin-gate.js';
import { failedTagKey } from '../../state/sync-state.js';
import { readTipState, type TipState } from '../../state/tip-state.js';
import { findReplacedResources } from '../../state/replaced-resources.js';
import { describeIdentity } from '../../plan/identity-changes.js';
import type { UnitIdentity } from '../../plan/types.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { assertAtomic, emitWithInvalidUnits, reportedExitCode, reportInvalidUnits } from './invalid-units.js';
import { acquirePollLock } from './poll-lock.js';
import { selectUnits, skipNotes, type UnitSelection } from './poll-pass.js';

export interface PollOptions {
  branch?: string;
  remote: string;
  concurrency: number;
  retryFailed?: boolean;
  watch?: number;
  report?: string;
  /** Any invalid unit at the tip refuses the whole pass (docs/isolation.md). */
  atomic?: boolean;
  /** Webhook URLs every unit notifies (docs/notifications.md). */
  notify?: string[];
}

/**
 * `gitmoxi poll`: fetch the branch, deploy the units whose live resources differ from its tip (docs/design.md#state).
 * One pass for cron; `--watch SECONDS` repeats with jitter until SIGINT/SIGTERM.
 */
export async function poll(options: PollOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const repoDir = await findRepoRoot(global.repo);
  const attempt = await acquirePollLock(await gitDirectory(repoDir));
  if (!attempt.acquired) {
    io.stderr.write(`gitmoxi poll: another poll (pid ${attempt.ownerPid}) is running in this repository (lock ${attempt.path}); this run does nothing\n`);
    return 0;
  }
  try {
    let exitCode = await pollOnce(repoDir, options, global, io);
    while (options.watch !== undefined && !io.signal.aborted) {
      // Jitter (±10 %) keeps many pollers started by the same cron tick from calling AWS in step.
      const wait = options.watch * 1000 * (0.9 + Math.random() * 0.2);
      await timers.setTimeout(wait, undefined, { signal: io.signal }).catch(() => undefined);
      if (io.signal.aborted) break;
      exitCode = await pollOnce(repoDir, options, global, io);
    }
    return exitCode;
  } finally {
    await attempt.lock.release();
  }
}

async function pollOnce(repoDir: string, options: PollOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const branch = options.branch ?? (await currentBranch(repoDir));
  if (branch === null)
    throw new GitmoxiError('E_USAGE', 'HEAD is detached: say which branch to poll', { hint: 'Pass --branch main (or the branch to deploy from).' });
  const tipCommit = await fetchBranch(repoDir, options.remote, branch);
  const portsFor = (region: string) => createRegionPorts(connection(region, global));
  try {
    const tip = await readTipState({
      repoDir,
      at: tipCommit,
      defaultRegion: global.region ?? null,
      portsFor,
      orphans: false,
      lazyAliases: true,
      onRendered: registerUnitSecrets(io),
    });
    if (options.atomic) assertAtomic(tip.planned.plan);
    const selections = await selectUnits(repoDir, tip, options.retryFailed ?? false, portsFor);
    const chosen = selections.filter((s) => s.decision.kind === 'deploy');
    // A unit that runs nowhere at its identity may have run at another one: its deployment replaces that resource.
    const replaced = await findReplacedResources(
      chosen.filter((s) => !tip.live.has(s.unit.prefix)).map((s) => s.unit),
      portsFor,
      global.region ?? '',
    );
    const notes = [
      ...skipNotes(selections),
      ...[...replaced].map(([prefix, old]) => `${prefix}: replaces ${describeIdentity(old)}, where it ran before (deleted once the new one is healthy)`),
    ];
    const out = global.json ? io.stderr : io.stdout;
    const invalid = tip.planned.plan.summary.invalid;
    out.write(
      `gitmoxi poll: ${options.remote}/${branch} at ${tipCommit.slice(0, 12)}: ${chosen.length} of ${selections.length} units to deploy${invalid > 0 ? ` (${invalid} invalid, left alone)` : ''}\n`,
    );
    for (const note of notes) out.write(`  ${note}\n`);
    const exitCode = chosen.length === 0 ? 0 : await deployChosen(tip, chosen, replaced, options, global, io, portsFor);
    return reportInvalidUnits(tip.planned.plan, exitCode, io, 'polled', { warnings: true, json: global.json });
  } finally {
    releaseRegionPorts();
  }
}

async function deployChosen(
  tip: TipState,
  chosen: UnitSelection[],
  replaced: ReadonlyMap<string, UnitIdentity>,
  options: PollOptions,
  global: GlobalOptions,
  io: CommandIo,
  portsFor: (region: string) => ReturnType<typeof createRegionPorts>,
): Promise<number> {
  const wanted = new Set(chosen.map((s) => s.unit.prefix));
  const units = tip.planned.plan.units
    .filter((u) => wanted.has(u.prefix))
    .map((u) => {
      const old = replaced.get(u.prefix);
      return old === undefined ? u : { ...u, replaces: old };
    });
  const plan = { ...tip.planned.plan, units };
  const definitions = new Map<string, UnitDefinitions | null>(
    [...tip.planned.after].filter(([prefix]) => wanted.has(prefix)).map(([prefix, unit]) => [prefix, unit.definitions]),
  );
  const kind = selectRenderer({ json: global.json, color: global.color, isTTY: io.stdout.isTTY === true, env: io.env });
  const notifications = runNotifications({
    urls: options.notify,
    commit: tip.planned.plan.to,
    units: [tip.planned.after, tip.planned.before],
    io,
    deferWarnings: kind === 'tty',
  });
  const renderer = withNotifications(createRenderer(kind, io, { color: global.color }), notifications);
  const clock = await clockForEndpoint(global.endpointUrl);
  try {
    const outcome = await runDeployment({
      plan,
      definitions,
      portsFor,
      clock,
      emit: emitWithInvalidUnits(renderer.emit, tip.planned.plan),
      signal: io.signal,
      concurrency: options.concurrency,
      failFast: false,
      // The pass chose these units by their tags a moment ago; an operator may have rolled one back since.
      pinnedGate: gitPinnedGate(tip.planned.plan.repo, tip.planned.plan.to, tip.planned.after),
    });
    await renderer.close();
    await markResults(tip, chosen, outcome.results, portsFor);
    const unitFiles = new Map(
      [...tip.planned.after].filter(([prefix]) => wanted.has(prefix)).map(([prefix, unit]) => [prefix, unit.documents.map((d) => d.path)]),
    );
    await publishResults({
      plan,
      results: outcome.results,
      exitCode: reportedExitCode(tip.planned.plan, outcome.exitCode),
      interrupted: outcome.interrupted,
      reportFile: options.report,
      unitFiles,
      json: global.json,
      io,
    });
    return outcome.exitCode;
  } catch (error) {
    await renderer.close();
    throw error;
  } finally {
    // A simulator's virtual clock must not wait for a pass that has ended (poll may run in a longer-lived process).
    await releaseClock(clock);
  }
}

/**
 * After the run (so after any rollback completed): a failed unit is marked with the commit that failed, so later
 * passes do not retry it; a deployed unit loses its pin and failure mark, since it now runs the tip.
 */
async function markResults(
  tip: TipState,
  chosen: UnitSelection[],
  results: readonly UnitResult[],
  portsFor: (region: string) => ReturnType<typeof createRegionPorts>,
): Promise<void> {
  const byUnit = new Map(results.map((r) => [r.unit, r]));
  const failed = chosen.filter(({ unit }) => ['failed', 'rolled-back'].includes(byUnit.get(unit.prefix)?.outcome ?? ''));
  await Promise.all([
    ...failed.map(async ({ unit, lastChange }) => {
      if (unit.identity === null || unit.region === null) return;
      await tagUnitResource(portsFor(unit.region), unit.identity, { [failedTagKey]: lastChange ?? tip.planned.plan.to });
    }),
    clearStaleMarks(
      chosen.map(({ unit }) => ({
        prefix: unit.prefix,
        identity: unit.identity,
        region: unit.region,
        tagsBefore: tip.live.get(unit.prefix)?.facts.tags ?? {},
      })),
      results,
      portsFor,
    ),
  ]);
}

function connection(region: string, global: GlobalOptions) {
  return {
    region,
    ...(global.profile ? { profile: global.profile } : {}),
    ...(global.endpointUrl ? { endpointUrl: global.endpointUrl } : {}),
  };
}
