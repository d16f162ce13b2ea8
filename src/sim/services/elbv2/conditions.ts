/**
 * Listener rule conditions. Path patterns and host headers are checked as RuleCondition in the API reference
 * describes them; the other fields (http-header, http-request-method, query-string, source-ip) are kept as sent.
 */
import type { RuleCondition } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Input } from '../../coerce.js';
import { validationError } from './errors.js';
import type { ConditionField, StoredCondition } from './state.js';
import { asList, optionalEnum, optionalStructure } from './validate.js';

const fields: readonly ConditionField[] = ['http-header', 'http-request-method', 'host-header', 'path-pattern', 'query-string', 'source-ip'];
type Field = ConditionField;

const configKeys: Record<Field, keyof RuleCondition> = {
  'http-header': 'HttpHeaderConfig',
  'http-request-method': 'HttpRequestMethodConfig',
  'host-header': 'HostHeaderConfig',
  'path-pattern': 'PathPatternConfig',
  'query-string': 'QueryStringConfig',
  'source-ip': 'SourceIpConfig',
};

/** "Each rule can include zero or one of each of the following conditions" (ALB user guide, rule conditions). */
const singleUse: Field[] = ['host-header', 'http-request-method', 'path-pattern', 'source-ip'];
/** ELBv2 quota: 5 condition values per rule. */
const maxValuesPerRule = 5;
/** Path patterns and host names are up to 128 characters, with these characters (RuleCondition.Values). */
const valuePatterns: Partial<Record<Field, RegExp>> = {
  'path-pattern': /^[A-Za-z0-9_\-.$/~"'@:+&*?]+$/,
  'host-header': /^[A-Za-z0-9\-.*?]+$/,
};

export function parseConditions(conditions: Input[]): StoredCondition[] {
  const parsed = conditions.map((condition, index) => parseCondition(condition, `Conditions.member.${index + 1}`));
  for (const field of singleUse) {
    if (parsed.filter((condition) => condition.field === field).length > 1) {
      throw validationError(`A rule can have only one '${field}' condition`);
    }
  }
  const valueCount = parsed.reduce((sum, condition) => sum + Math.max(1, condition.values.length), 0);
  if (valueCount > maxValuesPerRule) {
    throw validationError(`A rule can have at most '${maxValuesPerRule}' condition values`);
  }
  return parsed;
}

function parseCondition(condition: Input, path: string): StoredCondition {
  const field = optionalEnum(condition.Field, `${path}.Field`, fields);
  if (field === undefined) throw validationError(`A condition field must be specified at '${path}'`);
  const config = optionalStructure(condition[configKeys[field]], `${path}.${String(configKeys[field])}`);
  if (field !== 'path-pattern' && field !== 'host-header') {
    if (config === undefined) throw validationError(`'${String(configKeys[field])}' must be specified for condition field '${field}'`);
    return { field, values: [], legacyValues: false, config };
  }
  const legacy = asList(condition.Values).map(String);
  const configured = asList(config?.['Values']).map(String);
  if (legacy.length > 0 && configured.length > 0) {
    throw validationError(`You cannot specify both 'Values' and '${String(configKeys[field])}' for condition field '${field}'`);
  }
  const values = legacy.length > 0 ? legacy : configured;
  if (values.length === 0) throw validationError(`At least one value must be specified for condition field '${field}'`);
  for (const value of values) checkValue(field, value);
  return { field, values, legacyValues: legacy.length > 0 };
}

function checkValue(field: Field, value: string): void {
  const pattern = valuePatterns[field];
  if (value.length > 128) throw validationError(`Condition value '${value}' cannot be longer than 128 characters`);
  if (pattern !== undefined && !pattern.test(value)) {
    throw validationError(`Condition value '${value}' contains characters that are not allowed for '${field}'`);
  }
}

/** AWS echoes Values when the condition was created with them, and always the field's *Config. */
export function renderCondition(condition: StoredCondition): RuleCondition {
  const key = configKeys[condition.field];
  if (condition.config !== undefined) return { Field: condition.field, [key]: condition.config };
  return {
    Field: condition.field,
    ...(condition.legacyValues && { Values: condition.values }),
    [key]: { Values: condition.values },
  };
}
