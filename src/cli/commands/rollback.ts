import { createInterface } from 'node:readline/promises';
import { createRegionPorts, releaseRegionPorts } from '../../aws/region-ports.js';
import { clockForEndpoint } from '../../aws/simulator-clock.js';
import type { UnitContext } from '../../deploy/context.js';
import { applyEcsRollback, planEcsRollback, type EcsRollbackPlan } from '../../deploy/operator-rollback/rollback-ecs.js';
import { applyLambdaRollback, planLambdaRollback, type LambdaRollbackPlan } from '../../deploy/operator-rollback/rollback-lambda.js';
import type { RegionPorts } from '../../deploy/ports.js';
import { tagKeys } from '../../deploy/tags.js';
import { ExitCode, GitmoxiError } from '../../errors.js';
import { lastChangingCommit } from '../../git/branch.js';
import type { PlannedUnit } from '../../plan/types.js';
import { untagUnitResource } from '../../state/resource-marks.js';
import { readTipState } from '../../state/tip-state.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { normaliseUnit } from './plan.js';
import { unitPaths } from './poll-pass.js';

export interface RollbackOptions {
  toRevision?: number;
  toVersion?: number;
  yes?: boolean;
  unpin?: boolean;
  /** Seconds allowed for the service to become stable on the restored revision. */
  timeout: number;
}

type RollbackPlan = EcsRollbackPlan | LambdaRollbackPlan;

/**
 * `gitmoxi rollback UNIT`: revert an in-flight deployment, else go back to the previous revision or version;
 * then pin the unit so that `poll` leaves it alone until a newer commit changes it. `--unpin` releases the pin.
 */
export async function rollback(unitArg: string, options: RollbackOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const prefix = normaliseUnit(unitArg);
  const portsFor = (region: string) => createRegionPorts({ region, ...(global.profile ? { profile: global.profile } : {}), ...(global.endpointUrl ? { endpointUrl: global.endpointUrl } : {}) });
  try {
    const tip = await readTipState({ repoDir: global.repo, at: 'HEAD', defaultRegion: global.region ?? null, units: [prefix], portsFor, orphans: false });
    const unit = tip.units.find((u) => u.prefix === prefix);
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
    const defs = tip.planned.after.get(prefix)?.definitions;
    const plan = await planFor(ports, unit, defs?.platform === 'lambda' ? defs.depdef.alias : undefined, options);
    const pin = plan.rolledBackCommit ?? (await lastChangingCommit(global.repo, tip.planned.plan.to, unitPaths(tip, prefix))) ?? tip.planned.plan.to;
    io.stdout.write(describePlan(prefix, plan, pin));
    if (!(await confirmed(options, io))) {
      io.stdout.write('nothing was changed\n');
      return ExitCode.Invalid;
    }
    const outcome = plan.platform === 'ecs' ? await applyEcsRollback(await contextFor(unit, ports, global, io), plan, pin, options.timeout * 1000) : await applyLambdaRollback(ports.lambda, plan, pin);
    io.stdout.write(outcome.ok ? `${prefix}: rolled back: ${outcome.message}; pinned at ${pin.slice(0, 12)}\n` : `${prefix}: rollback did not complete: ${outcome.message}\n`);
    return outcome.ok ? 0 : ExitCode.NeedsOperator;
  } finally {
    releaseRegionPorts();
  }
}

async function planFor(ports: RegionPorts, unit: PlannedUnit, aliasName: string | null | undefined, options: RollbackOptions): Promise<RollbackPlan> {
  const identity = unit.identity;
  if (identity?.platform === 'ecs') {
    if (options.toVersion !== undefined) throw new GitmoxiError('E_USAGE', '--to-version is for Lambda units; use --to-revision for ECS');
    const service = await ports.ecs.describeService(identity.cluster, identity.serviceName);
    if (service === null) throw new GitmoxiError('E_UNIT_NOT_FOUND', `service ${identity.serviceName} does not exist in cluster ${identity.cluster}`);
    return planEcsRollback(ports.ecs, service, options.toRevision);
  }
  if (identity?.platform !== 'lambda') throw new GitmoxiError('E_UNIT_NOT_FOUND', `${unit.prefix} has no AWS identity`);
  if (options.toRevision !== undefined) throw new GitmoxiError('E_USAGE', '--to-revision is for ECS units; use --to-version for Lambda');
  const fn = await ports.lambda.describeFunction(identity.functionName);
  const alias = aliasName ? await ports.lambda.describeAlias(identity.functionName, aliasName) : null;
  if (fn === null || alias === null) throw new GitmoxiError('E_UNIT_NOT_FOUND', `function ${identity.functionName} has no alias ${aliasName ?? '(none in the lambdadepdef)'} to roll back`);
  return planLambdaRollback(ports.lambda, fn, alias, options.toVersion);
}

function describePlan(prefix: string, plan: RollbackPlan, pin: string): string {
  const what = plan.platform === 'ecs'
    ? `service ${plan.serviceName}: ${revision(plan.fromRevision)} → ${revision(plan.toRevision)}${plan.inFlight ? ' (reverting the deployment in flight)' : ''}`
    : `alias ${plan.functionName}:${plan.alias}: ${plan.fromVersion} → ${plan.toVersion}${plan.inFlight ? ` (reverting the shift in flight; deleting version ${plan.deleteVersions.join(', ')})` : ''}`;
  return `gitmoxi rollback ${prefix}\n  ${what}\n  then pin the unit at ${pin.slice(0, 12)}: poll leaves it alone until a newer commit changes it\n`;
}

function revision(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** --yes, or an answer on a terminal. Without a terminal there is no one to ask: --yes is required. */
async function confirmed(options: RollbackOptions, io: CommandIo): Promise<boolean> {
  if (options.yes) return true;
  if (process.stdin.isTTY !== true) {
    throw new GitmoxiError('E_USAGE', 'gitmoxi rollback changes what runs and stdin is not a terminal to confirm on', { hint: 'Pass --yes to roll back without asking.' });
  }
  const prompt = createInterface({ input: process.stdin, output: io.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question('Roll back? [y/N] ')).trim());
  } finally {
    prompt.close();
  }
}

async function contextFor(unit: PlannedUnit, ports: RegionPorts, global: GlobalOptions, io: CommandIo): Promise<UnitContext> {
  const clock = await clockForEndpoint(global.endpointUrl);
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
