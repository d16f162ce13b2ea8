/**
 * Read-only pre-flight of an ECS unit against its account: what a deploy needs to exist there, each gap a
 * finding at the field that names the missing or mismatched resource.
 */
import { finding, type RuleFinding } from '../defs/rule.js';
import type { EcsUnitDefinitions } from '../defs/validate.js';
import type { AccountReads } from './account-reads.js';
import { checkAlarms, checkImages, checkRole } from './verify-shared.js';
import { recordOf } from '../is-record.js';

export async function verifyEcsUnit(unit: EcsUnitDefinitions, region: string, reads: AccountReads): Promise<RuleFinding[]> {
  const checks = await Promise.all([
    checkCluster(unit, reads),
    checkTargetGroups(unit, reads),
    checkLogGroups(unit, region, reads),
    checkEcsRoles(unit, reads),
    unit.taskdef
      ? checkImages(
          'taskdef',
          unit.taskdef.containerDefinitions.map((c, i) => [['containerDefinitions', i, 'image'], c.image]),
          reads,
        )
      : [],
    checkAlarms('depdef', unit.depdef.alarmNames, reads),
  ]);
  return checks.flat();
}

async function checkCluster({ svcdef }: EcsUnitDefinitions, reads: AccountReads): Promise<RuleFinding[]> {
  const name = svcdef.cluster ?? 'default';
  const cluster = await reads.cluster(name);
  if (cluster === null || cluster.status !== 'ACTIVE') {
    const state = cluster === null ? 'does not exist' : `is ${cluster.status}`;
    return [finding('svcdef', svcdef.cluster === undefined ? [] : ['cluster'], `cluster '${name}' ${state}`, 'Create the cluster, or name an ACTIVE one.')];
  }
  return (svcdef.capacityProviderStrategy ?? []).flatMap((item, i) =>
    cluster.capacityProviders.includes(item.capacityProvider)
      ? []
      : [
          finding(
            'svcdef',
            ['capacityProviderStrategy', i, 'capacityProvider'],
            `'${item.capacityProvider}' is not a capacity provider of cluster '${name}'`,
            `Associate it with the cluster (PutClusterCapacityProviders) or use one of: ${cluster.capacityProviders.join(', ') || 'none yet'}.`,
          ),
        ],
  );
}

async function checkTargetGroups(unit: EcsUnitDefinitions, reads: AccountReads): Promise<RuleFinding[]> {
  const { svcdef, taskdef } = unit;
  const awsvpc = taskdef?.networkMode === 'awsvpc' || svcdef.networkConfiguration?.awsvpcConfiguration !== undefined;
  const places: [(string | number)[], 'svcdef' | 'depdef', string, string | undefined][] = [];
  (svcdef.loadBalancers ?? []).forEach((lb, i) => {
    if (lb.targetGroupArn !== undefined) places.push([['loadBalancers', i, 'targetGroupArn'], 'svcdef', lb.targetGroupArn, lb.containerName]);
  });
  for (const [p, pair] of unit.depdef.targetGroupArnPairs.entries()) {
    for (const [j, arn] of pair.entries()) places.push([['targetGroupArnPairs', p, j], 'depdef', arn, undefined]);
  }
  const seen = new Set<string>();
  const findings = await Promise.all(
    places
      .filter(([, , arn]) => !seen.has(arn) && seen.add(arn))
      .map(async ([path, kind, arn, containerName]) => {
        const group = await reads.targetGroup(arn);
        if (group === null)
          return [finding(kind, path, `target group ${arn} does not exist`, 'Create it, or fix the ARN (a Terraform output of another environment?).')];
        const problems: RuleFinding[] = [];
        if (group.loadBalancerArns.length === 0) {
          problems.push(
            finding(
              kind,
              path,
              `target group ${arn} is not forwarded to by any listener or rule`,
              'Add a listener or rule that forwards to it; otherwise no traffic reaches the tasks.',
            ),
          );
        }
        if (awsvpc && group.targetType !== 'ip') {
          problems.push(
            finding(
              kind,
              path,
              `target group ${arn} has target type '${group.targetType ?? 'unknown'}'; awsvpc tasks register as 'ip'`,
              'Recreate the target group with TargetType ip.',
            ),
          );
        }
        const container = taskdef?.containerDefinitions.find((c) => c.name === containerName);
        const udp = (container?.portMappings ?? []).some((m) => m.protocol === 'udp');
        if (container && group.protocol !== undefined && (group.protocol === 'UDP') !== udp) {
          problems.push(finding(kind, path, `target group ${arn} speaks ${group.protocol}, container '${container.name}' maps ${udp ? 'udp' : 'tcp'} ports`));
        }
        return problems;
      }),
  );
  return findings.flat();
}

async function checkLogGroups({ taskdef }: EcsUnitDefinitions, region: string, reads: AccountReads): Promise<RuleFinding[]> {
  const findings = await Promise.all(
    (taskdef?.containerDefinitions ?? []).map(async (container, i) => {
      const log = recordOf(container.logConfiguration);
      const options = recordOf(log.options);
      const group = options['awslogs-group'];
      if (log.logDriver !== 'awslogs' || typeof group !== 'string' || options['awslogs-create-group'] === 'true') return [];
      const groupRegion = options['awslogs-region'] ?? region;
      if (groupRegion !== region) return [];
      if (await reads.logGroupExists(group)) return [];
      return [
        finding(
          'taskdef',
          ['containerDefinitions', i, 'logConfiguration', 'options', 'awslogs-group'],
          `log group '${group}' does not exist in ${groupRegion}: the tasks would fail to start (ResourceInitializationError)`,
          'Create the log group, or set "awslogs-create-group": "true" (the execution role then needs logs:CreateLogGroup).',
        ),
      ];
    }),
  );
  return findings.flat();
}

async function checkEcsRoles({ taskdef }: EcsUnitDefinitions, reads: AccountReads): Promise<RuleFinding[]> {
  const roles = (['executionRoleArn', 'taskRoleArn'] as const).flatMap((field) => {
    const arn = taskdef?.[field];
    return arn === undefined ? [] : [checkRole('taskdef', [field], arn, 'ecs-tasks.amazonaws.com', reads)];
  });
  return (await Promise.all(roles)).flat();
}
