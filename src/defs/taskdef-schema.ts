/**
 * `_taskdef.json`: an ECS RegisterTaskDefinition request body (docs/design.md#units). Typed where gitmoxi reads it
 * (family, containers, sizes, roles); the other members of the AWS model pass through; keys outside it are errors.
 */
import { z } from 'zod';
import { awsObject, matching } from './custom-issues.js';
import { tagSchema } from './svcdef-schema.js';

export const registerTaskDefinitionKeys = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'tags',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
  'enableFaultInjection',
] as const;

export const containerDefinitionKeys = [
  'name',
  'image',
  'repositoryCredentials',
  'cpu',
  'memory',
  'memoryReservation',
  'links',
  'portMappings',
  'essential',
  'restartPolicy',
  'entryPoint',
  'command',
  'environment',
  'environmentFiles',
  'mountPoints',
  'volumesFrom',
  'linuxParameters',
  'secrets',
  'dependsOn',
  'startTimeout',
  'stopTimeout',
  'versionConsistency',
  'hostname',
  'user',
  'workingDirectory',
  'disableNetworking',
  'privileged',
  'readonlyRootFilesystem',
  'dnsServers',
  'dnsSearchDomains',
  'extraHosts',
  'dockerSecurityOptions',
  'interactive',
  'pseudoTerminal',
  'dockerLabels',
  'ulimits',
  'logConfiguration',
  'healthCheck',
  'systemControls',
  'resourceRequirements',
  'firelensConfiguration',
  'credentialSpecs',
] as const;

const portMappingSchema = awsObject(
  {
    containerPort: z.number().int().min(0).max(65535).optional(),
    hostPort: z.number().int().min(0).max(65535).optional(),
    protocol: z.enum(['tcp', 'udp']).optional(),
  },
  ['containerPort', 'hostPort', 'protocol', 'name', 'appProtocol', 'containerPortRange'],
);

const keyValuePairSchema = awsObject({ name: z.string().min(1), value: z.string() }, ['name', 'value']);

const containerDefinitionSchema = awsObject(
  {
    name: z.string().min(1),
    image: z.string().min(1),
    cpu: z.number().int().min(0).optional(),
    memory: z.number().int().min(1).optional(),
    memoryReservation: z.number().int().min(1).optional(),
    essential: z.boolean().optional(),
    portMappings: z.array(portMappingSchema).optional(),
    // Values must be strings: ECS refuses `"value": 8080`, a common slip when a template renders a number.
    environment: z.array(keyValuePairSchema).optional(),
  },
  containerDefinitionKeys,
);

/**
 * Task-level cpu and memory are strings in the API ("256", "0.5 vCPU", "1 GB"); repositories often write numbers.
 * Both are accepted and normalised to strings, which is what RegisterTaskDefinition takes.
 */
const taskSizeSchema = z.union([z.string().min(1), z.number().int().positive()]).transform((value) => String(value));

/** Read-only fields of describe-task-definition output, which people paste into a taskdef. */
const describeOutputKeys = [
  'taskDefinitionArn',
  'revision',
  'status',
  'requiresAttributes',
  'compatibilities',
  'registeredAt',
  'registeredBy',
  'deregisteredAt',
];

export const taskdefSchema = awsObject(
  {
    // ECS family names: up to 255 letters, digits, hyphens and underscores.
    family: matching(/^[A-Za-z0-9_-]{1,255}$/, 'up to 255 letters, digits, hyphens and underscores'),
    containerDefinitions: z.array(containerDefinitionSchema).min(1),
    cpu: taskSizeSchema.optional(),
    memory: taskSizeSchema.optional(),
    networkMode: z.enum(['bridge', 'host', 'awsvpc', 'none']).optional(),
    requiresCompatibilities: z.array(z.enum(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'])).optional(),
    executionRoleArn: z.string().min(1).optional(),
    taskRoleArn: z.string().min(1).optional(),
    tags: z.array(tagSchema).max(50).optional(),
  },
  registerTaskDefinitionKeys,
  Object.fromEntries(describeOutputKeys.map((key) => [key, `${key} is an output of describe-task-definition, not part of RegisterTaskDefinition; remove it.`])),
);

export type Taskdef = z.output<typeof taskdefSchema>;
