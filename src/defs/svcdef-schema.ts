/**
 * `_svcdef.json`: an ECS CreateService request body (docs/design.md#units). Only the fields gitmoxi relies on are
 * typed; the other members of the AWS model pass through untouched, and keys outside the model are errors (see
 * awsObject for why). Member names and bounds follow the ECS API model (2014-11-13).
 */
import { z } from 'zod';
import { awsObject, matching } from './custom-issues.js';

/** CreateServiceRequest members in the ECS model. */
export const createServiceKeys = [
  'cluster',
  'serviceName',
  'taskDefinition',
  'availabilityZoneRebalancing',
  'loadBalancers',
  'serviceRegistries',
  'desiredCount',
  'clientToken',
  'launchType',
  'capacityProviderStrategy',
  'platformVersion',
  'role',
  'deploymentConfiguration',
  'placementConstraints',
  'placementStrategy',
  'networkConfiguration',
  'healthCheckGracePeriodSeconds',
  'schedulingStrategy',
  'deploymentController',
  'tags',
  'enableECSManagedTags',
  'propagateTags',
  'enableExecuteCommand',
  'serviceConnectConfiguration',
  'volumeConfigurations',
  'vpcLatticeConfigurations',
  'monitoring',
  'gatewayConnectors',
] as const;

const deploymentControllerTypes = ['ECS', 'EXTERNAL', 'CODE_DEPLOY'] as const;

export const capacityProviderStrategyItemSchema = awsObject(
  {
    capacityProvider: z.string().min(1),
    weight: z.number().int().min(0).max(1000).optional(),
    base: z.number().int().min(0).max(100000).optional(),
  },
  ['capacityProvider', 'weight', 'base'],
);

export type CapacityProviderStrategyItem = z.output<typeof capacityProviderStrategyItemSchema>;

export const tagSchema = awsObject({ key: z.string().min(1).max(128), value: z.string().max(256) }, ['key', 'value']);

const loadBalancerSchema = awsObject(
  {
    targetGroupArn: z.string().min(1).optional(),
    loadBalancerName: z.string().min(1).optional(),
    containerName: z.string().min(1),
    containerPort: z.number().int().min(0).max(65535),
  },
  ['targetGroupArn', 'loadBalancerName', 'containerName', 'containerPort', 'advancedConfiguration'],
).check((ctx) => {
  if (ctx.value.targetGroupArn !== undefined || ctx.value.loadBalancerName !== undefined) return;
  ctx.issues.push({
    code: 'custom',
    input: ctx.value,
    message: 'needs targetGroupArn (or loadBalancerName for a Classic Load Balancer)',
  });
});

const awsvpcConfigurationSchema = awsObject(
  {
    // ECS allows up to 16 subnets and 5 security groups per awsvpcConfiguration.
    subnets: z.array(z.string().min(1)).min(1).max(16),
    securityGroups: z.array(z.string().min(1)).max(5).optional(),
    assignPublicIp: z.enum(['ENABLED', 'DISABLED']).optional(),
  },
  ['subnets', 'securityGroups', 'assignPublicIp'],
);

const deploymentConfigurationSchema = awsObject(
  {
    deploymentCircuitBreaker: awsObject({ enable: z.boolean(), rollback: z.boolean() }, ['enable', 'rollback']).optional(),
    maximumPercent: z.number().int().min(0).optional(),
    minimumHealthyPercent: z.number().int().min(0).optional(),
    strategy: z.enum(['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY']).optional(),
  },
  [
    'deploymentCircuitBreaker',
    'maximumPercent',
    'minimumHealthyPercent',
    'alarms',
    'strategy',
    'bakeTimeInMinutes',
    'lifecycleHooks',
    'linearConfiguration',
    'canaryConfiguration',
    'earlySuccessCriteria',
  ],
);

export const svcdefSchema = awsObject(
  {
    // ECS service names: up to 255 letters, digits, hyphens and underscores.
    serviceName: matching(/^[A-Za-z0-9_-]{1,255}$/, 'up to 255 letters, digits, hyphens and underscores'),
    cluster: z.string().min(1).optional(),
    taskDefinition: z.string().min(1).optional(),
    desiredCount: z.number().int().min(0).optional(),
    launchType: z.enum(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES']).optional(),
    capacityProviderStrategy: z.array(capacityProviderStrategyItemSchema).optional(),
    platformVersion: z.string().min(1).optional(),
    loadBalancers: z.array(loadBalancerSchema).optional(),
    networkConfiguration: awsObject({ awsvpcConfiguration: awsvpcConfigurationSchema.optional() }, ['awsvpcConfiguration']).optional(),
    deploymentController: awsObject({ type: z.enum(deploymentControllerTypes) }, ['type']).optional(),
    deploymentConfiguration: deploymentConfigurationSchema.optional(),
    tags: z.array(tagSchema).max(50).optional(),
  },
  createServiceKeys,
  {
    // Read-only fields of describe-services output, which people paste into a svcdef.
    serviceArn: 'serviceArn is an output of describe-services, not part of CreateService; remove it.',
    status: 'status is an output of describe-services, not part of CreateService; remove it.',
    runningCount: 'runningCount is an output of describe-services, not part of CreateService; remove it.',
    pendingCount: 'pendingCount is an output of describe-services, not part of CreateService; remove it.',
    deployments: 'deployments is an output of describe-services, not part of CreateService; remove it.',
    events: 'events is an output of describe-services, not part of CreateService; remove it.',
  },
);

export type Svcdef = z.output<typeof svcdefSchema>;
