/**
 * Tags on functions and event source mappings (TagResource, UntagResource, ListTags). Tags belong to the
 * function, not to its versions or aliases (https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html).
 */
import type { ListTagsResponse } from '@aws-sdk/client-lambda';
import { functionNotFound, invalidParameter, resourceNotFound, validationError } from './errors.js';
import type { LambdaModel } from './model.js';

/** At most 50 tags per resource (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html). */
const TAG_LIMIT = 50;

const resourcePattern = /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):(function|event-source-mapping):([a-zA-Z0-9_.-]+)(?::(.+))?$/;

export function tagResource(model: LambdaModel, resource: string | undefined, tags: Record<string, string> | undefined): void {
  const current = tagsOf(model, resource);
  const merged = { ...current, ...(tags ?? {}) };
  const reserved = Object.keys(tags ?? {}).find((key) => key.toLowerCase().startsWith('aws:'));
  if (reserved !== undefined) throw invalidParameter(`Tag keys starting with 'aws:' are reserved for AWS use: ${reserved}`);
  if (Object.keys(merged).length > TAG_LIMIT) {
    throw invalidParameter(`The number of tags exceeds the limit of ${TAG_LIMIT} tags per resource.`);
  }
  Object.assign(current, tags ?? {});
}

export function untagResource(model: LambdaModel, resource: string | undefined, tagKeys: string[]): void {
  const current = tagsOf(model, resource);
  for (const key of tagKeys) delete current[key];
}

export function listTags(model: LambdaModel, resource: string | undefined): ListTagsResponse {
  return { Tags: { ...tagsOf(model, resource) } };
}

/** The live tag map of the resource the ARN names. */
function tagsOf(model: LambdaModel, resource: string | undefined): Record<string, string> {
  const match = resourcePattern.exec(resource ?? '');
  if (match === null || resource === undefined) {
    throw validationError(
      'resource',
      resource ?? 'null',
      'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|event-source-mapping:[0-9a-f-]+)',
    );
  }
  const [, , , kind, id, qualifier] = match;
  if (kind === 'event-source-mapping') {
    const mapping = model.mappings.get(id ?? '');
    if (mapping === undefined) throw resourceNotFound('The resource you requested does not exist.');
    return mapping.tags;
  }
  if (qualifier !== undefined) {
    throw invalidParameter('Tags on function aliases and versions are not supported. Please specify a function ARN.');
  }
  const fn = model.functions.get(id ?? '');
  if (fn === undefined) throw functionNotFound(resource);
  return fn.tags;
}
