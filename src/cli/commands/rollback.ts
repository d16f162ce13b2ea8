import { createInterface } from 'node:readline/promises';
import { createRegionPorts, releaseRegionPorts } from '../../aws/region-ports.js';
import { clockForEndpoint, releaseClock } from '../../aws/simulator-clock.js';
import type { Clock } from '../../clock.js';
import type { UnitDefinitions } from '../../defs/validate.js';
import type { DeployContext } from '../../deploy/context.js';
import { applyBlueGreenRollback } from '../../deploy/operator-rollback/rollback-ecs-bluegreen.js';
import { applyEcsRollback } from '../../deploy/operator-rollback/rollback-ecs.js';
import { applyLambdaRollback, republishLambda } from '../../deploy/operator-rollback/lambda-earlier-version.js';
import type { RegionPorts } from '../../deploy/ports/region-ports.js';
import { tagKeys } from '../../deploy/tags.js';
import { ExitCode, GitmoxiError } from '../../errors.js';
import { isAncestor, lastChangingCommit } from '../../git/branch.js';
import { runNotifications } from '../../notify/run-notifications.js';
import { deployableUnit } from '../../plan/run-units.js';
import type { DeployableUnit } from '../../plan/types.js';
import { tagUnitResource, untagUnitResource } from '../../state/resource-marks.js';
import { readTipState } from '../../state/tip-state.js';
import { registerUnitSecrets } from '../../report/unit-secrets.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { normaliseUnit } from './plan.js';
import { unitPaths } from './poll-pass.js';
import { describeRollback, planRollback, type RollbackPlan } from './rollback-plan.js';

export interface RollbackOptions {
  toRevision?: number;
  toVersion?: number;
  yes?: boolean;
  unpin?: boolean;
  /** Seconds allowed for the restored revision to become stable. */
  timeout: number;
  /** Webhook URLs told about the rollback (docs/notifications.md). */
  notify?: string[];
}

type Applied = { ok: boolean; message: string };

/**
 * `gitmoxi rollback UNIT`: revert an in-flight deployment, else go back to the previous revision or version;
 * the unit is pinned so that `poll` leaves it alone until a newer commit changes it. `--unpin` releases the pin.
 */
export async function rollback(unitArg: string, options: RollbackOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const prefix = normaliseUnit(unitArg);
  const portsFor = (region: string) =>
    createRegionPorts({ region, ...(global.profile ? { profile: global.profile } : {}), ...(global.endpointUrl ? { endpointUrl: global.endpointUrl } : {}) });
  let clock: Clock | undefined;
  try {
    const tip = await readTipState({
      repoDir: global.repo,
      at: 'HEAD',
      defaultRegion: global.region ?? null,
      units: [prefix],
      portsFor,
      orphans: false,
      onRendered: registerUnitSecrets(io),
    });
    const unit = tip.units.find((u) => u.prefix === prefix);
    const invalid = tip.planned.plan.units.find((u) => u.prefix === prefix && u.action === 'invalid');
    if (invalid) throw new GitmoxiError('E_DEF_INVALID', `${prefix} does not render or validate at HEAD`, { problems: invalid.problems ?? [] });
    const live = tip.live.get(prefix);
    if (!unit || unit.identity === null || unit.region === null || !live) {
      throw new GitmoxiError('E_UNIT_NOT_FOUND', `nothing runs for unit '${prefix}' in AWS: there is nothing to roll back or unpin`);
    }
    const ports = portsFor(unit.region);
    if (options.unpin) {
      await untagUnitResource(ports, unit.identity, [tagKeys.pinned]);
      io.stdout.write(`${prefix}: unpinned; the next poll deploys it if it differs from the branch tip\n`);
      return 0;
    }
    // An operator rollback runs as a deployment of the unit (of an earlier revision).
    const deployable = deployableUnit({ ...unit, action: 'deploy' });
    if (deployable === null)
      throw new GitmoxiError('E_UNIT_NOT_FOUND', `${prefix} does not render as a deployable unit at HEAD: there is nothing to roll back`);
    clock = await clockForEndpoint(global.endpointUrl);
    const paths = unitPaths(tip, prefix);
    const tipChange = await lastChangingCommit(global.repo, tip.planned.plan.to, paths);
    const defs = tip.planned.after.get(prefix)?.definitions;
    const plan = await planRollback({
      ports,
      unit,
      live,
      defs,
      ...(options.toRevision !== undefined ? { toRevision: options.toRevision } : {}),
      ...(options.toVersion !== undefined ? { toVersion: options.toVersion } : {}),
      now: clock.now(),
      history: { repoDir: global.repo, tipChange, paths, defaultRegion: global.region ?? null },
    });
    const pin = await laterPin(global.repo, live.facts.tags[tagKeys.pinned], plan.rolledBackCommit ?? tipChange ?? tip.planned.plan.to);
    io.stdout.write(describeRollback(prefix, plan, pin));
    if (!(await confirmed(options, io))) {
      io.stdout.write('nothing was changed\n');
      return ExitCode.Invalid;
    }
    // Pinned first: a poll that starts while the rollback runs must not deploy again what is being rolled back.
    await tagUnitResource(ports, unit.identity, { [tagKeys.pinned]: pin });
    const notifications = runNotifications({ urls: options.notify, commit: pin, units: [tip.planned.after], io, deferWarnings: false });
    notifications?.emit({ type: 'rollback.started', time: clock.now(), unit: prefix, reason: 'gitmoxi rollback by an operator' });
    let outcome: Applied = { ok: false, message: 'stopped on an error' };
    try {
      outcome = await apply(plan, { unit: deployable, ports, clock, io, defs, timeout: options.timeout });
    } finally {
      notifications?.emit({ type: 'rollback.finished', time: clock.now(), unit: prefix, restored: outcome.ok });
      await notifications?.close();
    }
    io.stdout.write(
      outcome.ok
        ? `${prefix}: rolled back: ${outcome.message}; pinned at ${pin.slice(0, 12)}\n`
        : `${prefix}: rollback did not complete: ${outcome.message}; the unit stays pinned at ${pin.slice(0, 12)} (gitmoxi rollback --unpin releases it)\n`,
    );
    return outcome.ok ? 0 : ExitCode.NeedsOperator;
  } finally {
    releaseRegionPorts();
    // A simulator's virtual clock must not wait for a rollback that has ended.
    if (clock) await releaseClock(clock);
  }
}

interface ApplyInputs {
  unit: DeployableUnit;
  ports: RegionPorts;
  clock: Clock;
  io: CommandIo;
  defs: UnitDefinitions | null | undefined;
  timeout: number;
}

async function apply(plan: RollbackPlan, inputs: ApplyInputs): Promise<Applied> {
  const ctx = contextFor(inputs.unit, inputs.ports, inputs.clock, inputs.io);
  switch (plan.platform) {
    case 'ecs':
      return applyEcsRollback(ctx, plan, inputs.timeout * 1000);
    case 'ecs-bluegreen':
      // planRollback made this plan only from ECS definitions.
      if (inputs.defs?.platform !== 'ecs') return { ok: false, message: 'the unit has no ECS definitions at the tip; nothing was changed' };
      return applyBlueGreenRollback(ctx, inputs.defs, plan, inputs.timeout);
    case 'lambda': {
      if (plan.toVersion !== null) return applyLambdaRollback(inputs.ports.lambda, { ...plan, toVersion: plan.toVersion });
      const earlier = plan.republish;
      if (earlier?.definitions.platform !== 'lambda') return { ok: false, message: 'the earlier content is not a Lambda function; nothing was changed' };
      const republished = await republishLambda({ ...ctx, planned: earlier.unit, commit: earlier.commit }, earlier.definitions);
      return { ok: republished.ok, message: republished.message };
    }
    default: {
      const never: never = plan;
      return never;
    }
  }
}

/**
 * A second rollback goes further back and would name an older commit: the pin stays on the newest commit rolled
 * back, or poll would deploy that one again as "newer than the pin".
 */
async function laterPin(repoDir: string, existing: string | undefined, candidate: string): Promise<string> {
  if (existing === undefined || existing === candidate) return candidate;
  return (await isAncestor(repoDir, candidate, existing)) ? existing : candidate;
}

/** --yes, or an answer on a terminal. Without a terminal there is no one to ask: --yes is required. */
async function confirmed(options: RollbackOptions, io: CommandIo): Promise<boolean> {
  if (options.yes) return true;
  const stdin = io.stdin ?? process.stdin;
  if (stdin.isTTY !== true) {
    throw new GitmoxiError('E_USAGE', 'gitmoxi rollback changes what runs and stdin is not a terminal to confirm on', {
      hint: 'Pass --yes to roll back without asking.',
    });
  }
  const prompt = createInterface({ input: stdin, output: io.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question('Roll back? [y/N] ')).trim());
  } finally {
    prompt.close();
  }
}

function contextFor(unit: DeployableUnit, ports: RegionPorts, clock: Clock, io: CommandIo): DeployContext {
  return {
    planned: unit,
    commit: '',
    ports,
    clock,
    signal: io.signal,
    emit: (event) => {
      if (event.type === 'unit.phase') io.stdout.write(`  ${event.phase}: ${event.detail}\n`);
    },
  };
}
