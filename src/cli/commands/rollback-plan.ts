/**
 * What `gitmoxi rollback` will do to one unit, decided before anything changes, so that it can be shown and
 * confirmed: per platform and strategy, from what runs now (and, for Lambda with no earlier version left, from
 * git: the unit's earlier content).
 */
import type { EcsUnitDefinitions, UnitDefinitions } from '../../defs/validate.js';
import { planBlueGreenRollback, type BlueGreenRollbackPlan } from '../../deploy/operator-rollback/rollback-ecs-bluegreen.js';
import { planEcsRollback, type EcsRollbackPlan } from '../../deploy/operator-rollback/rollback-ecs.js';
import { planLambdaRollback, type LambdaRollbackPlan } from '../../deploy/operator-rollback/lambda-earlier-version.js';
import type { RegionPorts } from '../../deploy/ports/region-ports.js';
import { tagKeys } from '../../deploy/tags.js';
import { GitmoxiError } from '../../errors.js';
import { renderPreviousContent, renderUnitAt, type PreviousContent } from '../../plan/previous-content.js';
import { earlierSettings } from '../../deploy/operator-rollback/earlier-settings.js';
import type { PlannedUnit } from '../../plan/types.js';
import type { LiveUnit } from '../../state/live-state.js';
import { arnName } from '../../short-names.js';

export type RollbackPlan = EcsRollbackPlan | BlueGreenRollbackPlan | (LambdaRollbackPlan & { republish: PreviousContent | null });

export interface PlanInputs {
  ports: RegionPorts;
  unit: PlannedUnit;
  /** What the tip state read of it: the service is not described twice. */
  live?: LiveUnit;
  defs: UnitDefinitions | null | undefined;
  toRevision?: number;
  toVersion?: number;
  now: number;
  /** Where the unit's earlier content is looked for when no earlier Lambda version exists. */
  history: { repoDir: string; tipChange: string | null; paths: readonly string[]; defaultRegion: string | null };
}

export async function planRollback(inputs: PlanInputs): Promise<RollbackPlan> {
  const { ports, unit } = inputs;
  const identity = unit.identity;
  if (identity?.platform === 'ecs') {
    if (inputs.toVersion !== undefined) throw new GitmoxiError('E_USAGE', '--to-version is for Lambda units; use --to-revision for ECS');
    const service = inputs.live?.service ?? (await ports.ecs.describeService(identity.cluster, identity.serviceName));
    if (service === null) throw new GitmoxiError('E_UNIT_NOT_FOUND', `service ${identity.serviceName} does not exist in cluster ${identity.cluster}`);
    if (service.deploymentControllerType !== 'EXTERNAL')
      return withEarlierSettings(await planEcsRollback(ports.ecs, service, inputs.toRevision), inputs, service.settings);
    return planBlueGreenRollback(ports, service, ecsDefinitions(unit, inputs.defs), inputs.toRevision, inputs.now);
  }
  if (identity?.platform !== 'lambda') throw new GitmoxiError('E_UNIT_NOT_FOUND', `${unit.prefix} has no AWS identity`);
  if (inputs.toRevision !== undefined) throw new GitmoxiError('E_USAGE', '--to-revision is for ECS units; use --to-version for Lambda');
  const aliasName = inputs.defs?.platform === 'lambda' ? inputs.defs.depdef.alias : null;
  const fn = await ports.lambda.describeFunction(identity.functionName);
  const alias = fn !== null && aliasName ? await ports.lambda.describeAlias(identity.functionName, aliasName) : null;
  if (fn === null || alias === null)
    throw new GitmoxiError('E_UNIT_NOT_FOUND', `function ${identity.functionName} has no alias ${aliasName ?? '(none in the lambdadepdef)'} to roll back`);
  const plan = await planLambdaRollback(ports.lambda, fn, alias, inputs.toVersion);
  if (plan.toVersion !== null) return { ...plan, republish: null };
  const { history } = inputs;
  const runs = fn.tags[tagKeys.commit] ?? history.tipChange;
  const republish =
    runs === null
      ? null
      : await renderPreviousContent({
          repoDir: history.repoDir,
          runs,
          prefix: unit.prefix,
          paths: history.paths,
          currentHash: fn.tags[tagKeys.hash] ?? null,
          defaultRegion: history.defaultRegion,
        });
  if (republish === null) {
    throw new GitmoxiError(
      'E_USAGE',
      `${fn.functionName}:${alias.name} → ${alias.functionVersion} has no earlier version, and git has no earlier content of ${unit.prefix} to publish again`,
      {
        hint: 'Pass --to-version N with a version that exists, or fix forward with a new commit.',
      },
    );
  }
  return { ...plan, republish };
}

/** The commit that registered the revision, rendered: its svcdef's settings go back with the task definition. */
async function withEarlierSettings(plan: EcsRollbackPlan, inputs: PlanInputs, live: Record<string, unknown> | undefined): Promise<EcsRollbackPlan> {
  const commit = plan.restoredCommit;
  if (commit === null) return { ...plan, settingsNote: `${arnName(plan.toRevision)} carries no gitmoxi:commit tag, so only the task definition goes back` };
  const { history, unit } = inputs;
  const content = await renderUnitAt({ repoDir: history.repoDir, commit, prefix: unit.prefix, defaultRegion: history.defaultRegion }).catch(() => null);
  if (content?.definitions.platform !== 'ecs' || content.unit.strategy !== 'ecs-rolling' || content.unit.hash === null) {
    return {
      ...plan,
      settingsNote: `${unit.prefix} does not render as a rolling service at ${commit.slice(0, 12)} here, so only the task definition goes back`,
    };
  }
  const current = inputs.defs?.platform === 'ecs' ? inputs.defs.svcdef : undefined;
  const target = { cluster: plan.cluster, serviceName: plan.serviceName };
  const settings = earlierSettings({
    target,
    toRevision: plan.toRevision,
    commit,
    hash: content.unit.hash,
    earlier: content.definitions.svcdef,
    current,
    live,
  });
  if (settings === null) return { ...plan, settingsNote: `the svcdef at ${commit.slice(0, 12)} names another service, so only the task definition goes back` };
  return { ...plan, settings };
}

function ecsDefinitions(unit: PlannedUnit, defs: UnitDefinitions | null | undefined): EcsUnitDefinitions {
  if (defs?.platform !== 'ecs') {
    throw new GitmoxiError('E_USAGE', `${unit.prefix} is a blue/green service, and its definitions at the branch tip (target group pairs) could not be read`, {
      hint: 'Fix the definitions at the tip (gitmoxi plan shows the problem), then roll back.',
    });
  }
  return defs;
}

function settingsLine(plan: EcsRollbackPlan): string {
  if (!plan.settings) return plan.settingsNote ? `\n  ${plan.settingsNote}` : '';
  const commit = plan.settings.commit.slice(0, 12);
  const changing = plan.settings.changing.length > 0 ? `: ${plan.settings.changing.join(', ')}` : ' (the same as now)';
  const left = plan.settings.unrestorable.length > 0 ? `; left as they are: ${plan.settings.unrestorable.join(', ')}` : '';
  return `\n  service settings back to the svcdef at ${commit}${changing}${left}`;
}

export function describeRollback(prefix: string, plan: RollbackPlan, pin: string): string {
  return `gitmoxi rollback ${prefix}\n  ${whatChanges(plan)}\n  and pin the unit at ${pin.slice(0, 12)}: poll leaves it alone until a newer commit changes it\n`;
}

function whatChanges(plan: RollbackPlan): string {
  switch (plan.platform) {
    case 'ecs':
      return `service ${plan.serviceName}: ${arnName(plan.fromRevision)} → ${arnName(plan.toRevision)}${plan.inFlight ? ' (reverting the deployment in flight)' : ''}${settingsLine(plan)}`;
    case 'ecs-bluegreen':
      return plan.inFlight
        ? `service ${plan.serviceName}: revert the blue/green in flight (${plan.reached}% of traffic on ${arnName(plan.fromRevision)}): all traffic back to ${arnName(plan.toRevision)}, then delete task set ${plan.removeTaskSets.join(', ')}`
        : `service ${plan.serviceName}: ${arnName(plan.fromRevision)} → ${arnName(plan.toRevision)} (a new task set of ${arnName(plan.toRevision)}, then all traffic at once, no canary)`;
    case 'lambda':
      if (plan.inFlight)
        return `alias ${plan.functionName}:${plan.alias}: ${plan.fromVersion} → ${plan.toVersion ?? '?'} (reverting the shift in flight; deleting version ${plan.deleteVersions.join(', ')})`;
      if (plan.republish !== null) {
        return `alias ${plan.functionName}:${plan.alias}: ${plan.fromVersion} → a new version of the content at ${plan.republish.commit.slice(0, 12)}, all at once (the earlier version was deleted when ${plan.fromVersion} replaced it)`;
      }
      return `alias ${plan.functionName}:${plan.alias}: ${plan.fromVersion} → ${plan.toVersion ?? '?'}`;
    default: {
      const never: never = plan;
      return never;
    }
  }
}
