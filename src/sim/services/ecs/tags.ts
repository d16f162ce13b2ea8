/** TagResource, UntagResource and ListTagsForResource, by ARN, for every taggable ECS resource. */
import type { Tag } from '@aws-sdk/client-ecs';
import { arnResource } from './arns.js';
import { invalidParameter, resourceNotFound } from './errors.js';
import type { EcsModel } from './model.js';
import { mergeTags, removeTags } from './tag-rules.js';

interface Tagged {
  tags: Tag[];
}

/** The record an ARN names: cluster, service, task definition, task set or task. */
function taggedResource(model: EcsModel, resourceArn: string | undefined): Tagged {
  const resource = resourceArn === undefined ? undefined : arnResource(resourceArn);
  if (!resourceArn || resource === undefined) throw invalidParameter('Invalid identifier: the resource ARN is not an Amazon ECS ARN.');
  const [kind, ...path] = resource.split('/');
  const found = lookup(model, kind ?? '', path, resourceArn);
  if (!found) throw resourceNotFound();
  return found;
}

function lookup(model: EcsModel, kind: string, path: string[], arn: string): Tagged | undefined {
  switch (kind) {
    case 'cluster':
      return model.clusters.find(path[0]);
    case 'service':
      return model.services.find((s) => s.arn === arn && s.status !== 'INACTIVE');
    case 'task-definition':
      return model.taskDefinitions.findByArn(arn);
    case 'task-set':
      return model.services.flatMap((s) => s.taskSets).find((ts) => ts.arn === arn);
    case 'task':
      return model.tasks.find((t) => t.arn === arn);
    default:
      throw invalidParameter(`Invalid identifier: resource type ${kind} cannot be tagged.`);
  }
}

export function tagResource(model: EcsModel, resourceArn: string | undefined, tags: Tag[] | undefined): void {
  model.sync();
  const resource = taggedResource(model, resourceArn);
  resource.tags = mergeTags(resource.tags, tags ?? []);
}

export function untagResource(model: EcsModel, resourceArn: string | undefined, tagKeys: string[] | undefined): void {
  model.sync();
  const resource = taggedResource(model, resourceArn);
  resource.tags = removeTags(resource.tags, tagKeys ?? []);
}

export function listTagsForResource(model: EcsModel, resourceArn: string | undefined): Tag[] {
  model.sync();
  return taggedResource(model, resourceArn).tags.map((t) => ({ ...t }));
}
