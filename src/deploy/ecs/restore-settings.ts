/**
 * What a rollback sends back to UpdateService: every service setting the failed UpdateService changed, each as
 * DescribeServices reported it before (and, for a rolling service, the task definition that ran). Pure.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html
 */
import { canonicalJson } from '../../plan/plan.js';
import { type ServiceSettings, type UpdateServiceRequest, updatableServiceFields } from '../ports/ecs-port.js';
import type { ServiceTarget } from './service-target.js';

/**
 * The value that stands for "not set" when DescribeServices did not list a member before: ECS reports these lists
 * and switches on every service, so a missing one was empty or off.
 */
const unsetValues: Readonly<Record<string, unknown>> = {
  loadBalancers: [],
  serviceRegistries: [],
  placementConstraints: [],
  placementStrategy: [],
  enableExecuteCommand: false,
  enableECSManagedTags: false,
  propagateTags: 'NONE',
  // ECS's own default when a service was created without one.
  healthCheckGracePeriodSeconds: 0,
};

export interface RestorePlan {
  /** The UpdateService request. */
  request: UpdateServiceRequest;
  /** Settings the failed update changed that UpdateService cannot put back (named in the report). */
  unrestorable: string[];
}

/**
 * `before`: the service's settings read before the failed update (undefined when they were not read); `failed`:
 * the UpdateService request of the failed deployment.
 */
export function restoreRequest(
  target: ServiceTarget,
  previousTaskDefinition: string,
  before: Readonly<ServiceSettings> | undefined,
  failed: Readonly<ServiceSettings>,
): RestorePlan {
  const { request, unrestorable } = restoreSettingsRequest(target, before, failed);
  return { request: { ...request, taskDefinition: previousTaskDefinition }, unrestorable };
}

/** The same without a task definition: for a blue/green (EXTERNAL) service, whose versions are task sets. */
export function restoreSettingsRequest(target: ServiceTarget, before: Readonly<ServiceSettings> | undefined, failed: Readonly<ServiceSettings>): RestorePlan {
  const request: UpdateServiceRequest = { cluster: target.cluster, service: target.serviceName };
  const unrestorable: string[] = [];
  for (const field of updatableServiceFields) {
    if (failed[field] === undefined) continue;
    const value = before?.[field] ?? unsetValues[field];
    // A service that ran on a launch type cannot be given one back by UpdateService once it has a strategy.
    const switchedToStrategy =
      field === 'capacityProviderStrategy' &&
      before !== undefined &&
      (before[field] === undefined || (Array.isArray(before[field]) && before[field].length === 0));
    if (value === undefined || switchedToStrategy) {
      if (!sameValue(failed[field], before?.[field])) unrestorable.push(field);
      continue;
    }
    request[field] = structuredClone(value);
  }
  return { request, unrestorable };
}

/** The settings of `fields` that differ between two DescribeServices readings. */
export function differingSettings(
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>> | undefined,
  fields: readonly string[],
): string[] {
  if (before === undefined || after === undefined) return [...fields];
  return fields.filter((field) => !sameValue(before[field] ?? unsetValues[field], after[field] ?? unsetValues[field]));
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a ?? null) === canonicalJson(b ?? null);
}
