/**
 * Register the rendered task definition, unless the latest ACTIVE revision of its family was registered from
 * exactly the same rendered text: then reuse it. RegisterTaskDefinition is rate-limited (1/s sustained per
 * account) and every revision is kept forever, so re-running a deploy must not mint revisions.
 * Identity is recorded as a `gitmoxi:hash` tag on the revision: comparing with DescribeTaskDefinition's output
 * would have to undo the defaults ECS fills in, which change as ECS grows features.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../plan/plan.js';
import type { UnitContext } from '../context.js';
import { tagKeys } from '../tags.js';

export interface ChosenTaskDefinition {
  taskDefinitionArn: string;
  reused: boolean;
}

export async function ensureTaskDefinition(ctx: UnitContext, taskdef: Record<string, unknown>): Promise<ChosenTaskDefinition> {
  const hash = createHash('sha256').update(canonicalJson(taskdef)).digest('hex');
  const family = String(taskdef.family);
  const latest = await ctx.ports.ecs.latestTaskDefinition(family);
  if (latest !== null && latest.tags[tagKeys.hash] === hash) {
    ctx.emit({ type: 'task-definition.registered', taskDefinitionArn: latest.taskDefinitionArn, reused: true });
    return { taskDefinitionArn: latest.taskDefinitionArn, reused: true };
  }
  const tags = { ...taskdefTags(taskdef), [tagKeys.unit]: ctx.planned.prefix, [tagKeys.commit]: ctx.commit, [tagKeys.hash]: hash };
  const { tags: _ignored, ...request } = taskdef;
  const taskDefinitionArn = await ctx.ports.ecs.registerTaskDefinition(request, tags);
  ctx.emit({ type: 'task-definition.registered', taskDefinitionArn, reused: false });
  return { taskDefinitionArn, reused: false };
}

function taskdefTags(taskdef: Record<string, unknown>): Record<string, string> {
  const list = Array.isArray(taskdef.tags) ? (taskdef.tags as { key?: unknown; value?: unknown }[]) : [];
  return Object.fromEntries(list.filter((t) => typeof t.key === 'string').map((t) => [String(t.key), String(t.value ?? '')]));
}
