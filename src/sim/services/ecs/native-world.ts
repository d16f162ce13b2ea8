/**
 * What the ECS deployment controller touches in other services: the production and test listener rules
 * (ELBv2), the deployment's alarms (CloudWatch) and lifecycle hook functions (Lambda, answered by scenario).
 */
import type { Rule } from '@aws-sdk/client-elastic-load-balancing-v2';
import { SimError } from '../../errors.js';
import { functionNameOf } from '../../fault-match.js';
import type { ServiceModels } from '../../types.js';
import type { EcsModel } from './model.js';

/** A simulator may serve ECS without the others: the controller then finds no rule, alarm or function. */
function other<S extends 'elbv2' | 'cloudwatch' | 'lambda'>(model: EcsModel, service: S): ServiceModels[S] | undefined {
  try {
    return model.world.model(service, model.scope.account, model.scope.region);
  } catch {
    return undefined;
  }
}

/** The target group with the highest weight in a rule's forward action: the one serving that listener now. */
export function servingTargetGroup(model: EcsModel, ruleArn: string, candidates: string[]): string | undefined {
  const rules = other(model, 'elbv2');
  let rule: Rule | undefined;
  try {
    rule = rules?.describeRules({ arns: [ruleArn] }, {}).Rules?.[0];
  } catch (error) {
    if (error instanceof SimError) return undefined;
    throw error;
  }
  const groups = (rule?.Actions ?? []).flatMap((action) => action.ForwardConfig?.TargetGroups ?? []);
  const known = groups.filter((group) => candidates.includes(group.TargetGroupArn ?? ''));
  known.sort((a, b) => (b.Weight ?? 0) - (a.Weight ?? 0));
  return known[0]?.TargetGroupArn;
}

/** Writes blue/green weights to a listener rule, as ECS does through the infrastructure role (groups in ARN order, so reads are stable). */
export function writeWeights(model: EcsModel, ruleArn: string, blue: string, green: string, greenWeight: number): boolean {
  const rules = other(model, 'elbv2');
  if (!rules) return false;
  const targetGroups =
    blue === green
      ? [{ targetGroupArn: green, weight: 1 }]
      : [
          { targetGroupArn: blue, weight: Math.round((100 - greenWeight) * 10) / 10 },
          { targetGroupArn: green, weight: greenWeight },
        ].sort((a, b) => (a.targetGroupArn < b.targetGroupArn ? -1 : 1));
  try {
    rules.modifyRule(ruleArn, { actions: [{ type: 'forward', targetGroups, stickiness: { enabled: false } }] });
    return true;
  } catch (error) {
    if (error instanceof SimError) return false;
    throw error;
  }
}

export function alarmsInAlarm(model: EcsModel, alarmNames: readonly string[]): string[] {
  const alarms = other(model, 'cloudwatch');
  return alarmNames.filter((name) => alarms?.get(name)?.StateValue === 'ALARM');
}

/**
 * One invocation of a hook function. The answer comes from a `lifecycle-hook` scenario fault matching the
 * function (IN_PROGRESS for its first `inProgressTimes` calls, then `answer`), SUCCEEDED without one; a
 * function that does not exist fails the hook, as a failed Invoke would.
 */
export function invokeHook(model: EcsModel, targetArn: string, stage: string, invocation: number): 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS' {
  const functions = other(model, 'lambda');
  const name = functionNameOf(targetArn);
  if (!functions?.functions.has(name)) return 'FAILED';
  const fault = model.world.faults('lifecycle-hook').find((f) => f.functionName === name && (f.stage === undefined || f.stage === stage));
  if (!fault) return 'SUCCEEDED';
  if (invocation <= (fault.inProgressTimes ?? 0)) return 'IN_PROGRESS';
  return fault.answer ?? 'SUCCEEDED';
}
