/**
 * The end of a rehearsal: how long each unit took in simulated time and in total, and the exit code the deploy
 * of the same range would end with. Pure. Times come from the results, which the deployment stamped with the
 * simulator's virtual clock: they are what the deployment would take in AWS at the same settings (health check
 * intervals, waits, polls), never how long the machine took to compute them.
 */
import type { UnitResult } from '../events/results.js';
import { formatDuration } from '../report/format-time.js';
import { resultLabel } from '../report/outcome-label.js';

export interface RehearsalTiming {
  units: { unit: string; result: string; simulatedMs: number }[];
  /** From the first unit's start to the last unit's end (units run concurrently). */
  totalMs: number;
}

export function rehearsalTiming(results: readonly UnitResult[]): RehearsalTiming {
  const ran = results.filter((result) => result.outcome !== 'skipped');
  const units = ran.map((result) => ({ unit: result.unit, result: resultLabel(result), simulatedMs: result.finishedAt - result.startedAt }));
  const totalMs = ran.length === 0 ? 0 : Math.max(...ran.map((r) => r.finishedAt)) - Math.min(...ran.map((r) => r.startedAt));
  return { units, totalMs };
}

/** `2m 05s (125 s)`: the short form people read, and the exact seconds a team compares against its settings. */
export function simulatedDuration(ms: number): string {
  const seconds = Math.round(ms) / 1000;
  const short = formatDuration(ms);
  return seconds < 60 ? `${seconds} s` : `${short} (${seconds} s)`;
}

export function formatRehearsalSummary(timing: RehearsalTiming, exitCode: number): string {
  const rows = [
    ...timing.units.map((u) => [u.unit, u.result, simulatedDuration(u.simulatedMs)] as const),
    ['total', '', simulatedDuration(timing.totalMs)] as const,
  ];
  const unitWidth = Math.max(...rows.map(([unit]) => unit.length));
  const resultWidth = Math.max(...rows.map(([, result]) => result.length));
  const lines = [
    'rehearsal summary (simulated time: what the deployment would take in AWS with these settings)',
    ...rows.map(([unit, result, duration]) => `  ${unit.padEnd(unitWidth)}  ${result.padEnd(resultWidth)}  ${duration}`),
    `rehearsal exit code ${exitCode}: the exit code \`gitmoxi deploy\` of this range would end with`,
  ];
  return `${lines.join('\n')}\n`;
}
