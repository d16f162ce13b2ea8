/**
 * TaggingPort over @aws-sdk/client-resource-groups-tagging-api. IAM action used: tag:GetResources (plus the
 * sts:GetCallerIdentity every caller may make). The services' own tag reads (DescribeServices, GetFunction) still
 * need their own actions: without tag:GetResources, callers read every resource directly.
 */
import { GetResourcesCommand, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { IndexedTags, TaggedResourceRef, TaggingPort, Tags, UnitResource } from '../deploy/ports/tagging-port.js';
import { tagKeys } from '../deploy/tags.js';
import { callAws } from './call-aws.js';

/** ResourceARNList takes at most 100 ARNs (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html). */
const GET_RESOURCES_MAX_ARNS = 100;

export class TaggingAdapter implements TaggingPort {
  constructor(
    private readonly tagging: ResourceGroupsTaggingAPIClient,
    private readonly region: string,
    private readonly account: () => Promise<string>,
  ) {}

  /**
   * Looks the resources up by ARN rather than paging through every resource tagged `gitmoxi:unit`: the account
   * may hold other repositories' units, and ARN batches need no page token, so they go out in parallel.
   */
  async resourceTags(resources: readonly TaggedResourceRef[]): Promise<(IndexedTags | null)[]> {
    if (resources.length === 0) return [];
    const account = await this.account();
    const arns = resources.map((resource) => resourceArn(resource, partitionOf(this.region), this.region, account));
    const batches: string[][] = [];
    for (let start = 0; start < arns.length; start += GET_RESOURCES_MAX_ARNS) batches.push([...new Set(arns.slice(start, start + GET_RESOURCES_MAX_ARNS))]);
    const found = new Map<string, Tags>();
    for (const listed of await Promise.all(batches.map((batch) => this.lookUp(batch)))) for (const [arn, tags] of listed) found.set(arn, tags);
    return arns.map((arn) => {
      const tags = found.get(arn);
      return tags === undefined ? null : { resourceArn: arn, tags };
    });
  }

  unitResources(unit: string): Promise<UnitResource[]> {
    return this.pageUnitResources([unit]);
  }

  /** Every unit's resources in the Region: where status looks for a unit's service left in another cluster. */
  allUnitResources(): Promise<UnitResource[]> {
    return this.pageUnitResources([]);
  }

  /** GetResources by the `gitmoxi:unit` tag (these values, or any when none), every page. */
  private async pageUnitResources(values: string[]): Promise<UnitResource[]> {
    const found: UnitResource[] = [];
    let token: string | undefined;
    do {
      const output = await callAws('Resource Groups Tagging API GetResources', () =>
        this.tagging.send(
          new GetResourcesCommand({
            TagFilters: [{ Key: tagKeys.unit, ...(values.length > 0 ? { Values: values } : {}) }],
            ResourceTypeFilters: ['ecs:service', 'lambda:function'],
            ...(token ? { PaginationToken: token } : {}),
          }),
        ),
      );
      for (const mapping of output.ResourceTagMappingList ?? []) {
        const arn = mapping.ResourceARN;
        const ref = arn === undefined ? null : resourceRefOf(arn);
        if (arn === undefined || ref === null) continue;
        found.push({ ...ref, resourceArn: arn, tags: Object.fromEntries((mapping.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])) });
      }
      token = output.PaginationToken || undefined;
    } while (token !== undefined);
    return found;
  }

  private async lookUp(arns: string[]): Promise<Map<string, Tags>> {
    const output = await callAws('Resource Groups Tagging API GetResources', () => this.tagging.send(new GetResourcesCommand({ ResourceARNList: arns })));
    const listed = new Map<string, Tags>();
    for (const mapping of output.ResourceTagMappingList ?? []) {
      if (mapping.ResourceARN === undefined) continue;
      listed.set(mapping.ResourceARN, Object.fromEntries((mapping.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])));
    }
    return listed;
  }
}

/** An ECS service ARN (long format) or an unqualified Lambda function ARN → the resource it names; else null. */
function resourceRefOf(arn: string): TaggedResourceRef | null {
  const ecs = /^arn:[^:]+:ecs:[^:]*:[^:]*:service\/([^/]+)\/([^/]+)$/.exec(arn);
  if (ecs?.[1] !== undefined && ecs[2] !== undefined) return { platform: 'ecs', cluster: ecs[1], serviceName: ecs[2] };
  const lambda = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)$/.exec(arn);
  if (lambda?.[1] !== undefined) return { platform: 'lambda', functionName: lambda[1] };
  return null;
}

/**
 * The partition a Region belongs to, for building ARNs. A Region this does not know is taken as `aws`: the
 * worst a wrong guess does is an index that lists nothing, and callers then read the resources directly.
 */
export function partitionOf(region: string): string {
  const prefixes: [string, string][] = [
    ['cn-', 'aws-cn'],
    ['us-gov-', 'aws-us-gov'],
    ['us-isob-', 'aws-iso-b'],
    ['us-isof-', 'aws-iso-f'],
    ['us-iso-', 'aws-iso'],
    ['eu-isoe-', 'aws-iso-e'],
  ];
  return prefixes.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

/**
 * The ARN the resource has: ECS services in the long format (`service/CLUSTER/NAME`, the only one the tagging
 * API covers), Lambda functions unqualified. A name given as an ARN is kept as it is.
 */
export function resourceArn(resource: TaggedResourceRef, partition: string, region: string, account: string): string {
  if (resource.platform === 'ecs') {
    const cluster = resource.cluster.startsWith('arn:') ? resource.cluster.slice(resource.cluster.lastIndexOf('/') + 1) : resource.cluster;
    return `arn:${partition}:ecs:${region}:${account}:service/${cluster}/${resource.serviceName}`;
  }
  const name = resource.functionName;
  if (name.startsWith('arn:')) return name.split(':').slice(0, 7).join(':');
  return `arn:${partition}:lambda:${region}:${account}:function:${name}`;
}
