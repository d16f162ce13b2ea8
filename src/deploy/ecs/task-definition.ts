/**
 * Register the rendered task definition, unless the latest ACTIVE revision of its family was registered from
 * exactly the same rendered text: then reuse it. RegisterTaskDefinition is rate-limited (1/s sustained per
 * account) and every revision is kept forever, so re-running a deploy must not mint revisions.
 * Identity is recorded as a `gitmoxi:hash` tag on the revision: comparing with DescribeTaskDefinition's output
 * would have to undo the defaults ECS fills in, which change as ECS grows features.
 */
import { createHash } from 'node:crypto';
import type { Taskdef } from '../../defs/taskdef-schema.js';
import { canonicalJson } from '../../plan/plan.js';
import type { UnitContext } from '../context.js';
import { tagKeys } from '../tags.js';

export interface ChosenTaskDefinition {
  taskDefinitionArn: string;
  reused: boolean;
}

export async function ensureTaskDefinition(ctx: UnitContext, taskdef: Taskdef): Promise<ChosenTaskDefinition> {
  const hash = createHash('sha256').update(canonicalJson(taskdef)).digest('hex');
  const { family } = taskdef;
  const latest = await ctx.ports.ecs.latestTaskDefinition(family);
  if (latest !== null && latest.tags[tagKeys.hash] === hash) {
    ctx.emit({ type: 'task-definition.registered', taskDefinitionArn: latest.taskDefinitionArn, reused: true });
    return { taskDefinitionArn: latest.taskDefinitionArn, reused: true };
  }
  const tags = { ...taskdefTags(taskdef), [tagKeys.unit]: ctx.planned.prefix, [tagKeys.commit]: ctx.commit, [tagKeys.hash]: hash };
  const taskDefinitionArn = await ctx.ports.ecs.registerTaskDefinition(taskdef, tags);
  ctx.emit({ type: 'task-definition.registered', taskDefinitionArn, reused: false });
  return { taskDefinitionArn, reused: false };
}

function taskdefTags(taskdef: Taskdef): Record<string, string> {
  return Object.fromEntries((taskdef.tags ?? []).map((t) => [t.key, t.value]));
}
