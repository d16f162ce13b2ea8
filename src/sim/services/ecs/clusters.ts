/** Clusters: CreateCluster (idempotent by name), DescribeClusters, and name-or-ARN resolution. */
import type { Cluster, CreateClusterRequest } from '@aws-sdk/client-ecs';
import { ecsArn, lastSegment, type ArnScope } from './arns.js';
import { clusterNotFound, invalidParameter } from './errors.js';
import { strategyProblem } from './placement.js';
import type { ClusterRecord } from './records.js';

const DEFAULT_CLUSTER = 'default';

export function clusterName(reference: string | undefined): string {
  return reference === undefined || reference === '' ? DEFAULT_CLUSTER : lastSegment(reference);
}

export class ClusterStore {
  readonly byName = new Map<string, ClusterRecord>();

  constructor(private readonly scope: ArnScope) {}

  /** CreateCluster: an ACTIVE cluster of that name is returned as it is, as ECS does. */
  create(input: CreateClusterRequest, now: number): ClusterRecord {
    const name = input.clusterName ?? DEFAULT_CLUSTER;
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
      throw invalidParameter('Cluster name can only contain letters, numbers, hyphens and underscores, up to 255 characters.');
    }
    const existing = this.byName.get(name);
    if (existing?.status === 'ACTIVE') return existing;
    const strategy = input.defaultCapacityProviderStrategy ?? [];
    const problem = strategy.length > 0 ? strategyProblem(strategy) : undefined;
    if (problem) throw invalidParameter(problem);
    const record: ClusterRecord = {
      arn: ecsArn(this.scope, `cluster/${name}`),
      name,
      status: 'ACTIVE',
      tags: [...(input.tags ?? [])],
      settings: (input.settings ?? []).map((s) => ({ ...s })),
      capacityProviders: input.capacityProviders ?? [],
      defaultCapacityProviderStrategy: strategy,
      createdAt: now,
    };
    this.byName.set(name, record);
    return record;
  }

  find(reference: string | undefined): ClusterRecord | undefined {
    const record = this.byName.get(clusterName(reference));
    return record?.status === 'ACTIVE' ? record : undefined;
  }

  /** The ACTIVE cluster named by `reference` (default: `default`), or ClusterNotFoundException. */
  get(reference: string | undefined): ClusterRecord {
    const record = this.find(reference);
    if (!record) throw clusterNotFound();
    return record;
  }

  all(): ClusterRecord[] {
    return [...this.byName.values()];
  }
}

export interface ClusterCounts {
  runningTasksCount: number;
  pendingTasksCount: number;
  activeServicesCount: number;
}

export function toClusterOutput(record: ClusterRecord, counts: ClusterCounts, include: readonly string[]): Cluster {
  const output: Cluster = {
    clusterArn: record.arn,
    clusterName: record.name,
    status: record.status,
    registeredContainerInstancesCount: 0,
    ...counts,
    statistics: [],
    capacityProviders: record.capacityProviders,
    defaultCapacityProviderStrategy: record.defaultCapacityProviderStrategy,
  };
  if (include.includes('TAGS')) output.tags = record.tags.map((t) => ({ ...t }));
  if (include.includes('SETTINGS')) output.settings = record.settings.map((s) => ({ ...s }));
  return output;
}
