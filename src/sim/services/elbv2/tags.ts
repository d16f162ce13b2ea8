/** Tags on load balancers, target groups, listeners and rules (AddTags, DescribeTags, RemoveTags). */
import type { Tag } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Input } from '../../coerce.js';
import { duplicateTagKeys, tooManyTags, validationError } from './errors.js';
import type { Elbv2State } from './state.js';

/** "You can add up to 50 tags to each resource" (ELBv2 quotas: tags per load balancer / target group). */
const maxTagsPerResource = 50;
/** DescribeTags: "You can specify up to 20 resources in a single call." */
export const maxDescribeTagsResources = 20;

export interface TagInput {
  key: string;
  value: string;
}

/** Checks tag keys and values as AddTags and the Create* operations do. */
export function checkTags(tags: TagInput[]): void {
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    if (key.length < 1 || key.length > 128) throw validationError(`Tag key '${key}' must be 1 to 128 characters long`);
    if (value.length > 256) throw validationError(`The value of tag '${key}' cannot be longer than 256 characters`);
    // The aws: prefix is reserved for tags AWS itself sets.
    if (key.toLowerCase().startsWith('aws:')) throw validationError(`Tag keys cannot start with 'aws:' ('${key}')`);
    if (seen.has(key)) throw duplicateTagKeys(key);
    seen.add(key);
  }
}

export function addTags(state: Elbv2State, arns: string[], tags: TagInput[]): void {
  checkTags(tags);
  for (const arn of arns) {
    const current = new Map(state.tags.get(arn) ?? []);
    for (const { key, value } of tags) current.set(key, value);
    if (current.size > maxTagsPerResource) throw tooManyTags();
  }
  for (const arn of arns) {
    const current = state.tags.get(arn) ?? new Map<string, string>();
    for (const { key, value } of tags) current.set(key, value);
    state.tags.set(arn, current);
  }
}

export function removeTags(state: Elbv2State, arns: string[], keys: string[]): void {
  for (const arn of arns) {
    const current = state.tags.get(arn);
    for (const key of keys) current?.delete(key);
  }
}

export function tagsOf(state: Elbv2State, arn: string): Tag[] {
  return [...(state.tags.get(arn) ?? new Map<string, string>())].map(([Key, Value]) => ({ Key, Value }));
}

/** Decodes the SDK's Tag list from a request, tolerating a missing Value (AWS stores it as empty). */
export function tagInputs(tags: Input[]): TagInput[] {
  return tags.map((tag, index) => {
    if (typeof tag.Key !== 'string') throw validationError(`Tags.member.${index + 1}.Key must be specified`);
    return { key: tag.Key, value: tag.Value === undefined || tag.Value === null ? '' : String(tag.Value) };
  });
}
