/**
 * Is another deployment driving a unit right now? Pure verdicts on what ECS and Lambda report, in words for the
 * wait and the busy message; null when nothing is in flight. ECS uses the same test as `status` and `poll`.
 */
import { arnName } from '../short-names.js';
import type { EcsServiceState } from './ports/ecs-port.js';
import type { LambdaAliasState, LambdaFunctionState } from './ports/lambda-port.js';

/** A rolling deployment still draining an older one, or an EXTERNAL service with more than one task set. */
export function serviceProgressing(service: EcsServiceState): boolean {
  if (service.deploymentControllerType === 'EXTERNAL') return service.taskSets.filter((t) => t.status !== 'DRAINING').length > 1;
  if (service.deployments.length > 1) return true;
  return service.deployments.some((d) => d.rolloutState === 'IN_PROGRESS');
}

/** A rolling service: more than one deployment, or the primary one still IN_PROGRESS. */
export function ecsInFlight(service: EcsServiceState): string | null {
  if (!serviceProgressing(service)) return null;
  const primary = service.deployments.find((d) => d.status === 'PRIMARY');
  const older = service.deployments.length - 1;
  const what = primary
    ? `ECS deployment ${primary.id} of ${arnName(primary.taskDefinitionArn)} is ${primary.rolloutState ?? 'in progress'}`
    : `service ${service.serviceName} has a deployment in progress`;
  return older > 0 ? `${what}, ${older} older deployment${older === 1 ? '' : 's'} still running` : what;
}

/**
 * A function whose alias splits traffic (a canary or linear shift under way) or whose last update is still
 * InProgress. A zero weight routes nothing, as `status` also reads it.
 */
export function lambdaInFlight(fn: LambdaFunctionState, alias: LambdaAliasState | null): string | null {
  const shares = Object.entries(alias?.additionalWeights ?? {}).filter(([, weight]) => weight > 0);
  if (alias !== null && shares.length > 0) {
    const split = shares.map(([version, weight]) => `${Math.round(weight * 100)}% to version ${version}`).join(', ');
    return `alias ${alias.name} routes ${split} and the rest to version ${alias.functionVersion}`;
  }
  if (fn.lastUpdateStatus === 'InProgress') return `an update of function ${fn.functionName} is in progress`;
  return null;
}
