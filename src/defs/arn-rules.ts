/**
 * ARNs that point outside the unit: a cluster, target group, alarm, role or function ARN of another region or
 * account than the one the unit deploys to. AWS refuses most of these only halfway through a deployment (a
 * task set cannot use a target group of another region; CreateService fails on a foreign cluster), and some not
 * at all (an alarm ARN of another account is simply never found), so they are errors before anything changes.
 */
import type { DefinitionKind } from '../units/suffixes.js';
import type { JsonPath } from './json-source.js';
import { regionInfo } from './regions.js';
import { finding, type RuleFinding } from './rule.js';
import { isRecord } from '../is-record.js';

/** Where the unit deploys: the region its settings name (else the default region), the account they pin. */
export interface UnitPlacement {
  region: string | null;
  account: string | null;
}

/** `*` matches every index of a list. */
type Pattern = readonly (string | '*')[];

/** IAM has no regions: its ARNs are checked for the account only. */
const arnFields: Partial<Record<DefinitionKind, readonly Pattern[]>> = {
  svcdef: [['cluster'], ['taskDefinition'], ['loadBalancers', '*', 'targetGroupArn'], ['role']],
  taskdef: [['executionRoleArn'], ['taskRoleArn']],
  depdef: [
    ['targetGroupArnPairs', '*', '*'],
    ['targetGroupArns', '*'],
    ['alarms', 'alarmNames', '*'],
  ],
  lambdadef: [['FunctionName'], ['Role']],
  lambdadepdef: [['alarms', 'alarmNames', '*']],
  eventsourcedef: [['PushEventSources', '*', 'TargetGroupArn']],
};

/** Findings for every ARN of `files` (values by kind) that names another region, account or partition. */
export function checkArnPlacement(files: ReadonlyMap<DefinitionKind, unknown>, placement: UnitPlacement): RuleFinding[] {
  const findings: RuleFinding[] = [];
  const partition = placement.region === null ? null : (regionInfo(placement.region)?.partition ?? null);
  for (const [kind, value] of files) {
    for (const pattern of arnFields[kind] ?? []) {
      for (const { path, text } of stringsAt(value, pattern)) {
        const arn = parseArn(text);
        if (arn === null) continue;
        const problem = misplaced(arn, placement, partition);
        if (problem !== null) findings.push(finding(kind, path, problem.message, problem.hint));
      }
    }
  }
  return findings;
}

interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
}

/** `arn:partition:service:region:account:resource`; null for anything else (a name, a family:revision). */
export function parseArn(text: string): Arn | null {
  const match = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):.+$/.exec(text);
  if (match === null) return null;
  const [, partition = '', service = '', region = '', account = ''] = match;
  return { partition, service, region, account };
}

function misplaced(arn: Arn, placement: UnitPlacement, partition: string | null): { message: string; hint: string } | null {
  const { region, account } = placement;
  if (partition !== null && arn.partition !== partition) {
    return {
      message: `is an ARN of partition '${arn.partition}', but region ${region} is in partition '${partition}'`,
      hint: `Use the ${arn.service} ARN of the unit's own region (arn:${partition}:…), or set environment.region to the region the resource is in.`,
    };
  }
  if (region !== null && arn.region !== '' && arn.region !== region) {
    return {
      message: `is in region ${arn.region}, but the unit deploys to ${region}`,
      hint: `Use the ${arn.service} ARN of region ${region}, or set environment.region to ${arn.region} if the unit belongs there.`,
    };
  }
  if (account !== null && arn.account !== '' && arn.account !== account) {
    return {
      message: `is in account ${arn.account}, but environment.account is ${account}`,
      hint: `Use the ${arn.service} ARN of account ${account}, or correct environment.account.`,
    };
  }
  return null;
}

/** The strings found at `pattern` in `value`, with their paths. */
function stringsAt(value: unknown, pattern: Pattern): { path: JsonPath; text: string }[] {
  let found: { path: (string | number)[]; value: unknown }[] = [{ path: [], value }];
  for (const segment of pattern) {
    found = found.flatMap(({ path, value: current }) => {
      if (segment === '*') return Array.isArray(current) ? current.map((item: unknown, i) => ({ path: [...path, i], value: item })) : [];
      if (!isRecord(current) || !Object.hasOwn(current, segment)) return [];
      return [{ path: [...path, segment], value: current[segment] }];
    });
  }
  return found.flatMap(({ path, value: v }) => (typeof v === 'string' ? [{ path, text: v }] : []));
}
