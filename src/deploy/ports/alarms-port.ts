/** CloudWatch alarms, as a gate on a deployment. */

export interface AlarmsPort {
  /** DescribeAlarms for these names; returns those in ALARM with their state reason. Missing alarms are reported. */
  firingAlarms(alarmNames: readonly string[]): Promise<{ firing: { alarmName: string; stateReason: string }[]; missing: string[] }>;
}
