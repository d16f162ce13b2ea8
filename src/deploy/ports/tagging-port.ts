/** Resource tags, and the Resource Groups Tagging API that reads many resources' tags in few calls. */

export type Tags = Record<string, string>;

/** An ECS service or a Lambda function whose tags are wanted, named the way a unit's identity names it. */
export type TaggedResourceRef = { platform: 'ecs'; cluster: string; serviceName: string } | { platform: 'lambda'; functionName: string };

/** What the tagging index lists for one resource. */
export interface IndexedTags {
  resourceArn: string;
  tags: Tags;
}

/** The Resource Groups Tagging API: the tags of many resources in few calls. */
export interface TaggingPort {
  /**
   * GetResources with ResourceARNList, 100 ARNs a call, the calls in parallel (the ARNs need the account: STS
   * GetCallerIdentity, asked once). Answers in the order asked, null for a resource the index does not list. The
   * index follows ECS and Lambda by seconds to minutes: an answer is a hint to confirm, never the resource's state.
   */
  resourceTags(resources: readonly TaggedResourceRef[]): Promise<(IndexedTags | null)[]>;
  /**
   * GetResources with TagFilters `gitmoxi:unit` = `unit` and ResourceTypeFilters ecs:service and lambda:function,
   * every page: the services and functions a unit's tags claim. For a unit whose definitions no longer say what it
   * ran as; the index may lag behind a resource created minutes ago.
   */
  unitResources(unit: string): Promise<UnitResource[]>;
  /**
   * The same for every unit (the key with any value): where `status` finds a unit's service left in a cluster no
   * defined unit names any more. Optional: without it only the known clusters are searched.
   */
  allUnitResources?(): Promise<UnitResource[]>;
}

/** A service or function found by its `gitmoxi:unit` tag, named the way a unit's identity names it. */
export type UnitResource = TaggedResourceRef & IndexedTags;
