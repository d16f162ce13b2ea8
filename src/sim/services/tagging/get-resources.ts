/**
 * GetResources: the tagged resources of the Region, filtered by resource type and tags, or looked up by ARN,
 * with their tags. https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
 */
import type { GetResourcesOutput, ResourceTagMapping } from '@aws-sdk/client-resource-groups-tagging-api';
import {
  asInput,
  optionalBoolean,
  optionalInteger,
  optionalList,
  optionalString,
  optionalStringList,
  tokenMember,
  type Input,
  type InvalidMember,
} from '../../coerce.js';
import type { OperationHandler } from '../../types.js';
import { invalidParameter } from './errors.js';
import { taggedResources, type TaggedResource } from './tagged-resources.js';

/** AWS documents 1–100 and no default; 50 keeps a page the size callers usually ask for. */
const DEFAULT_RESOURCES_PER_PAGE = 50;
const MAX_RESOURCES_PER_PAGE = 100;
const MAX_ARNS = 100;
const MAX_TAG_FILTERS = 50;
const MAX_FILTER_VALUES = 20;
const MAX_TYPE_FILTERS = 100;

interface TagFilter {
  key: string;
  /** Empty: the key with any value. */
  values: string[];
}

const invalid: InvalidMember = (member, value, expected) => invalidParameter(`${member} must be ${expected}, got ${JSON.stringify(value)}.`);

export const getResources: OperationHandler = (input: Input, ctx): GetResourcesOutput => {
  const all = taggedResources(ctx.world, ctx.account, ctx.region);
  const arns = optionalStringList(input, 'ResourceARNList', invalid);
  if (arns !== undefined) return byArn(input, arns, all);
  const types = resourceTypeFilters(input);
  const filters = tagFilters(input);
  checkCompliance(input);
  const matching = all.filter((r) => (types.length === 0 || types.some((t) => typeMatches(t, r.type))) && filters.every((f) => tagMatches(f, r.tags)));
  return page(matching, input);
};

/** ARNs are a lookup, not a query: nothing else may narrow or page it, and unknown ARNs are simply left out. */
function byArn(input: Input, arns: string[], all: TaggedResource[]): GetResourcesOutput {
  const clash = ['TagFilters', 'ResourceTypeFilters', 'ResourcesPerPage', 'TagsPerPage', 'PaginationToken'].find(
    (member) => input[member] !== undefined && input[member] !== '',
  );
  if (clash !== undefined) throw invalidParameter(`ResourceARNList cannot be specified together with ${clash}.`);
  if (arns.length < 1 || arns.length > MAX_ARNS) throw invalidParameter(`ResourceARNList must contain between 1 and ${MAX_ARNS} ARNs.`);
  const byArn = new Map(all.map((r) => [r.arn, r]));
  const found = [...new Set(arns)].flatMap((arn) => {
    const resource = byArn.get(arn);
    return resource === undefined ? [] : [mapping(resource, input)];
  });
  return { ResourceTagMappingList: found, PaginationToken: '' };
}

function resourceTypeFilters(input: Input): string[] {
  const types = optionalStringList(input, 'ResourceTypeFilters', invalid) ?? [];
  if (types.length > MAX_TYPE_FILTERS) throw invalidParameter(`ResourceTypeFilters can contain at most ${MAX_TYPE_FILTERS} items.`);
  for (const type of types) {
    if (!/^[a-z0-9-]+(:[A-Za-z0-9-]+)?$/.test(type))
      throw invalidParameter(`Invalid resource type filter: ${JSON.stringify(type)}. Use service or service:resourceType.`);
  }
  return types;
}

/** `ecs` matches every ECS resource; `ecs:service` only services. */
function typeMatches(filter: string, type: string): boolean {
  return filter.includes(':') ? filter === type : type.startsWith(`${filter}:`);
}

function tagFilters(input: Input): TagFilter[] {
  const list = optionalList(input, 'TagFilters', invalid) ?? [];
  if (list.length > MAX_TAG_FILTERS) throw invalidParameter(`TagFilters can contain at most ${MAX_TAG_FILTERS} filters.`);
  return list.map((item, index) => {
    const filter = asInput(item, `TagFilters[${index}]`, invalid);
    const key = optionalString(filter, 'Key', invalid);
    if (key === undefined || key.length < 1 || key.length > 128) throw invalidParameter(`TagFilters[${index}].Key must be between 1 and 128 characters.`);
    const values = optionalStringList(filter, 'Values', invalid) ?? [];
    if (values.length > MAX_FILTER_VALUES) throw invalidParameter(`TagFilters[${index}].Values can contain at most ${MAX_FILTER_VALUES} values.`);
    return { key, values };
  });
}

function tagMatches(filter: TagFilter, tags: Record<string, string>): boolean {
  const value = tags[filter.key];
  if (value === undefined) return false;
  return filter.values.length === 0 || filter.values.includes(value);
}

function checkCompliance(input: Input): void {
  const exclude = optionalBoolean(input, 'ExcludeCompliantResources', invalid) ?? false;
  const include = optionalBoolean(input, 'IncludeComplianceDetails', invalid) ?? false;
  if (exclude && !include) throw invalidParameter('ExcludeCompliantResources can be used only when IncludeComplianceDetails is true.');
}

function page(resources: TaggedResource[], input: Input): GetResourcesOutput {
  const size = optionalInteger(input, 'ResourcesPerPage', invalid) ?? DEFAULT_RESOURCES_PER_PAGE;
  if (size < 1 || size > MAX_RESOURCES_PER_PAGE) throw invalidParameter(`ResourcesPerPage must be between 1 and ${MAX_RESOURCES_PER_PAGE}.`);
  const tagsPerPage = optionalInteger(input, 'TagsPerPage', invalid);
  if (tagsPerPage !== undefined && (tagsPerPage < 100 || tagsPerPage > 500)) throw invalidParameter('TagsPerPage must be between 100 and 500.');
  const token = optionalString(input, 'PaginationToken', invalid) ?? '';
  const after = token === '' ? undefined : decodeToken(token);
  const start = after === undefined ? 0 : resources.findIndex((r) => r.arn > after);
  const rest = start < 0 ? [] : resources.slice(start);
  const items = rest.slice(0, size);
  const last = items[items.length - 1];
  // AWS ends the last page with an empty token, not an absent one.
  const next = rest.length > size && last !== undefined ? encodeToken(last.arn) : '';
  return { ResourceTagMappingList: items.map((r) => mapping(r, input)), PaginationToken: next };
}

function mapping(resource: TaggedResource, input: Input): ResourceTagMapping {
  const result: ResourceTagMapping = {
    ResourceARN: resource.arn,
    Tags: Object.entries(resource.tags).map(([Key, Value]) => ({ Key, Value })),
  };
  // No tag policies in the simulator: every resource complies.
  if (input.IncludeComplianceDetails === true || input.IncludeComplianceDetails === 'true') {
    result.ComplianceDetails = { ComplianceStatus: true, NoncompliantKeys: [], KeysWithNoncompliantValues: [] };
  }
  return result;
}

/** The token names the last ARN served, so that resources created or deleted between pages shift nothing. */
function encodeToken(lastArn: string): string {
  return Buffer.from(JSON.stringify({ after: lastArn }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  const after = tokenMember(token, 'base64url', 'after');
  if (typeof after === 'string') return after;
  // the same error as for any token the service did not issue
  throw invalidParameter('The specified pagination token is not valid.');
}
