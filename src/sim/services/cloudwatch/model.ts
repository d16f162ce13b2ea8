/**
 * CloudWatch metric alarms of one account and region: definitions and state. No HTTP here; times are ms since
 * the epoch. There are no metrics: alarm state changes only through SetAlarmState and scenario faults.
 */
import type { ComparisonOperator, Statistic } from '@aws-sdk/client-cloudwatch';
import type { Clock } from '../../../clock.js';
import type { AlarmSetter, ServiceModel } from '../../types.js';
import { alarmNotFound } from './errors.js';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** What PutMetricAlarm defines (AWS's MetricAlarm members, already validated and typed). */
export interface AlarmDefinition {
  AlarmName: string;
  AlarmDescription?: string;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  MetricName?: string;
  Namespace?: string;
  Statistic?: Statistic;
  ExtendedStatistic?: string;
  Dimensions: { Name: string; Value: string }[];
  Period?: number;
  Unit?: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold?: number;
  ComparisonOperator: ComparisonOperator;
  TreatMissingData?: string;
  EvaluateLowSampleCountPercentile?: string;
  Metrics?: unknown[];
  ThresholdMetricId?: string;
  Tags?: { Key: string; Value: string }[];
}

export interface StoredAlarm extends AlarmDefinition {
  AlarmArn: string;
  StateValue: AlarmState;
  StateReason: string;
  StateReasonData?: string;
  AlarmConfigurationUpdatedTimestamp: number;
  StateUpdatedTimestamp: number;
  StateTransitionedTimestamp: number;
}

export interface AlarmFilter {
  names?: string[];
  prefix?: string;
  state?: AlarmState;
  actionPrefix?: string;
}

export class CloudWatchModel implements ServiceModel, AlarmSetter {
  private alarms = new Map<string, StoredAlarm>();

  constructor(
    private readonly clock: Clock,
    private readonly account: string,
    private readonly region: string,
  ) {}

  /**
   * Creates or replaces an alarm. "When you update an existing alarm, its state is left unchanged, but the
   * update completely overwrites the previous configuration of the alarm"; a new alarm starts in
   * INSUFFICIENT_DATA (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
   */
  putAlarm(definition: AlarmDefinition): StoredAlarm {
    const now = this.clock.now();
    const existing = this.alarms.get(definition.AlarmName);
    const alarm: StoredAlarm = {
      ...definition,
      AlarmArn: `arn:aws:cloudwatch:${this.region}:${this.account}:alarm:${definition.AlarmName}`,
      StateValue: existing?.StateValue ?? 'INSUFFICIENT_DATA',
      StateReason: existing?.StateReason ?? 'Unchecked: Initial alarm creation',
      AlarmConfigurationUpdatedTimestamp: now,
      StateUpdatedTimestamp: existing?.StateUpdatedTimestamp ?? now,
      StateTransitionedTimestamp: existing?.StateTransitionedTimestamp ?? now,
    };
    if (existing?.StateReasonData !== undefined) alarm.StateReasonData = existing.StateReasonData;
    if (definition.Tags === undefined && existing?.Tags !== undefined) alarm.Tags = existing.Tags;
    this.alarms.set(alarm.AlarmName, alarm);
    return alarm;
  }

  /** Alarms matching every given filter, sorted by name as DescribeAlarms returns them. */
  describe(filter: AlarmFilter = {}): StoredAlarm[] {
    const names = filter.names === undefined ? undefined : new Set(filter.names);
    return [...this.alarms.values()]
      .filter((alarm) => names === undefined || names.has(alarm.AlarmName))
      .filter((alarm) => filter.prefix === undefined || alarm.AlarmName.startsWith(filter.prefix))
      .filter((alarm) => filter.state === undefined || alarm.StateValue === filter.state)
      .filter((alarm) => filter.actionPrefix === undefined || hasActionWithPrefix(alarm, filter.actionPrefix))
      .sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : a.AlarmName > b.AlarmName ? 1 : 0));
  }

  get(alarmName: string): StoredAlarm | undefined {
    return this.alarms.get(alarmName);
  }

  /** Deleting a name that does not exist is not an error: AWS ignores unknown names here. */
  deleteAlarms(alarmNames: readonly string[]): void {
    for (const name of alarmNames) this.alarms.delete(name);
  }

  /**
   * StateUpdatedTimestamp moves on every update; StateTransitionedTimestamp only when the state value changes
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricAlarm.html).
   */
  setAlarmState(alarmName: string, state: AlarmState, reason: string, reasonData?: string): void {
    const alarm = this.alarms.get(alarmName);
    if (!alarm) throw alarmNotFound(alarmName);
    const now = this.clock.now();
    if (alarm.StateValue !== state) alarm.StateTransitionedTimestamp = now;
    alarm.StateValue = state;
    alarm.StateReason = reason;
    alarm.StateUpdatedTimestamp = now;
    if (reasonData === undefined) delete alarm.StateReasonData;
    else alarm.StateReasonData = reasonData;
  }

  snapshot(): unknown {
    return { alarms: this.describe().map((alarm) => ({ ...alarm })) };
  }
}

function hasActionWithPrefix(alarm: StoredAlarm, prefix: string): boolean {
  return [...alarm.OKActions, ...alarm.AlarmActions, ...alarm.InsufficientDataActions].some((action) => action.startsWith(prefix));
}
