/**
 * Forward actions of ELBv2 listeners and rules, as plain data: reading the weighted target groups out of an
 * action list, and writing new weights into one while keeping every other action and setting as it was. Pure.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#forward-actions
 */
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { TargetGroupWeight } from '../deploy/ports/elb-port.js';

/** The forward action's target groups and weights; a plain `TargetGroupArn` forward is one group at weight 1. */
export function forwardWeightsOf(actions: readonly Action[]): TargetGroupWeight[] {
  const forward = actions.find((action) => action.Type === 'forward');
  if (forward === undefined) return [];
  const tuples = forward.ForwardConfig?.TargetGroups ?? [];
  if (tuples.length === 0) return forward.TargetGroupArn ? [{ targetGroupArn: forward.TargetGroupArn, weight: 1 }] : [];
  return tuples.flatMap((tuple) => (tuple.TargetGroupArn ? [{ targetGroupArn: tuple.TargetGroupArn, weight: tuple.Weight ?? 1 }] : []));
}

/** Seconds of target group stickiness on the forward action, when it is on. */
export function stickinessSecondsOf(actions: readonly Action[]): number | undefined {
  const stickiness = actions.find((action) => action.Type === 'forward')?.ForwardConfig?.TargetGroupStickinessConfig;
  return stickiness?.Enabled === true ? stickiness.DurationSeconds : undefined;
}

/**
 * The action list to send back with ModifyListener / ModifyRule: the forward action gets these weights (as a
 * ForwardConfig alone: `TargetGroupArn` may name only a single group), every other action is sent as ELB
 * described it. An authenticate-oidc action is described without its client secret; ELB keeps the secret it
 * has only when told to (`UseExistingClientSecret`).
 */
export function withForwardWeights(actions: readonly Action[], weights: readonly TargetGroupWeight[]): Action[] {
  if (!actions.some((action) => action.Type === 'forward')) throw new Error('the route has no forward action to set weights on');
  return actions.map((action) => {
    if (action.Type === 'authenticate-oidc' && action.AuthenticateOidcConfig && action.AuthenticateOidcConfig.ClientSecret === undefined) {
      return { ...action, AuthenticateOidcConfig: { ...action.AuthenticateOidcConfig, UseExistingClientSecret: true } };
    }
    if (action.Type !== 'forward') return action;
    const { TargetGroupArn: _single, ForwardConfig, ...rest } = action;
    return {
      ...rest,
      ForwardConfig: {
        ...ForwardConfig,
        TargetGroups: weights.map(({ targetGroupArn, weight }) => ({ TargetGroupArn: targetGroupArn, Weight: weight })),
      },
    };
  });
}
