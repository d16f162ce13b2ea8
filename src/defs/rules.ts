/**
 * Cross-field rules: relations the schemas cannot see, within one file (a svcdef cannot have both launchType and
 * capacityProviderStrategy) or across the files of a unit (blue/green needs target group pairs in the depdef).
 * Rules are pure and small, one function each (ecs-rules.ts, lambda-rules.ts), and report findings as data:
 * validate.ts locates them in the files.
 */
import type { DefinitionKind } from '../units/suffixes.js';
import { ecsRules } from './ecs-rules.js';
import { lambdaRules } from './lambda-rules.js';
import type { EcsRuleInput, LambdaRuleInput, Rule, RuleFinding } from './rule.js';

export function checkEcsRules(input: EcsRuleInput, invalid: ReadonlySet<DefinitionKind> = new Set()): RuleFinding[] {
  return runRules(ecsRules, input, invalid);
}

export function checkLambdaRules(input: LambdaRuleInput, invalid: ReadonlySet<DefinitionKind> = new Set()): RuleFinding[] {
  return runRules(lambdaRules, input, invalid);
}

/** Every applicable rule runs: findings are collected, never cut short at the first. */
function runRules<Input>(rules: readonly Rule<Input>[], input: Input, invalid: ReadonlySet<DefinitionKind>): RuleFinding[] {
  return rules.filter((rule) => !rule.reads.some((kind) => invalid.has(kind))).flatMap((rule) => rule.check(input));
}
