/** In-memory stand-ins for what the routers talk to: one Lambda alias, a load balancer's listeners and rules. */
import type { ForwardRoute, LoadBalancingPort, TargetGroupWeight } from '../ports/elb-port.js';
import type { LambdaAliasState, LambdaPort } from '../ports/lambda-port.js';

type AliasPort = Pick<LambdaPort, 'routeAlias' | 'describeAlias'>;

/** An alias on `version`; `ignoreWeightsFrom(p)` makes it drop every write of p % or more, as a stuck update would. */
export function fakeAlias(version: string) {
  let current: Pick<LambdaAliasState, 'functionVersion' | 'additionalWeights'> = { functionVersion: version, additionalWeights: {} };
  let ignoredFrom = Number.POSITIVE_INFINITY;
  const full = (name: string): LambdaAliasState => ({
    name,
    aliasArn: `arn:aws:lambda:us-east-1:123456789012:function:fn:${name}`,
    ...current,
    additionalWeights: { ...current.additionalWeights },
  });
  const port: AliasPort = {
    async routeAlias(_functionName, alias, functionVersion, additional) {
      const percent = additional === null ? 100 : additional.weight * 100;
      if (percent < ignoredFrom) current = { functionVersion, additionalWeights: additional === null ? {} : { [additional.version]: additional.weight } };
      return full(alias);
    },
    async describeAlias(_functionName, alias) {
      return full(alias);
    },
  };
  return {
    port,
    state: () => ({ functionVersion: current.functionVersion, additionalWeights: { ...current.additionalWeights } }),
    ignoreWeightsFrom(percent: number) {
      ignoredFrom = percent;
    },
    /** Another writer changes the alias (restores must read back what is really there). */
    set(state: Pick<LambdaAliasState, 'functionVersion' | 'additionalWeights'>) {
      current = state;
    },
  };
}

type ListenerPort = Pick<LoadBalancingPort, 'forwardingRoutes' | 'setForwardWeights' | 'forwardWeights'>;

/** Listeners and rules by ARN; `stuck` routes accept writes but keep their weights, as a racing writer would. */
export function fakeListeners(routes: readonly ForwardRoute[]) {
  const byArn = new Map(routes.map((route) => [route.arn, { ...route, weights: [...route.weights] }]));
  const stuck = new Set<string>();
  const writes: string[] = [];
  const port: ListenerPort = {
    async forwardingRoutes(targetGroupArns) {
      return [...byArn.values()]
        .filter((route) => route.weights.some((w) => targetGroupArns.includes(w.targetGroupArn)))
        .map((route) => ({ ...route, weights: [...route.weights] }));
    },
    async setForwardWeights(route, weights) {
      writes.push(route.arn);
      const known = byArn.get(route.arn);
      if (known !== undefined && !stuck.has(route.arn)) known.weights = weights.map((w) => ({ ...w }));
    },
    async forwardWeights(route) {
      const known = byArn.get(route.arn);
      return known === undefined ? null : known.weights.map((w) => ({ ...w }));
    },
  };
  return {
    port,
    writes,
    weights: (arn: string): TargetGroupWeight[] | undefined => byArn.get(arn)?.weights,
    add(route: ForwardRoute) {
      byArn.set(route.arn, { ...route, weights: [...route.weights] });
    },
    stick(arn: string) {
      stuck.add(arn);
    },
  };
}
