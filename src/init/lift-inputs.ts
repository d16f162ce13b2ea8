/**
 * `init --inputs`: account-specific values (subnets, security groups, role ARNs, target group ARNs) move out of
 * the definitions into the unit's input file, and the definitions name them as template variables, so the same
 * files serve another account or environment with another input (or a Terraform output behind `ref`).
 */

import { isRecord } from '../is-record.js';

/** A value lifted into a variable: where it was, what it is called. */
interface Lift {
  /** Dot path with `*` for any index, from the file's root. */
  path: string;
  variable: string;
}

const ecsLifts: Record<'svcdef' | 'taskdef' | 'depdef', Lift[]> = {
  svcdef: [
    { path: 'networkConfiguration.awsvpcConfiguration.subnets', variable: 'subnets' },
    { path: 'networkConfiguration.awsvpcConfiguration.securityGroups', variable: 'security_groups' },
    { path: 'loadBalancers.*.targetGroupArn', variable: 'target_group_arn' },
  ],
  taskdef: [
    { path: 'executionRoleArn', variable: 'execution_role_arn' },
    { path: 'taskRoleArn', variable: 'task_role_arn' },
  ],
  depdef: [{ path: 'targetGroupArnPairs', variable: 'target_group_arn_pairs' }],
};

const lambdaLifts: Record<'lambdadef' | 'eventsourcedef', Lift[]> = {
  lambdadef: [
    { path: 'Role', variable: 'role_arn' },
    { path: 'VpcConfig.SubnetIds', variable: 'subnets' },
    { path: 'VpcConfig.SecurityGroupIds', variable: 'security_groups' },
  ],
  eventsourcedef: [{ path: 'PushEventSources.*.TargetGroupArn', variable: 'target_group_arn' }],
};

export interface LiftedFiles {
  /** File kind → template text. */
  texts: Record<string, string>;
  /** The input file's variables. */
  variables: Record<string, unknown>;
}

/** Files as pretty JSON text; with `lift`, the account-specific values replaced by `{{ variable }}` placeholders. */
export function liftInputs(files: Record<string, Record<string, unknown> | null>, platform: 'ecs' | 'lambda', lift: boolean): LiftedFiles {
  const table: Record<string, Lift[]> = platform === 'ecs' ? ecsLifts : lambdaLifts;
  const variables: Record<string, unknown> = {};
  const texts: Record<string, string> = {};
  for (const [kind, body] of Object.entries(files)) {
    if (body === null) continue;
    const placeholders = new Map<string, string>();
    const copy = structuredClone(body);
    for (const { path, variable } of lift ? (table[kind] ?? []) : []) {
      replaceAt(copy, path.split('.'), (value, index) => {
        const name = index === undefined || index === 0 ? variable : `${variable}_${index + 1}`;
        if (name in variables && JSON.stringify(variables[name]) !== JSON.stringify(value)) return undefined;
        variables[name] = value;
        const token = `@@gitmoxi-init:${name}@@`;
        placeholders.set(token, typeof value === 'string' ? `{{ ${name} }}` : `{{ ${name} | tojson }}`);
        return token;
      });
    }
    let text = `${JSON.stringify(copy, null, 2)}\n`;
    for (const [token, template] of placeholders) {
      // A string placeholder stays inside its quotes; a list or map replaces the quoted token entirely.
      text = template.endsWith('| tojson }}') ? text.replaceAll(`"${token}"`, template) : text.replaceAll(token, template);
    }
    texts[kind] = text;
  }
  return { texts, variables };
}

function replaceAt(node: unknown, path: string[], replace: (value: unknown, index?: number) => string | undefined, index?: number): void {
  const [head, ...rest] = path;
  if (head === undefined || node === null || typeof node !== 'object') return;
  if (head === '*') {
    if (Array.isArray(node)) for (const [i, item] of node.entries()) replaceAt(item, rest, replace, i);
    return;
  }
  if (!isRecord(node) || !(head in node)) return;
  const record = node;
  if (rest.length > 0) return replaceAt(record[head], rest, replace, index);
  const token = replace(record[head], index);
  if (token !== undefined) record[head] = token;
}
