/** AlarmsPort over @aws-sdk/client-cloudwatch. IAM action used: cloudwatch:DescribeAlarms. */
import { DescribeAlarmsCommand, type CloudWatchClient, type DescribeAlarmsCommandOutput } from '@aws-sdk/client-cloudwatch';
import type { AlarmsPort } from '../deploy/ports/alarms-port.js';
import { callAws } from './call-aws.js';

/** DescribeAlarms takes at most 100 AlarmNames and answers at most 100 records a page (its MaxRecords). */
const DESCRIBE_ALARMS_MAX = 100;

interface AlarmStateRecord {
  alarmName: string;
  stateValue: string;
  stateReason: string;
}

export class CloudWatchAdapter implements AlarmsPort {
  constructor(private readonly cloudwatch: CloudWatchClient) {}

  /**
   * DescribeAlarms for the names, 100 at a time, every page. Both metric and composite alarms are asked for:
   * without AlarmTypes, DescribeAlarms returns metric alarms only
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html), and a watched
   * composite alarm would look missing. Names it does not return are reported as missing.
   */
  async firingAlarms(alarmNames: readonly string[]): Promise<{ firing: { alarmName: string; stateReason: string }[]; missing: string[] }> {
    const names = [...new Set(alarmNames)];
    const found = new Map<string, AlarmStateRecord>();
    for (let start = 0; start < names.length; start += DESCRIBE_ALARMS_MAX) {
      for (const alarm of await this.describe(names.slice(start, start + DESCRIBE_ALARMS_MAX))) found.set(alarm.alarmName, alarm);
    }
    const firing = names.flatMap((name) => {
      const alarm = found.get(name);
      return alarm?.stateValue === 'ALARM' ? [{ alarmName: name, stateReason: alarm.stateReason }] : [];
    });
    return { firing, missing: names.filter((name) => !found.has(name)) };
  }

  private async describe(names: string[]): Promise<AlarmStateRecord[]> {
    const alarms: AlarmStateRecord[] = [];
    let nextToken: string | undefined;
    do {
      const input = {
        AlarmNames: names,
        AlarmTypes: ['MetricAlarm' as const, 'CompositeAlarm' as const],
        MaxRecords: DESCRIBE_ALARMS_MAX,
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
      const page: DescribeAlarmsCommandOutput = await callAws('CloudWatch DescribeAlarms', () => this.cloudwatch.send(new DescribeAlarmsCommand(input)));
      for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
        if (alarm.AlarmName === undefined) continue;
        alarms.push({ alarmName: alarm.AlarmName, stateValue: alarm.StateValue ?? '', stateReason: alarm.StateReason ?? '' });
      }
      nextToken = page.NextToken;
    } while (nextToken);
    return alarms;
  }
}
