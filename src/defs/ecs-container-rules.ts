/**
 * ECS rules about task size and containers that RegisterTaskDefinition would refuse anyway: Fargate's cpu/memory
 * pairs, host ports under awsvpc, log driver names. Checked here so a deploy never reaches AWS with them.
 */
import { fargateCpuSizes, fargateMemoryFor, taskCpuUnits, taskMemoryMiB } from './fargate-sizes.js';
import { finding, type EcsRuleInput, type Rule, type RuleFinding } from './rule.js';
import type { Svcdef } from './svcdef-schema.js';
import type { Taskdef } from './taskdef-schema.js';
import { recordOf } from '../is-record.js';

type EcsRule = Rule<EcsRuleInput>;

/** The `LogDriver` enum of the ECS API model (2014-11-13). */
const logDrivers: readonly string[] = ['json-file', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'awsfirelens'];
/** Fargate runs only these (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html). */
const fargateLogDrivers: readonly string[] = ['awslogs', 'splunk', 'awsfirelens'];

function onFargate(svcdef: Svcdef, taskdef: Taskdef): boolean {
  return (
    svcdef.launchType === 'FARGATE' ||
    svcdef.capacityProviderStrategy?.some((item) => item.capacityProvider.startsWith('FARGATE')) === true ||
    taskdef.requiresCompatibilities?.includes('FARGATE') === true
  );
}

export const fargateSizePair: EcsRule = {
  name: 'fargate-size-pair',
  reads: ['taskdef'],
  check: ({ svcdef, taskdef }) => {
    if (taskdef?.cpu === undefined || taskdef.memory === undefined || !onFargate(svcdef, taskdef)) return [];
    const cpu = taskCpuUnits(taskdef.cpu);
    const allowed = cpu === undefined ? undefined : fargateMemoryFor(cpu);
    if (allowed === undefined) {
      return [finding('taskdef', ['cpu'], `'${taskdef.cpu}' is not a Fargate task size`, `Use one of ${fargateCpuSizes.join(', ')} (CPU units).`)];
    }
    const memory = taskMemoryMiB(taskdef.memory);
    if (memory !== undefined && allowed.includes(memory)) return [];
    const low = allowed[0] ?? 0;
    const high = allowed[allowed.length - 1] ?? 0;
    return [
      finding(
        'taskdef',
        ['memory'],
        `'${taskdef.memory}' is not a Fargate memory size for cpu '${taskdef.cpu}'`,
        `With cpu ${cpu}, memory must be one of ${allowed.length <= 4 ? allowed.join(', ') : `${low} to ${high} in steps of ${(allowed[1] ?? high) - low}`} (MiB).`,
      ),
    ];
  },
};

export const awsvpcHostPorts: EcsRule = {
  name: 'awsvpc-host-ports',
  reads: ['taskdef'],
  check: ({ svcdef, taskdef }) => {
    if (taskdef === undefined || (taskdef.networkMode !== 'awsvpc' && !onFargate(svcdef, taskdef))) return [];
    const findings: RuleFinding[] = [];
    taskdef.containerDefinitions.forEach((container, c) => {
      (container.portMappings ?? []).forEach((mapping, m) => {
        if (mapping.hostPort === undefined || mapping.containerPort === undefined || mapping.hostPort === mapping.containerPort) return;
        findings.push(
          finding(
            'taskdef',
            ['containerDefinitions', c, 'portMappings', m, 'hostPort'],
            `${mapping.hostPort} differs from containerPort ${mapping.containerPort}: under awsvpc they must match`,
            `Remove hostPort, or set it to ${mapping.containerPort}.`,
          ),
        );
      });
    });
    return findings;
  },
};

export const knownLogDriver: EcsRule = {
  name: 'known-log-driver',
  reads: ['taskdef'],
  check: ({ svcdef, taskdef }) => {
    if (taskdef === undefined) return [];
    const fargate = onFargate(svcdef, taskdef);
    return taskdef.containerDefinitions.flatMap((container, c) => {
      const driver = recordOf(container.logConfiguration).logDriver;
      if (typeof driver !== 'string') return [];
      const path = ['containerDefinitions', c, 'logConfiguration', 'logDriver'];
      if (!logDrivers.includes(driver)) {
        return [finding('taskdef', path, `'${driver}' is not an ECS log driver`, `Use one of ${logDrivers.join(', ')}.`)];
      }
      if (fargate && !fargateLogDrivers.includes(driver)) {
        return [finding('taskdef', path, `'${driver}' does not run on Fargate`, `Use ${fargateLogDrivers.join(', ')}.`)];
      }
      return [];
    });
  },
};

export const ecsContainerRules: readonly EcsRule[] = [fargateSizePair, awsvpcHostPorts, knownLogDriver];
