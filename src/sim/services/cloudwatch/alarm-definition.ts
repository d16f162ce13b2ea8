/**
 * PutMetricAlarm input → a validated AlarmDefinition, with the constraints of
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
 */
import {
  asInput,
  optionalBoolean,
  optionalInteger,
  optionalList,
  optionalNumber,
  optionalString,
  optionalStringList,
  type Input,
  type InvalidMember,
} from '../../coerce.js';
import type { ComparisonOperator, Statistic } from '@aws-sdk/client-cloudwatch';
import type { AlarmDefinition } from './model.js';
import { invalidCombination, invalidValue, missingParameter, validationError } from './errors.js';

const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
  'LessThanLowerOrGreaterThanUpperThreshold',
  'LessThanLowerThreshold',
  'GreaterThanUpperThreshold',
];
const STATISTICS: readonly Statistic[] = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const TREAT_MISSING_DATA = ['breaching', 'notBreaching', 'ignore', 'missing'];

export const invalidMember: InvalidMember = (member, value, expected) => invalidValue(member, value, `it must be ${expected}`);

export function requiredString(input: Input, member: string): string {
  const value = optionalString(input, member, invalidMember);
  if (value === undefined) throw missingParameter(member);
  return value;
}

export function readAlarmDefinition(input: Input): AlarmDefinition {
  const AlarmName = requiredString(input, 'AlarmName');
  if (AlarmName.length < 1 || AlarmName.length > 255) throw invalidValue('AlarmName', AlarmName, 'length must be 1 to 255');
  const EvaluationPeriods = optionalInteger(input, 'EvaluationPeriods', invalidMember);
  if (EvaluationPeriods === undefined) throw missingParameter('EvaluationPeriods');
  if (EvaluationPeriods < 1) throw invalidValue('EvaluationPeriods', EvaluationPeriods, 'it must be at least 1');
  const ComparisonOperator = oneOf('ComparisonOperator', requiredString(input, 'ComparisonOperator'), COMPARISON_OPERATORS);
  const definition: AlarmDefinition = {
    AlarmName,
    ActionsEnabled: optionalBoolean(input, 'ActionsEnabled', invalidMember) ?? true,
    OKActions: optionalStringList(input, 'OKActions', invalidMember) ?? [],
    AlarmActions: optionalStringList(input, 'AlarmActions', invalidMember) ?? [],
    InsufficientDataActions: optionalStringList(input, 'InsufficientDataActions', invalidMember) ?? [],
    Dimensions: readPairs(input, 'Dimensions', 'Name', 'Value').map(([Name, Value]) => ({ Name, Value })),
    EvaluationPeriods,
    ComparisonOperator,
  };
  copyOptionalStrings(input, definition);
  copyOptionalNumbers(input, definition);
  const tags = optionalList(input, 'Tags', invalidMember);
  if (tags !== undefined) definition.Tags = readPairs(input, 'Tags', 'Key', 'Value').map(([Key, Value]) => ({ Key, Value }));
  const metrics = optionalList(input, 'Metrics', invalidMember);
  if (metrics !== undefined) definition.Metrics = metrics;
  checkMetricSource(definition);
  checkPeriods(definition);
  return definition;
}

function copyOptionalStrings(input: Input, definition: AlarmDefinition): void {
  const members = [
    'AlarmDescription',
    'MetricName',
    'Namespace',
    'ExtendedStatistic',
    'Unit',
    'TreatMissingData',
    'EvaluateLowSampleCountPercentile',
    'ThresholdMetricId',
  ] as const;
  for (const member of members) {
    const value = optionalString(input, member, invalidMember);
    if (value !== undefined) definition[member] = value;
  }
  const statistic = optionalString(input, 'Statistic', invalidMember);
  if (statistic !== undefined) definition.Statistic = oneOf('Statistic', statistic, STATISTICS);
  if (definition.TreatMissingData !== undefined) oneOf('TreatMissingData', definition.TreatMissingData, TREAT_MISSING_DATA);
  if ((definition.AlarmDescription?.length ?? 0) > 1024) {
    throw invalidValue('AlarmDescription', definition.AlarmDescription, 'length must be at most 1024');
  }
}

function copyOptionalNumbers(input: Input, definition: AlarmDefinition): void {
  const period = optionalInteger(input, 'Period', invalidMember);
  if (period !== undefined) definition.Period = period;
  const datapoints = optionalInteger(input, 'DatapointsToAlarm', invalidMember);
  if (datapoints !== undefined) definition.DatapointsToAlarm = datapoints;
  const threshold = optionalNumber(input, 'Threshold', invalidMember);
  if (threshold !== undefined) definition.Threshold = threshold;
}

/** A metric alarm watches either one metric (MetricName + a statistic) or a list of metric queries. */
function checkMetricSource(definition: AlarmDefinition): void {
  if (definition.MetricName !== undefined && definition.Metrics !== undefined) {
    throw invalidCombination('MetricName and Metrics cannot both be specified.');
  }
  if (definition.MetricName === undefined && definition.Metrics === undefined) {
    throw validationError('Either MetricName or Metrics must be specified.');
  }
  if (definition.MetricName !== undefined) {
    if (definition.Namespace === undefined) throw missingParameter('Namespace');
    const statistics = [definition.Statistic, definition.ExtendedStatistic].filter((value) => value !== undefined);
    if (statistics.length !== 1) throw invalidCombination('Exactly one of Statistic and ExtendedStatistic must be specified.');
    if (definition.Period === undefined) throw missingParameter('Period');
  }
  if (definition.Threshold === undefined && definition.ThresholdMetricId === undefined) {
    throw validationError('Either Threshold or ThresholdMetricId must be specified.');
  }
}

/**
 * "Valid values are 10, 20, 30, and any multiple of 60"; Period × EvaluationPeriods "cannot be more than
 * 86,400 seconds"; DatapointsToAlarm cannot exceed EvaluationPeriods.
 */
function checkPeriods(definition: AlarmDefinition): void {
  const { Period, EvaluationPeriods, DatapointsToAlarm } = definition;
  if (Period !== undefined) {
    if (!(Period === 10 || Period === 20 || Period === 30 || (Period > 0 && Period % 60 === 0))) {
      throw invalidValue('Period', Period, 'valid values are 10, 20, 30 and any multiple of 60');
    }
    if (Period * EvaluationPeriods > 86_400) {
      throw validationError('Period * EvaluationPeriods must not exceed 86400 seconds (one day).');
    }
  }
  if (DatapointsToAlarm !== undefined && (DatapointsToAlarm < 1 || DatapointsToAlarm > EvaluationPeriods)) {
    throw invalidValue('DatapointsToAlarm', DatapointsToAlarm, 'it must be between 1 and EvaluationPeriods');
  }
}

/** `value` as one of `allowed` (an SDK enum's values), or CloudWatch's error naming them. */
export function oneOf<T extends string>(member: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((item) => item === value);
  if (found === undefined) throw invalidValue(member, value, `it must be one of ${allowed.join(', ')}`);
  return found;
}

/** A list of two-member structures (Dimensions' Name and Value, Tags' Key and Value) as pairs. */
function readPairs(input: Input, member: string, keyName: string, valueName: string): [string, string][] {
  return (optionalList(input, member, invalidMember) ?? []).map((item, index) => {
    const pair = asInput(item, `${member}.member.${index + 1}`, invalidMember);
    return [requiredString(pair, keyName), requiredString(pair, valueName)];
  });
}
