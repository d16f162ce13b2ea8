/**
 * Strategy choice happens here and only here: from the unit's platform, deployment controller and action.
 * A unit whose key has no strategy is refused in pre-flight, before anything is deployed.
 */
import type { UnitDefinitions } from '../defs/validate.js';
import type { Ending } from '../events/results.js';
import type { RunUnit } from '../plan/types.js';
import type { DeletionContext, DeployContext, UnitContext } from './context.js';
import { deleteUnit } from './delete-unit.js';
import { deployBlueGreen } from './ecs-bluegreen/deploy-bluegreen.js';
import { deployNative } from './ecs-native/deploy-native.js';
import { deployRolling } from './ecs-rolling/deploy-rolling.js';
import { deployLambda } from './lambda/deploy-lambda.js';
import { withReplacement } from './replace/replace-unit.js';

/** How one unit is run: the engine calls it with the unit's context and its validated definitions. */
type Strategy = (ctx: UnitContext, definitions: UnitDefinitions | null) => Promise<Ending>;

type DeployStrategy = (ctx: DeployContext, definitions: UnitDefinitions | null) => Promise<Ending>;
type DeleteStrategy = (ctx: DeletionContext) => Promise<Ending>;

type StrategyName = RunUnit['strategy'];

/** Deployments, by the unit's platform and deployment controller (plan.ts `strategyOf`). */
const deployments: Partial<Record<StrategyName, DeployStrategy>> = {
  'ecs-rolling': (ctx, defs) => deployRolling(ctx, expectEcs(defs)),
  'ecs-bluegreen': (ctx, defs) => deployBlueGreen(ctx, expectEcs(defs)),
  'ecs-native': (ctx, defs) => deployNative(ctx, expectEcs(defs)),
  lambda: (ctx, defs) => deployLambda(ctx, expectLambda(defs)),
};

/** Deletions: DeleteService with force also scales an EXTERNAL service's task sets to zero and deletes them. */
const deletions: Partial<Record<StrategyName, DeleteStrategy>> = {
  'ecs-rolling': deleteUnit,
  'ecs-bluegreen': deleteUnit,
  'ecs-native': deleteUnit,
  lambda: deleteUnit,
};

/** A deployment whose identity changed is wrapped to retire what the unit ran as before (replace/replace-unit.ts). */
export function strategyFor(unit: RunUnit): Strategy | undefined {
  if (unit.action === 'delete') {
    const remove = deletions[unit.strategy];
    return remove === undefined ? undefined : (ctx) => (ctx.planned.action === 'delete' ? remove({ ...ctx, planned: ctx.planned }) : wrongUnit(ctx));
  }
  const found = deployments[unit.strategy];
  if (found === undefined) return undefined;
  const deploy = unit.replaces !== undefined ? withReplacement(found) : found;
  return (ctx, defs) => (ctx.planned.action === 'deploy' ? deploy({ ...ctx, planned: ctx.planned }, defs) : wrongUnit(ctx));
}

function wrongUnit(ctx: UnitContext): never {
  throw new Error(`${ctx.planned.prefix}: a strategy was given a unit it was not chosen for`);
}

function expectEcs(defs: UnitDefinitions | null) {
  if (defs === null || defs.platform !== 'ecs') throw new Error('an ECS strategy was given non-ECS definitions');
  return defs;
}

function expectLambda(defs: UnitDefinitions | null) {
  if (defs === null || defs.platform !== 'lambda') throw new Error('the Lambda strategy was given non-Lambda definitions');
  return defs;
}
