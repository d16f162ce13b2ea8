/**
 * How long an ECS-native deployment still waits where it is: the bake after production moved (`BAKE_TIME`,
 * bakeTimeInMinutes) or the bake after a LINEAR or CANARY production step. ECS reports neither the remaining time
 * nor when the stage began; it sets the deployment's `updatedAt` when a stage begins and when a step moves traffic,
 * so the wait is counted from there, or from when gitmoxi first saw the stage if ECS gave no usable time. Pure.
 * docs/ecs-native.md
 */
import type { ServiceDeploymentState } from '../ports/ecs-port.js';

const MINUTE = 60_000;

export interface BakeWait {
  /** `BAKE_TIME`, or `step bake` between production steps. */
  label: string;
  startedAt: number;
  totalMs: number;
  endsAt: number;
  /** Green's share of production while it waits, in percent. */
  greenPercent: number;
}

/** Null when the deployment is not waiting out a bake (another stage, no bake configured, not in progress). */
export function bakeWait(state: ServiceDeploymentState, firstSeenAt: number): BakeWait | null {
  if (state.status !== 'IN_PROGRESS') return null;
  let minutes: number | undefined;
  let label: string;
  if (state.lifecycleStage === 'BAKE_TIME') {
    minutes = state.bakeTimeInMinutes;
    label = 'BAKE_TIME';
  } else if (state.lifecycleStage === 'PRODUCTION_TRAFFIC_SHIFT' && state.productionWeight > 0 && state.productionWeight < 100) {
    minutes = state.stepBakeTimeInMinutes;
    label = 'step bake';
  } else {
    return null;
  }
  if (minutes === undefined || minutes <= 0) return null;
  // An updatedAt after the moment gitmoxi saw the stage is a later change (a hook answer), not the stage's start.
  const startedAt = state.updatedAt !== undefined && state.updatedAt <= firstSeenAt ? state.updatedAt : firstSeenAt;
  const totalMs = minutes * MINUTE;
  return { label, startedAt, totalMs, endsAt: startedAt + totalMs, greenPercent: state.productionWeight };
}

/** `BAKE_TIME: 4m 10s left of 5m`. */
export function bakeText(wait: BakeWait, now: number): string {
  return `${wait.label}: ${shortDuration(Math.max(0, wait.endsAt - now))} left of ${shortDuration(wait.totalMs)}`;
}

/** `45s`, `4m 10s`, `5m`, `1h 30m`: whole seconds, trailing zero units left out. */
export function shortDuration(ms: number): string {
  const total = Math.floor(ms / 1000);
  const parts: [number, string][] = [
    [Math.floor(total / 3600), 'h'],
    [Math.floor((total % 3600) / 60), 'm'],
    [total % 60, 's'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  if (first === -1) return '0s';
  let last = parts.length - 1;
  while (last > first && parts[last]?.[0] === 0) last -= 1;
  return parts
    .slice(first, last + 1)
    .map(([value, unit]) => `${value}${unit}`)
    .join(' ');
}
