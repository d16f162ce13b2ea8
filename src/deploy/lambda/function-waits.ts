/**
 * Lambda applies code and configuration changes asynchronously and refuses a change while the previous one is
 * being applied (ResourceConflictException), so every change is followed by a wait until `LastUpdateStatus` is
 * Successful, and a change that still meets a conflict (someone else's update) is retried a few times.
 * https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html
 */
import type { UnitContext } from '../context.js';
import { portErrorKind } from '../port-error.js';
import type { LambdaVersionState } from '../ports/lambda-port.js';
import { waitFor } from '../waits.js';

/** How often the function's state is examined while Lambda applies a change (a few seconds in practice). */
const updatePollMs = 1_000;
/** Creating a function with a VPC can take minutes; an update that takes longer than this is stuck. */
const updateTimeoutMs = 10 * 60 * 1000;
/** Attempts of a change that Lambda answers with ResourceConflictException, the first included. */
export const conflictAttempts = 5;

export type Settled = { kind: 'ready' } | { kind: 'failed'; reason: string } | { kind: 'timeout' };

/**
 * Waits until `$LATEST` is Active and no update is in progress. Not interruptible: Lambda goes on applying a
 * change whether or not gitmoxi waits, and the next step (or the rollback) needs it finished.
 */
export async function waitForFunctionSettled(ctx: UnitContext, functionName: string): Promise<Settled> {
  const outcome = await waitFor({
    clock: ctx.clock,
    intervalMs: updatePollMs,
    timeoutMs: updateTimeoutMs,
    check: async () => {
      const fn = await ctx.ports.lambda.describeFunction(functionName);
      if (fn === null) return { status: 'failed', reason: `function ${functionName} no longer exists` };
      if (fn.state === 'Failed') return { status: 'failed', reason: `function ${functionName} is Failed: ${fn.stateReason ?? 'no reason given'}` };
      if (fn.lastUpdateStatus === 'Failed') {
        return { status: 'failed', reason: `the update of ${functionName} failed: ${fn.lastUpdateStatusReason ?? 'no reason given'}` };
      }
      return fn.state === 'Active' && fn.lastUpdateStatus !== 'InProgress' ? { status: 'done', value: true } : { status: 'pending' };
    },
  });
  if (outcome.kind === 'done') return { kind: 'ready' };
  if (outcome.kind === 'failed') return { kind: 'failed', reason: outcome.reason };
  return { kind: 'timeout' };
}

/** Runs a change; on ResourceConflictException waits for the function to settle and tries again, a few times. */
export async function withConflictRetry<T>(ctx: UnitContext, functionName: string, change: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await change();
    } catch (error) {
      if (portErrorKind(error) !== 'conflict' || attempt >= conflictAttempts) throw error;
      ctx.emit({
        type: 'unit.phase',
        phase: 'update',
        detail: `${functionName} is busy (${error instanceof Error ? error.message : String(error)}); retrying`,
      });
      await waitForFunctionSettled(ctx, functionName);
    }
  }
}

export type Readiness = { kind: 'ready' } | { kind: 'failed'; reason: string } | { kind: 'aborted' };

/**
 * The readiness check (docs/design.md#lambda): the version is examined at once and then every `waitInterval` seconds,
 * up to `maxRetries` more times, until it is Active. Failed ends it at once; an interrupt ends it too.
 */
export async function waitForVersionReady(
  ctx: UnitContext,
  functionName: string,
  version: string,
  settings: { waitInterval: number; maxRetries: number },
): Promise<Readiness> {
  // Written by the check, read after the wait: a box, since narrowing does not see assignments in callbacks.
  const seen: { last: LambdaVersionState | null } = { last: null };
  const outcome = await waitFor({
    clock: ctx.clock,
    signal: ctx.signal,
    intervalMs: settings.waitInterval * 1000,
    timeoutMs: settings.waitInterval * settings.maxRetries * 1000,
    check: async () => {
      const last = await ctx.ports.lambda.describeVersion(functionName, version);
      seen.last = last;
      if (last === null) return { status: 'failed', reason: `version ${version} of ${functionName} no longer exists` };
      if (last.state === 'Active') return { status: 'done', value: true };
      if (last.state === 'Failed')
        return { status: 'failed', reason: `version ${version} of ${functionName} is Failed: ${last.stateReason ?? 'no reason given'}` };
      return { status: 'pending' };
    },
  });
  switch (outcome.kind) {
    case 'done':
      return { kind: 'ready' };
    case 'failed':
      return { kind: 'failed', reason: outcome.reason };
    case 'aborted':
      return { kind: 'aborted' };
    case 'timeout': {
      const state = seen.last?.state ?? 'unknown';
      const waited = settings.waitInterval * settings.maxRetries;
      return { kind: 'failed', reason: `version ${version} of ${functionName} was not Active after ${waited} s (still ${state})` };
    }
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
