/**
 * gitmoxi's circuit breaker, as pure verdicts: which stopped tasks count as failures of the new version, and when
 * their number stops a deployment. Every ECS watch (rolling, blue/green before and under traffic) applies it.
 */
import type { EcsTaskState } from './ports/ecs-port.js';

/**
 * Tasks of the new revision that stopped, after the deployment began, for a reason other than being replaced
 * or stopped by a person. ECS words replacements "Scaling activity initiated by (deployment ecs-svc/…)" with stop
 * code ServiceSchedulerInitiated; a failed ELB health check has the same code but a different reason, and counts.
 */
export function failedTasks(stopped: readonly EcsTaskState[], taskDefinitionArn: string, sinceMs: number): EcsTaskState[] {
  return stopped.filter(
    (task) =>
      task.taskDefinitionArn === taskDefinitionArn &&
      (task.stoppedAt ?? task.createdAt ?? 0) >= sinceMs &&
      task.stopCode !== 'UserInitiated' &&
      !(task.stoppedReason ?? '').startsWith('Scaling activity initiated by'),
  );
}

export function circuitBreakerTripped(failed: number, threshold: number | null): boolean {
  return threshold !== null && failed >= threshold;
}
