/** CloudWatch alarm operations: thin handlers over CloudWatchModel, typed with the SDK's own shapes. */
import type { DescribeAlarmsOutput, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { SimError } from '../../errors.js';
import { optionalInteger, optionalString, optionalStringList, tokenMember, type Input } from '../../coerce.js';
import type { OperationHandler, RequestContext } from '../../types.js';
import { invalidMember, oneOf, readAlarmDefinition, requiredString } from './alarm-definition.js';
import { invalidCombination, invalidValue, missingParameter } from './errors.js';
import type { AlarmFilter, AlarmState, CloudWatchModel, StoredAlarm } from './model.js';

const STATES: readonly AlarmState[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
/** DescribeAlarms' MaxRecords: "Valid Range: Minimum value of 1. Maximum value of 100", default 50. */
const DEFAULT_MAX_RECORDS = 50;
const MAX_RECORDS = 100;
/** AlarmNames of DescribeAlarms and DeleteAlarms: at most 100 names. */
const MAX_ALARM_NAMES = 100;

function alarms(ctx: RequestContext): CloudWatchModel {
  return ctx.world.model('cloudwatch', ctx.account, ctx.region);
}

export const putMetricAlarm: OperationHandler = (input: Input, ctx) => {
  alarms(ctx).putAlarm(readAlarmDefinition(input));
  return undefined;
};

export const describeAlarms: OperationHandler = (input: Input, ctx): DescribeAlarmsAnswer => {
  const filter = readAlarmFilter(input);
  const maxRecords = optionalInteger(input, 'MaxRecords', invalidMember) ?? DEFAULT_MAX_RECORDS;
  if (maxRecords < 1 || maxRecords > MAX_RECORDS) throw invalidValue('MaxRecords', maxRecords, 'it must be 1 to 100');
  const types = optionalStringList(input, 'AlarmTypes', invalidMember);
  // Without AlarmTypes only metric alarms are returned; the simulator has no composite alarms.
  const wantsMetric = types === undefined || types.includes('MetricAlarm');
  const all = wantsMetric ? alarms(ctx).describe(filter) : [];
  const start = startAfter(all, optionalString(input, 'NextToken', invalidMember));
  const page = all.slice(start, start + maxRecords);
  const output: DescribeAlarmsAnswer = { MetricAlarms: page.map(toMetricAlarm) };
  if (types?.includes('CompositeAlarm')) output.CompositeAlarms = [];
  const last = page[page.length - 1];
  if (start + maxRecords < all.length && last) output.NextToken = encodeToken(last.AlarmName);
  return output;
};

export const deleteAlarms: OperationHandler = (input: Input, ctx) => {
  const names = optionalStringList(input, 'AlarmNames', invalidMember);
  if (names === undefined) throw missingParameter('AlarmNames');
  if (names.length > MAX_ALARM_NAMES) throw invalidValue('AlarmNames', names.length, 'at most 100 names');
  alarms(ctx).deleteAlarms(names);
  return undefined;
};

export const setAlarmState: OperationHandler = (input: Input, ctx) => {
  const name = requiredString(input, 'AlarmName');
  const state = oneOf('StateValue', requiredString(input, 'StateValue'), STATES);
  const reason = requiredString(input, 'StateReason');
  if (reason.length > 1023) throw invalidValue('StateReason', reason.length, 'length must be at most 1023');
  const reasonData = optionalString(input, 'StateReasonData', invalidMember);
  if (reasonData !== undefined && !isJson(reasonData)) {
    throw new SimError('InvalidFormatFault', 'StateReasonData must be valid JSON.');
  }
  alarms(ctx).setAlarmState(name, state, reason, reasonData);
  return undefined;
};

function readAlarmFilter(input: Input): AlarmFilter {
  const filter: AlarmFilter = {};
  const names = optionalStringList(input, 'AlarmNames', invalidMember);
  const prefix = optionalString(input, 'AlarmNamePrefix', invalidMember);
  // "If this parameter is specified, you cannot specify AlarmNames" (DescribeAlarms, AlarmNamePrefix).
  if (names !== undefined && names.length > 0 && prefix !== undefined) {
    throw invalidCombination('AlarmNames and AlarmNamePrefix cannot both be specified.');
  }
  if (names !== undefined && names.length > MAX_ALARM_NAMES) throw invalidValue('AlarmNames', names.length, 'at most 100 names');
  if (names !== undefined && names.length > 0) filter.names = names;
  if (prefix !== undefined) filter.prefix = prefix;
  const state = optionalString(input, 'StateValue', invalidMember);
  if (state !== undefined) filter.state = oneOf('StateValue', state, STATES);
  const actionPrefix = optionalString(input, 'ActionPrefix', invalidMember);
  if (actionPrefix !== undefined) filter.actionPrefix = actionPrefix;
  return filter;
}

/** NextToken is opaque to clients; here it names the last alarm of the previous page. */
function encodeToken(alarmName: string): string {
  return Buffer.from(JSON.stringify({ after: alarmName })).toString('base64url');
}

function startAfter(all: StoredAlarm[], token: string | undefined): number {
  if (token === undefined) return 0;
  const after = tokenMember(token, 'base64url', 'after');
  if (typeof after !== 'string') throw new SimError('InvalidNextToken', 'The service returned an invalid next token.');
  const index = all.findIndex((alarm) => alarm.AlarmName > after);
  return index < 0 ? all.length : index;
}

/** MetricAlarm as answered here: Unit and Metrics are echoed as PutMetricAlarm gave them, not checked against StandardUnit or MetricDataQuery. */
type AlarmAnswer = Omit<MetricAlarm, 'Unit' | 'Metrics'> & Pick<StoredAlarm, 'Unit' | 'Metrics'>;

/** DescribeAlarms' output with this simulator's alarms. */
type DescribeAlarmsAnswer = Omit<DescribeAlarmsOutput, 'MetricAlarms'> & { MetricAlarms: AlarmAnswer[] };

function toMetricAlarm(alarm: StoredAlarm): AlarmAnswer {
  const { Tags: _tags, AlarmConfigurationUpdatedTimestamp, StateUpdatedTimestamp, StateTransitionedTimestamp, ...rest } = alarm;
  return {
    ...rest,
    AlarmConfigurationUpdatedTimestamp: new Date(AlarmConfigurationUpdatedTimestamp),
    StateUpdatedTimestamp: new Date(StateUpdatedTimestamp),
    StateTransitionedTimestamp: new Date(StateTransitionedTimestamp),
  };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
