/**
 * Which target group takes over from each of a replaced service's target groups, and which routes still send it
 * traffic. Pure. The replacement's load balancer for the same container and port takes over (else the one at the
 * same position, else its first); a target group both services use needs nothing: its targets change as the old
 * tasks stop.
 */
import type { ForwardRoute } from '../ports/elb-port.js';

export interface LoadBalancerRef {
  targetGroupArn?: string;
  containerName?: string;
  containerPort?: number;
}

/** Old target group → the replacement's target group, for the old groups the replacement does not use itself. */
export function handoverMap(old: readonly LoadBalancerRef[], replacement: readonly LoadBalancerRef[]): Map<string, string> {
  const newGroups = new Set(replacement.flatMap((lb) => (lb.targetGroupArn === undefined ? [] : [lb.targetGroupArn])));
  const map = new Map<string, string>();
  old.forEach((lb, index) => {
    if (lb.targetGroupArn === undefined || newGroups.has(lb.targetGroupArn) || map.has(lb.targetGroupArn)) return;
    const sameContainer = replacement.find(
      (r) => r.targetGroupArn !== undefined && r.containerName === lb.containerName && r.containerPort === lb.containerPort,
    );
    const takeover = sameContainer ?? replacement[index] ?? replacement[0];
    if (takeover?.targetGroupArn !== undefined) map.set(lb.targetGroupArn, takeover.targetGroupArn);
  });
  return map;
}

/** Routes that send any traffic to a target group being handed over. */
export function routesCarrying(routes: readonly ForwardRoute[], handover: ReadonlyMap<string, string>): ForwardRoute[] {
  return routes.filter((route) => route.weights.some((w) => handover.has(w.targetGroupArn) && w.weight > 0));
}

/** Old target groups that still get traffic on any route (read back after the handover: must be none). */
export function groupsStillCarrying(routes: readonly ForwardRoute[], groups: Iterable<string>): string[] {
  const wanted = new Set(groups);
  return [...new Set(routes.flatMap((route) => route.weights.filter((w) => wanted.has(w.targetGroupArn) && w.weight > 0).map((w) => w.targetGroupArn)))];
}
