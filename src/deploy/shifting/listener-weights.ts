/**
 * Listener and rule weights for a blue/green shift, as pure functions. A route's forward action holds the live
 * target group of one or more pairs; at `percent`, the live group of each pair gets 100 − percent and its partner
 * (added when the action does not list it yet) gets percent. Target groups outside the pairs keep their weights.
 * Weights are whole percents: ELB weights are integers (0–999) and relative, so 80/20 means 80 %/20 %.
 */
import type { ForwardRoute, TargetGroupWeight } from '../ports/elb-port.js';

/** Live target group → the target group the new version runs in. */
export type ShiftMap = ReadonlyMap<string, string>;

/** The weights a route gets at `percent` of traffic on the new version. */
export function routeWeights(current: readonly TargetGroupWeight[], shift: ShiftMap, percent: number): TargetGroupWeight[] {
  const partners = new Set(shift.values());
  const result = current.map(({ targetGroupArn, weight }) => {
    if (shift.has(targetGroupArn)) return { targetGroupArn, weight: 100 - percent };
    if (partners.has(targetGroupArn)) return { targetGroupArn, weight: percent };
    return { targetGroupArn, weight };
  });
  for (const { targetGroupArn } of current) {
    const partner = shift.get(targetGroupArn);
    if (partner !== undefined && !result.some((w) => w.targetGroupArn === partner)) result.push({ targetGroupArn: partner, weight: percent });
  }
  return result;
}

/** Whether ELB has exactly these weights for these target groups (order aside). */
export function weightsMatch(actual: readonly TargetGroupWeight[] | null, expected: readonly TargetGroupWeight[]): boolean {
  if (actual === null || actual.length !== expected.length) return false;
  return expected.every((want) => actual.some((have) => have.targetGroupArn === want.targetGroupArn && have.weight === want.weight));
}

/**
 * The percent of a route's traffic that goes to the new side: over every pair in the route, the largest share
 * its new target group gets (a route in a consistent state has the same share for all of them).
 */
export function newSharePercent(weights: readonly TargetGroupWeight[], shift: ShiftMap): number {
  let share = 0;
  for (const [live, partner] of shift) {
    const liveWeight = weights.find((w) => w.targetGroupArn === live)?.weight;
    if (liveWeight === undefined) continue;
    const newWeight = weights.find((w) => w.targetGroupArn === partner)?.weight ?? 0;
    const total = liveWeight + newWeight;
    share = Math.max(share, total === 0 ? 0 : Math.round((newWeight * 100) / total));
  }
  return share;
}

/** The largest new-side share over all routes: how far a half-finished shift got. */
export function currentNewPercent(routes: readonly ForwardRoute[], shift: ShiftMap): number {
  return Math.max(0, ...routes.map((route) => newSharePercent(route.weights, shift)));
}

/** Routes whose forward action does not list the partner of a live group yet: they need it attached at weight 0. */
export function routesMissingPartner(routes: readonly ForwardRoute[], shift: ShiftMap): ForwardRoute[] {
  return routes.filter((route) =>
    route.weights.some((w) => {
      const partner = shift.get(w.targetGroupArn);
      return partner !== undefined && !route.weights.some((other) => other.targetGroupArn === partner);
    }),
  );
}

/**
 * The steps still to take when a half-finished shift is resumed at `reached` percent: the step it was on is taken
 * again (its wait, with alarms and health watched, may have been cut short), then the rest.
 */
export function remainingSteps(steps: readonly number[], reached: number): number[] {
  return steps.filter((step) => step >= reached);
}
