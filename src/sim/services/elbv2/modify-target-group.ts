/**
 * ModifyTargetGroup: changes a group's health check settings; what is not given stays as it is. The new settings
 * are checked together with the kept ones (interval above timeout, path, port, matcher), and instance or IP groups
 * cannot turn their checks off. Targets keep their verdicts: the next checks use the new interval and thresholds.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyTargetGroup.html
 */
import { validationError } from './errors.js';
import type { HealthCheckSettings, TargetGroupRecord } from './state.js';
import { checkHealthCheck, type HealthCheckInput } from './target-groups.js';

export function modifyTargetGroupHealthCheck(group: TargetGroupRecord, input: HealthCheckInput): void {
  if (group.targetType !== 'lambda' && input.enabled === false) {
    throw validationError(`Health checks cannot be disabled for target groups with target type '${group.targetType}'`);
  }
  if (group.targetType === 'lambda' && (input.protocol !== undefined || input.port !== undefined)) {
    throw validationError("Health check protocol and port cannot be specified for target groups with target type 'lambda'");
  }
  const current = group.healthCheck;
  const protocol = input.protocol ?? current.protocol;
  const port = input.port ?? current.port;
  const path = input.path ?? current.path;
  const settings: HealthCheckSettings = {
    enabled: input.enabled ?? current.enabled,
    ...(protocol !== undefined && { protocol }),
    ...(port !== undefined && { port }),
    ...(path !== undefined && { path }),
    intervalSeconds: input.intervalSeconds ?? current.intervalSeconds,
    timeoutSeconds: input.timeoutSeconds ?? current.timeoutSeconds,
    healthyThreshold: input.healthyThreshold ?? current.healthyThreshold,
    unhealthyThreshold: input.unhealthyThreshold ?? current.unhealthyThreshold,
    matcher: input.matcher ?? current.matcher,
  };
  checkHealthCheck(settings, group.protocol === undefined ? {} : { protocol: group.protocol });
  group.healthCheck = settings;
}
