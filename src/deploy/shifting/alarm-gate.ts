/**
 * The CloudWatch alarms a depdef names (`alarms.alarmNames`, docs/design.md#settings), read one way for every
 * strategy: firing ones stop a shift (a gate examined during each wait), missing ones are refused before anything
 * changes.
 */
import type { AlarmsPort } from '../ports/alarms-port.js';
import type { FiringAlarm, Gate } from './gate.js';

/** Alarms in ALARM, with CloudWatch's reason; none asked, none read. */
async function firingAlarms(alarms: AlarmsPort, alarmNames: readonly string[]): Promise<FiringAlarm[]> {
  return alarmNames.length === 0 ? [] : (await alarms.firingAlarms(alarmNames)).firing;
}

/** Alarms named in the settings that CloudWatch does not have: watching them would watch nothing. */
export async function missingAlarms(alarms: AlarmsPort, alarmNames: readonly string[]): Promise<string[]> {
  return alarmNames.length === 0 ? [] : (await alarms.firingAlarms(alarmNames)).missing;
}

/** Objects as soon as any of the alarms is in ALARM. */
export function alarmGate(alarms: AlarmsPort, alarmNames: readonly string[]): Gate {
  return {
    async examine() {
      const firing = await firingAlarms(alarms, alarmNames);
      return firing.length > 0 ? { kind: 'alarm', alarms: firing } : null;
    },
  };
}
