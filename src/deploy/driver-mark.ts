/**
 * "A gitmoxi run is driving this unit": the `gitmoxi:lock` tag (the same tag and value format as the blue/green
 * service lock), written on an ECS rolling service or a Lambda function just before a deployment changes it, renewed
 * while it runs, removed when it ends. It is not a lock (rolling and Lambda deployments take none): it lets a second
 * run tell a deployment that someone drives, which it waits for, from one nobody drives any more (left by a run that
 * was killed or gave up), which it supersedes instead of waiting for a deployment that will never finish.
 */
import type { UnitContext } from './context.js';
import { lockTagKey, lockTtlMs, lockValue, newLockOwner } from './ecs-bluegreen/service-lock.js';
import type { Tags } from './ports.js';

const renewEveryMs = 60 * 1000;

export interface DriverMark {
  stop(): Promise<void>;
}

export type MarkedResource = { platform: 'ecs'; arn: string } | { platform: 'lambda'; arn: string };

export async function markDriving(ctx: UnitContext, resource: MarkedResource): Promise<DriverMark> {
  const owner = newLockOwner(ctx.commit);
  const write = () => tag(ctx, resource, { [lockTagKey]: lockValue(owner, ctx.clock.now() + lockTtlMs) });
  await write().catch(() => undefined);
  const stopped = new AbortController();
  const renewing = (async () => {
    while (!stopped.signal.aborted) {
      try {
        await ctx.clock.sleep(renewEveryMs, stopped.signal);
      } catch {
        return;
      }
      if (!stopped.signal.aborted) await write().catch(() => undefined);
    }
  })();
  return {
    async stop() {
      stopped.abort();
      await renewing;
      await untag(ctx, resource).catch(() => undefined);
    },
  };
}

function tag(ctx: UnitContext, resource: MarkedResource, tags: Tags): Promise<void> {
  return resource.platform === 'ecs' ? ctx.ports.ecs.tagResource(resource.arn, tags) : ctx.ports.lambda.tagResource(resource.arn, tags);
}

/** Removed whatever its value: a rolling or Lambda deployment never overlaps another run's, so the mark is ours. */
function untag(ctx: UnitContext, resource: MarkedResource): Promise<void> {
  return resource.platform === 'ecs' ? ctx.ports.ecs.untagResource(resource.arn, [lockTagKey]) : ctx.ports.lambda.untagResource(resource.arn, [lockTagKey]);
}

/** `work` with the mark on the resource for as long as it runs. */
export async function withDriverMark<T>(ctx: UnitContext, resource: MarkedResource, work: () => Promise<T>): Promise<T> {
  const mark = await markDriving(ctx, resource);
  try {
    return await work();
  } finally {
    await mark.stop();
  }
}
