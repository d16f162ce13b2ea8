/**
 * How a traffic shifting configuration becomes steps: the percentages of traffic the new version receives, one
 * after the other, each followed by a wait of `waitInterval`. Pure; shared by ECS blue/green (listener weights)
 * and Lambda (alias routing), and shown by the plan.
 */
import type { TrafficShiftingSettings } from '../defs/common-settings.js';

/**
 * ALL_AT_ONCE → [100]; LINEAR p → p, 2p, … with the last step clamped to 100 (LINEAR 30 → 30, 60, 90, 100);
 * CANARY p → [p, 100]. A percent of 100 (or more) is a single step.
 */
export function trafficSteps(config: Pick<TrafficShiftingSettings, 'type' | 'percent'>): number[] {
  const percent = Math.min(100, config.percent);
  switch (config.type) {
    case 'ALL_AT_ONCE':
      return [100];
    case 'CANARY':
      return percent >= 100 ? [100] : [percent, 100];
    case 'LINEAR': {
      if (!(percent > 0)) throw new RangeError(`LINEAR needs a positive percent, got ${config.percent}`);
      const steps: number[] = [];
      for (let next = percent; next < 100; next += percent) steps.push(next);
      return [...steps, 100];
    }
    default: {
      const never: never = config.type;
      return never;
    }
  }
}

/** `LINEAR 25% every 30 s: 25, 50, 75, 100`, `CANARY 10% then the rest after 60 s: 10, 100`, `ALL_AT_ONCE, then 60 s: 100`. */
export function describeTrafficSteps(config: TrafficShiftingSettings): string {
  const percents = trafficSteps(config).join(', ');
  const wait = `${config.waitInterval} s`;
  switch (config.type) {
    case 'ALL_AT_ONCE':
      return `ALL_AT_ONCE, then ${wait}: ${percents}`;
    case 'CANARY':
      return `CANARY ${config.percent}% then the rest, ${wait} after each: ${percents}`;
    case 'LINEAR':
      return `LINEAR ${config.percent}% every ${wait}: ${percents}`;
    default: {
      const never: never = config.type;
      return never;
    }
  }
}
