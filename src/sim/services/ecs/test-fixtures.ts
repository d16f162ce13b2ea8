/** Request bodies the ECS tests share: a Fargate web task definition and services that run it. */
import { TEST_TARGET_GROUP, type EcsTestWorld } from './test-world.js';

export const NETWORK = {
  awsvpcConfiguration: { subnets: ['subnet-aaa', 'subnet-bbb'], securityGroups: ['sg-123'], assignPublicIp: 'DISABLED' },
};

export function webTaskDefinition(image = 'nginx:1.25', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    family: 'web',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    containerDefinitions: [
      {
        name: 'web',
        image,
        portMappings: [{ containerPort: 80 }],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' } },
      },
    ],
    ...extra,
  };
}

export function rollingService(taskDefinition: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cluster: 'prod',
    serviceName: 'web',
    taskDefinition,
    desiredCount: 2,
    launchType: 'FARGATE',
    networkConfiguration: NETWORK,
    loadBalancers: [{ targetGroupArn: TEST_TARGET_GROUP, containerName: 'web', containerPort: 80 }],
    ...extra,
  };
}

/** Creates cluster `prod` and registers `web` revisions for the given images; returns their ARNs. */
export function setUpCluster(t: EcsTestWorld, images: string[] = ['nginx:1.25']): string[] {
  t.call('CreateCluster', { clusterName: 'prod' });
  return images.map((image) => {
    const out = t.call<{ taskDefinition: { taskDefinitionArn: string } }>('RegisterTaskDefinition', webTaskDefinition(image));
    return out.taskDefinition.taskDefinitionArn;
  });
}

interface DescribedService {
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  taskDefinition?: string;
  deployments: {
    id: string;
    status: string;
    taskDefinition: string;
    rolloutState: string;
    rolloutStateReason: string;
    failedTasks: number;
    runningCount: number;
    desiredCount: number;
  }[];
  taskSets?: {
    id: string;
    taskSetArn: string;
    status: string;
    computedDesiredCount: number;
    runningCount: number;
    pendingCount: number;
    stabilityStatus: string;
  }[];
  events: { message: string }[];
  tags?: { key: string; value: string }[];
}

export function describeService(t: EcsTestWorld, name = 'web', cluster = 'prod'): DescribedService {
  const out = t.call<{ services: DescribedService[] }>('DescribeServices', { cluster, services: [name] });
  const service = out.services[0];
  if (!service) throw new Error(`service ${name} not found`);
  return service;
}

export interface DescribedTask {
  taskArn: string;
  lastStatus: string;
  desiredStatus: string;
  stopCode?: string;
  stoppedReason?: string;
  startedBy?: string;
  group?: string;
  taskDefinitionArn: string;
  capacityProviderName?: string;
  containers: { name: string; lastStatus: string; exitCode?: number; reason?: string }[];
  attachments: { details: { name: string; value: string }[] }[];
}

/** Every task of the service: RUNNING-desired and STOPPED-desired. */
export function serviceTasks(t: EcsTestWorld, name = 'web'): DescribedTask[] {
  const arns = ['RUNNING', 'STOPPED'].flatMap(
    (desiredStatus) => t.call<{ taskArns: string[] }>('ListTasks', { cluster: 'prod', serviceName: name, desiredStatus }).taskArns,
  );
  if (arns.length === 0) return [];
  return t.call<{ tasks: DescribedTask[] }>('DescribeTasks', { cluster: 'prod', tasks: arns }).tasks;
}

export function messages(service: DescribedService): string[] {
  return service.events.map((e) => e.message);
}
