/** The FailureReport of a Lambda unit: ECS's task and target lists stay empty. */
import type { FailureReport } from '../../events/results.js';

export function lambdaReport(summary: string, step: string, alarms?: { alarmName: string; stateReason: string }[]): FailureReport {
  return { summary, step, stoppedTasks: [], serviceEvents: [], targetHealth: [], ...(alarms !== undefined && alarms.length > 0 ? { alarms } : {}) };
}

/** The failure reached the unit's error: the message of an AWS error with its name. */
export { errorLine as errorText } from '../port-error.js';
