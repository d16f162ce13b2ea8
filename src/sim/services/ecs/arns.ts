/**
 * ECS resource identifiers. The simulator always uses the long ARN format (cluster name inside service and
 * task ARNs), which every account created since 2021 has by default.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-account-settings.html#ecs-resource-ids
 */
import { randomBytes, randomUUID } from 'node:crypto';

export interface ArnScope {
  account: string;
  region: string;
}

function partition(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function ecsArn(scope: ArnScope, resource: string): string {
  return `arn:${partition(scope.region)}:ecs:${scope.region}:${scope.account}:${resource}`;
}

export function isArn(value: string): boolean {
  return value.startsWith('arn:');
}

/** The resource part of an ECS ARN (`service/cluster/name`), or undefined when `value` is not an ECS ARN. */
export function arnResource(value: string): string | undefined {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'ecs') return undefined;
  return parts.slice(5).join(':');
}

/** The last path segment of a name-or-ARN (`arn:…:cluster/prod` and `prod` both give `prod`). */
export function lastSegment(nameOrArn: string): string {
  const resource = isArn(nameOrArn) ? (arnResource(nameOrArn) ?? nameOrArn) : nameOrArn;
  const parts = resource.split('/');
  return parts[parts.length - 1] ?? resource;
}

/** A 32-hex-digit task id, as Fargate tasks have. */
export function newTaskId(): string {
  return randomBytes(16).toString('hex');
}

/** `ecs-svc/` and 19 digits: the id format of service deployments and task sets. */
export function newDeploymentId(): string {
  const digits = Array.from(randomBytes(19), (b) => String(b % 10)).join('');
  return `ecs-svc/${digits.replace(/^0/, '1')}`;
}

export function newUuid(): string {
  return randomUUID();
}

export function newEniId(): string {
  return `eni-${randomBytes(8).toString('hex').slice(0, 17)}`;
}

export function newMacAddress(): string {
  return Array.from(randomBytes(6), (b, i) => (i === 0 ? (b & 0xfe) | 0x02 : b).toString(16).padStart(2, '0')).join(':');
}
