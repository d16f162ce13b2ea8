/** Tag limits shared by every taggable ECS resource. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-using-tags.html#tag-restrictions */
import type { Tag } from '@aws-sdk/client-ecs';
import { invalidParameter } from './errors.js';

const MAX_TAGS = 50;

export function validateTags(tags: Tag[]): void {
  for (const tag of tags) {
    if (!tag.key || tag.key.length > 128) throw invalidParameter('Tag keys must be between 1 and 128 characters.');
    if ((tag.value ?? '').length > 256) throw invalidParameter('Tag values must be at most 256 characters.');
    if (tag.key.toLowerCase().startsWith('aws:')) throw invalidParameter("Tag keys beginning with 'aws:' are reserved for AWS use.");
  }
}

/** Merges `added` into `current` (same key: the new value wins) and checks the 50-tag limit. */
export function mergeTags(current: Tag[], added: Tag[]): Tag[] {
  validateTags(added);
  const merged = new Map(current.map((t) => [t.key ?? '', t.value ?? '']));
  for (const tag of added) merged.set(tag.key ?? '', tag.value ?? '');
  const userTags = [...merged.keys()].filter((k) => !k.startsWith('aws:'));
  if (userTags.length > MAX_TAGS) throw invalidParameter(`A resource can have at most ${MAX_TAGS} tags.`);
  return [...merged].map(([key, value]) => ({ key, value }));
}

export function removeTags(current: Tag[], keys: string[]): Tag[] {
  return current.filter((t) => !keys.includes(t.key ?? ''));
}
