/**
 * CloudWatch Logs, only as far as `gitmoxi verify` reads it: DescribeLogGroups over awsJson1_1, answering from
 * the log groups the scenario seeds in the request's region (none seeded: the group a prefix names exists).
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html
 */
import type { DescribeLogGroupsResponse } from '@aws-sdk/client-cloudwatch-logs';
import { optionalInteger, optionalString, type Input } from '../../coerce.js';
import { SimError } from '../../errors.js';
import type { OperationHandler, ServiceModule } from '../../types.js';

const SEEDED_AT = Date.UTC(2024, 0, 1);

const describeLogGroups: OperationHandler = (input: Input, ctx): DescribeLogGroupsResponse => {
  const prefix = optionalString(input, 'logGroupNamePrefix');
  const pattern = optionalString(input, 'logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined) {
    throw new SimError('InvalidParameterException', 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
  }
  const limit = optionalInteger(input, 'limit') ?? 50;
  if (limit < 1 || limit > 50) {
    throw new SimError(
      'InvalidParameterException',
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50`,
    );
  }
  const infrastructure = ctx.world.scenario.infrastructure;
  const home = ctx.world.scenario.region;
  // Tasks start with any log group when the scenario seeds none; asked for one by name, it exists then too.
  const seededGroups = infrastructure?.logGroups ?? [];
  const assumed: { name: string; region?: string }[] = seededGroups.length === 0 && prefix !== undefined ? [{ name: prefix }] : [];
  const names = [...seededGroups, ...assumed]
    .filter((group) => (group.region ?? home ?? ctx.region) === ctx.region)
    .map((group) => group.name)
    .filter((name) => (prefix === undefined || name.startsWith(prefix)) && (pattern === undefined || name.includes(pattern)))
    .sort();
  const start = Number(optionalString(input, 'nextToken') ?? '0') || 0;
  const page = names.slice(start, start + limit);
  const output: DescribeLogGroupsResponse = {
    logGroups: page.map((name) => ({
      logGroupName: name,
      creationTime: SEEDED_AT,
      metricFilterCount: 0,
      arn: `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${name}:*`,
      logGroupArn: `arn:aws:logs:${ctx.region}:${ctx.account}:log-group:${name}`,
      logGroupClass: 'STANDARD',
      storedBytes: 0,
    })),
  };
  if (start + limit < names.length) output.nextToken = String(start + limit);
  return output;
};

export const logsService: ServiceModule = {
  name: 'logs',
  protocols: ['awsJson1_1'],
  targetPrefix: 'Logs_20140328',
  signingName: 'logs',
  operations: { DescribeLogGroups: describeLogGroups },
  readOnly: new Set(['DescribeLogGroups']),
  createModel: () => ({ snapshot: () => ({}) }),
};
