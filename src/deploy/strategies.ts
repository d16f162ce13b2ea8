/**
 * Strategy choice happens here and only here: from the unit's platform, deployment controller and action.
 * A unit whose key has no strategy is refused in pre-flight, before anything is deployed.
 */
import type { UnitDefinitions } from '../defs/validate.js';
import type { PlannedUnit } from '../plan/types.js';
import type { UnitContext } from './context.js';
import { deleteUnit } from './delete-unit.js';
import { withReplacement } from './replace/replace-unit.js';
import { deployBlueGreen } from './ecs-bluegreen/deploy-bluegreen.js';
import { deployNative } from './ecs-native/deploy-native.js';
import { deployRolling } from './ecs-rolling/deploy-rolling.js';
import { deployLambda } from './lambda/deploy-lambda.js';
import type { Ending } from '../events/results.js';

export type Strategy = (ctx: UnitContext, definitions: UnitDefinitions | null) => Promise<Ending>;

export type StrategyKey = `${'deploy' | 'delete'}:${'ecs-rolling' | 'ecs-bluegreen' | 'ecs-native' | 'lambda'}`;

const strategies: Partial<Record<StrategyKey, Strategy>> = {
  'deploy:ecs-rolling': (ctx, defs) => deployRolling(ctx, expectEcs(defs)),
  'delete:ecs-rolling': (ctx) => deleteUnit(ctx),
  'deploy:ecs-bluegreen': (ctx, defs) => deployBlueGreen(ctx, expectEcs(defs)),
  // DeleteService with force scales an EXTERNAL service's task sets to zero and deletes them with it.
  'delete:ecs-bluegreen': (ctx) => deleteUnit(ctx),
  'deploy:ecs-native': (ctx, defs) => deployNative(ctx, expectEcs(defs)),
  'delete:ecs-native': (ctx) => deleteUnit(ctx),
  'deploy:lambda': (ctx, defs) => deployLambda(ctx, expectLambda(defs)),
  'delete:lambda': (ctx) => deleteUnit(ctx),
};

export function strategyKey(unit: PlannedUnit): StrategyKey | null {
  if (unit.strategy === null) return null;
  if (unit.action === 'deploy') return `deploy:${unit.strategy}`;
  if (unit.action === 'delete') return `delete:${unit.strategy}`;
  return null;
}

/** A deployment whose identity changed is wrapped to retire what the unit ran as before (replace/replace-unit.ts). */
export function strategyFor(unit: PlannedUnit): Strategy | undefined {
  const key = strategyKey(unit);
  const strategy = key === null ? undefined : strategies[key];
  return strategy !== undefined && unit.action === 'deploy' && unit.replaces !== undefined ? withReplacement(strategy) : strategy;
}

function expectEcs(defs: UnitDefinitions | null) {
  if (defs === null || defs.platform !== 'ecs') throw new Error('an ECS strategy was given non-ECS definitions');
  return defs;
}

function expectLambda(defs: UnitDefinitions | null) {
  if (defs === null || defs.platform !== 'lambda') throw new Error('the Lambda strategy was given non-Lambda definitions');
  return defs;
}
