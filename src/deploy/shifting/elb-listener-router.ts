/**
 * Listener and rule weights of a load balancer as a traffic router: traffic moves between the live target groups
 * and their partners on every listener and rule that forwards to them; each change is written, then read back from
 * ELB, before anything else happens. Restoring (all traffic to the live side) re-discovers the routes, so a rule
 * added during the deployment is restored too.
 */
import { targetGroupName } from '../../short-names.js';
import type { ForwardRoute, LoadBalancingPort, TargetGroupWeight } from '../ports/elb-port.js';
import { persist } from '../retry-budget.js';
import { newSharePercent, routeWeights, weightsMatch, type ShiftMap } from './listener-weights.js';
import type { ShiftContext, TrafficRouter } from './traffic-router.js';

/** The load balancer operations a shift uses. */
export type ListenerContext = ShiftContext & { ports: { loadBalancing: Pick<LoadBalancingPort, 'forwardingRoutes' | 'setForwardWeights' | 'forwardWeights'> } };

export type ShiftResult = { ok: true; routes: ForwardRoute[] } | { ok: false; reason: string };

/**
 * A router over `routes` (as last read) that also tells the routes as its last write read them back. Restoring
 * needs no routes: it finds them again.
 */
export interface ElbListenerRouter extends TrafficRouter {
  readonly routes: readonly ForwardRoute[];
}

export function elbListenerRouter(ctx: ListenerContext, shift: ShiftMap, routes: readonly ForwardRoute[]): ElbListenerRouter {
  let current = routes;
  return {
    get routes() {
      return current;
    },
    async setPercent({ step, steps, percent }) {
      const shifted = await shiftTraffic(ctx, current, shift, percent, { step, steps });
      if (!shifted.ok) return shifted;
      current = shifted.routes;
      return { ok: true };
    },
    async restore() {
      const restored = await restoreTraffic(ctx, shift);
      if (!restored.ok) return restored;
      current = restored.routes;
      return { ok: true };
    },
  };
}

/** How often a route whose weights do not read back as written is written again before giving up. */
const writeAttempts = 3;

/**
 * Puts `percent` of traffic on the new side of every route (skipping routes already there), reads it back.
 * `step` null: not a traffic step (attaching the partners at 0 %), so no traffic.shifted event.
 */
export async function shiftTraffic(
  ctx: ListenerContext,
  routes: readonly ForwardRoute[],
  shift: ShiftMap,
  percent: number,
  step: { step: number; steps: number } | null,
): Promise<ShiftResult> {
  try {
    const updated = await Promise.all(routes.map((route) => applyWeights(ctx, route, routeWeights(route.weights, shift, percent))));
    if (step !== null) ctx.emit({ type: 'traffic.shifted', ...step, newPercent: percent, routes: updated.map(({ arn, weights }) => ({ arn, weights })) });
    return { ok: true, routes: updated };
  } catch (error) {
    return { ok: false, reason: `setting ${percent}% on the new target groups failed: ${messageOf(error)}` };
  }
}

/**
 * Every route that forwards to a live target group sends all its traffic there again (its partners at 0).
 * Routes already there are left untouched. Not interruptible: this is what a signal's rollback waits for.
 */
async function restoreTraffic(ctx: ListenerContext, shift: ShiftMap): Promise<ShiftResult> {
  try {
    const routes = await persist(ctx, 'reading the routes to restore', () => ctx.ports.loadBalancing.forwardingRoutes([...shift.keys()]));
    const restored = await Promise.all(
      routes.map((route) =>
        newSharePercent(route.weights, shift) === 0
          ? route
          : persist(ctx, `restoring ${route.kind} ${route.arn}`, () => applyWeights(ctx, route, routeWeights(route.weights, shift, 0))),
      ),
    );
    ctx.emit({ type: 'traffic.shifted', step: 0, steps: 0, newPercent: 0, routes: restored.map(({ arn, weights }) => ({ arn, weights })) });
    return { ok: true, routes: restored };
  } catch (error) {
    return { ok: false, reason: messageOf(error) };
  }
}

/** Writes the weights unless the route already has them, and reads them back; throws when they do not stick. */
async function applyWeights(ctx: ListenerContext, route: ForwardRoute, weights: TargetGroupWeight[]): Promise<ForwardRoute> {
  if (weightsMatch(route.weights, weights)) return route;
  for (let attempt = 1; attempt <= writeAttempts; attempt++) {
    await ctx.ports.loadBalancing.setForwardWeights(route, weights);
    const actual = await ctx.ports.loadBalancing.forwardWeights(route);
    if (actual === null) throw new Error(`${route.kind} ${route.arn} no longer exists`);
    if (weightsMatch(actual, weights)) return { ...route, weights: actual };
  }
  throw new Error(`the weights of ${route.kind} ${route.arn} did not read back as written (${describeWeights(weights)})`);
}

export function describeWeights(weights: readonly TargetGroupWeight[]): string {
  return weights.map((w) => `${targetGroupName(w.targetGroupArn)}=${w.weight}`).join(', ');
}

/** Live target groups that no listener or rule forwards to: blue/green has nothing to shift for them. */
export function unroutedTargetGroups(routes: readonly ForwardRoute[], liveTargetGroups: readonly string[]): string[] {
  return liveTargetGroups.filter((arn) => !routes.some((route) => route.weights.some((w) => w.targetGroupArn === arn)));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
