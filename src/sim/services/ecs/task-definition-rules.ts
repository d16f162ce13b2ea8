/**
 * RegisterTaskDefinition's validation and the defaults ECS fills in, as DescribeTaskDefinition shows them.
 * Fargate sizes: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html#fargate-tasks-size
 */
import type { Compatibility, ContainerDefinition, RegisterTaskDefinitionRequest, TaskDefinition } from '@aws-sdk/client-ecs';
import { clientException } from './errors.js';

/** Task CPU units → allowed memory MiB, per the Fargate size table. */
const FARGATE_SIZES: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
]);

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let v = from; v <= to; v += step) values.push(v);
  return values;
}

/** `1024`, `1 vCPU`, `0.25 vcpu` → CPU units; undefined when unreadable. */
function parseTaskCpu(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(vcpu)?\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const amount = Number(match[1]);
  return match[2] ? Math.round(amount * 1024) : amount;
}

/** `2048`, `2 GB`, `2gb` → MiB; undefined when unreadable. */
function parseTaskMemory(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(gb)?\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const amount = Number(match[1]);
  return match[2] ? Math.round(amount * 1024) : amount;
}

function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_SIZES.get(cpu)?.includes(memory) ?? false;
}

/** Throws the ClientException ECS gives for an invalid registration; answers the checked family. */
export function validateTaskDefinition(input: RegisterTaskDefinitionRequest): string {
  if (!input.family) throw clientException('Family should not be null or empty.');
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(input.family)) {
    throw clientException('Family contains invalid characters. Up to 255 letters, numbers, hyphens and underscores are allowed.');
  }
  const containers = input.containerDefinitions ?? [];
  if (containers.length === 0) throw clientException('Container list cannot be empty.');
  validateContainers(containers, input);
  if (input.requiresCompatibilities?.includes('FARGATE')) validateFargate(input);
  return input.family;
}

function validateContainers(containers: ContainerDefinition[], input: RegisterTaskDefinitionRequest): void {
  const names = new Set<string>();
  for (const container of containers) {
    if (!container.name) throw clientException('Container.name should not be null or empty.');
    if (!container.image) throw clientException('Container.image should not be null or empty.');
    if (names.has(container.name)) throw clientException(`Duplicate container name: ${container.name}`);
    names.add(container.name);
    validatePortsAndLogs(container, input);
    if (!input.memory && container.memory === undefined && container.memoryReservation === undefined) {
      throw clientException(`Invalid setting for container '${container.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`);
    }
  }
  if (!containers.some((c) => c.essential !== false)) {
    throw clientException('Invalid setting for container. At least one container must be essential.');
  }
}

/** The `LogDriver` enum of the ECS model. */
const LOG_DRIVERS = ['json-file', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'awsfirelens'];

function validatePortsAndLogs(container: ContainerDefinition, input: RegisterTaskDefinitionRequest): void {
  const awsvpc = input.networkMode === 'awsvpc';
  for (const mapping of container.portMappings ?? []) {
    if (awsvpc && mapping.hostPort !== undefined && mapping.containerPort !== undefined && mapping.hostPort !== mapping.containerPort) {
      throw clientException('When networkMode=awsvpc, the host ports and container ports in port mappings must match.');
    }
  }
  const driver = container.logConfiguration?.logDriver;
  if (driver !== undefined && !LOG_DRIVERS.includes(driver)) {
    throw clientException(`Log driver ${driver} is not supported. Supported log drivers: ${LOG_DRIVERS.join(', ')}.`);
  }
}

function validateFargate(input: RegisterTaskDefinitionRequest): void {
  if (input.networkMode !== 'awsvpc') throw clientException('Fargate only supports network mode \u2018awsvpc\u2019.');
  if (!input.cpu) throw clientException("Fargate requires that 'cpu' be defined at the task level.");
  if (!input.memory) throw clientException("Fargate requires that 'memory' be defined at the task level.");
  const cpu = parseTaskCpu(input.cpu);
  const memory = parseTaskMemory(input.memory);
  if (cpu === undefined || memory === undefined || !isFargateSize(cpu, memory)) {
    throw clientException(
      `No Fargate configuration exists for given values: ${input.cpu} CPU, ${input.memory} memory. See the Amazon ECS documentation for the valid values.`,
    );
  }
  const usesAwslogs = input.containerDefinitions?.some((c) => c.logConfiguration?.logDriver === 'awslogs');
  if (usesAwslogs && !input.executionRoleArn) {
    throw clientException('Fargate requires task definition to have execution role ARN to support log driver awslogs.');
  }
}

/** The registered definition as DescribeTaskDefinition returns it. */
export function completeTaskDefinition(input: RegisterTaskDefinitionRequest, arn: string, revision: number): TaskDefinition {
  const { tags: _tags, ...body } = input;
  const networkMode = input.networkMode;
  const cpu = input.cpu === undefined ? undefined : String(parseTaskCpu(input.cpu) ?? input.cpu);
  const memory = input.memory === undefined ? undefined : String(parseTaskMemory(input.memory) ?? input.memory);
  const definition: TaskDefinition = {
    ...body,
    taskDefinitionArn: arn,
    containerDefinitions: (input.containerDefinitions ?? []).map((c) => completeContainer(c, networkMode)),
    revision,
    volumes: input.volumes ?? [],
    status: 'ACTIVE',
    requiresAttributes: requiredAttributes(input),
    placementConstraints: input.placementConstraints ?? [],
    compatibilities: compatibilities(input, cpu, memory),
    requiresCompatibilities: input.requiresCompatibilities,
  };
  if (cpu !== undefined) definition.cpu = cpu;
  if (memory !== undefined) definition.memory = memory;
  return definition;
}

function completeContainer(container: ContainerDefinition, networkMode: string | undefined): ContainerDefinition {
  return {
    ...container,
    cpu: container.cpu ?? 0,
    essential: container.essential ?? true,
    portMappings: (container.portMappings ?? []).map((mapping) => ({
      ...mapping,
      // awsvpc: the host port is the container port (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html)
      hostPort: mapping.hostPort ?? (networkMode === 'awsvpc' ? mapping.containerPort : undefined),
      protocol: mapping.protocol ?? 'tcp',
    })),
    environment: container.environment ?? [],
    mountPoints: container.mountPoints ?? [],
    volumesFrom: container.volumesFrom ?? [],
    systemControls: container.systemControls ?? [],
  };
}

function compatibilities(input: RegisterTaskDefinitionRequest, cpu?: string, memory?: string): Compatibility[] {
  const result: Compatibility[] = ['EC2'];
  const sized = cpu !== undefined && memory !== undefined && isFargateSize(Number(cpu), Number(memory));
  if (input.networkMode === 'awsvpc' && sized) result.push('FARGATE');
  return result;
}

function requiredAttributes(input: RegisterTaskDefinitionRequest): { name: string }[] {
  const names = new Set<string>(['com.amazonaws.ecs.capability.docker-remote-api.1.18']);
  const containers = input.containerDefinitions ?? [];
  if (input.networkMode === 'awsvpc') names.add('ecs.capability.task-eni');
  if (input.taskRoleArn) names.add('com.amazonaws.ecs.capability.task-iam-role');
  if (containers.some((c) => c.logConfiguration?.logDriver === 'awslogs')) {
    names.add('com.amazonaws.ecs.capability.logging-driver.awslogs');
    names.add('com.amazonaws.ecs.capability.docker-remote-api.1.19');
    if (input.executionRoleArn) names.add('ecs.capability.execution-role-awslogs');
  }
  if (containers.some((c) => c.healthCheck)) {
    names.add('ecs.capability.container-health-check');
    names.add('com.amazonaws.ecs.capability.docker-remote-api.1.24');
  }
  if (containers.some((c) => c.secrets?.length)) names.add('ecs.capability.secrets.asm.environment-variables');
  return [...names].map((name) => ({ name }));
}
