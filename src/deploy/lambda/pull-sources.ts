/**
 * The pull event source (docs/design.md#lambda): one event source mapping from the event source file, on the function's
 * alias. Created when missing, updated when a member differs, left alone otherwise. gitmoxi tags the mappings it
 * creates with `gitmoxi:unit`, so that a mapping the file no longer names (or a deleted unit's) is removed, and a
 * mapping someone else made is never touched unless it is the one the file describes.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateEventSourceMapping.html
 */
import type { EventSourceMapping } from '../../defs/eventsource-schema.js';
import type { UnitContext } from '../context.js';
import { type EventSourceMappingState, type EventSourceMappingUpdate, eventSourceMappingUpdateKeys } from '../ports/lambda-port.js';
import { tagKeys } from '../tags.js';
import { waitFor } from '../waits.js';
import { matches } from './function-requests.js';
import { qualifiedArn } from './function-target.js';

export interface PullTarget {
  functionName: string;
  functionArn: string;
  /** The qualifier the mapping invokes: the alias, or null for the unqualified function. */
  qualifier: string | null;
  unit: string;
}

const transitional = new Set(['Creating', 'Updating', 'Enabling', 'Disabling']);
const settleTimeoutMs = 5 * 60 * 1000;

export async function reconcilePullSource(ctx: UnitContext, target: PullTarget, wanted: EventSourceMapping | undefined): Promise<void> {
  const mappings = await mappingsOf(ctx, target);
  const expectedArn = target.qualifier === null ? target.functionArn : qualifiedArn(target.functionArn, target.qualifier);
  const match = wanted === undefined ? undefined : mappings.find((m) => m.eventSourceArn === wanted.EventSourceArn && m.functionArn === expectedArn);
  if (wanted !== undefined) await ensureMapping(ctx, target, wanted, match);
  for (const mapping of mappings) {
    if (mapping === match || mapping.tags[tagKeys.unit] !== target.unit || mapping.state === 'Deleting') continue;
    await removeMapping(ctx, mapping);
  }
}

/** Every mapping gitmoxi made for the unit: a deleted function leaves its mappings behind, as AWS keeps them. */
export async function removeOwnedMappings(ctx: UnitContext, target: PullTarget): Promise<void> {
  for (const mapping of await mappingsOf(ctx, target)) {
    if (mapping.tags[tagKeys.unit] === target.unit && mapping.state !== 'Deleting') await removeMapping(ctx, mapping);
  }
}

async function ensureMapping(ctx: UnitContext, target: PullTarget, wanted: EventSourceMapping, match: EventSourceMappingState | undefined): Promise<void> {
  const functionName = target.qualifier === null ? target.functionName : `${target.functionName}:${target.qualifier}`;
  const owner = { [tagKeys.unit]: target.unit };
  if (match === undefined) {
    ctx.emit({
      type: 'unit.phase',
      phase: 'update',
      detail: `creating the event source mapping from ${wanted.EventSourceArn ?? 'the event source'} to ${functionName}`,
    });
    const created = await ctx.ports.lambda.createEventSourceMapping({ ...wanted, FunctionName: functionName, Tags: { ...(wanted.Tags ?? {}), ...owner } });
    await waitForMappingSettled(ctx, created.uuid);
    return;
  }
  const update = mappingUpdate(wanted, match);
  if (Object.keys(update).length > 0) {
    await waitForMappingSettled(ctx, match.uuid);
    ctx.emit({ type: 'unit.phase', phase: 'update', detail: `updating event source mapping ${match.uuid} (${Object.keys(update).join(', ')})` });
    await ctx.ports.lambda.updateEventSourceMapping(match.uuid, update);
    await waitForMappingSettled(ctx, match.uuid);
  }
  if (match.tags[tagKeys.unit] !== target.unit && match.eventSourceMappingArn !== undefined) {
    await ctx.ports.lambda.tagResource(match.eventSourceMappingArn, owner);
  }
}

/** The members to send: those the file gives that differ from the live mapping. Pure. */
export function mappingUpdate(wanted: EventSourceMapping, live: EventSourceMappingState): EventSourceMappingUpdate {
  const update: EventSourceMappingUpdate = {};
  for (const key of eventSourceMappingUpdateKeys) {
    const value = wanted[key];
    if (value !== undefined && !matches(value, live.configuration[key])) update[key] = value;
  }
  const enabled = wanted.Enabled ?? true;
  const liveEnabled = !(live.state === 'Disabled' || live.state === 'Disabling');
  if (enabled !== liveEnabled) update.Enabled = enabled;
  return update;
}

async function removeMapping(ctx: UnitContext, mapping: EventSourceMappingState): Promise<void> {
  await waitForMappingSettled(ctx, mapping.uuid);
  ctx.emit({ type: 'unit.phase', phase: 'update', detail: `deleting event source mapping ${mapping.uuid} from ${mapping.eventSourceArn ?? 'its source'}` });
  await ctx.ports.lambda.deleteEventSourceMapping(mapping.uuid);
}

/** Both the qualified listing (where gitmoxi's mappings live) and the unqualified one, once each. */
async function mappingsOf(ctx: UnitContext, target: PullTarget): Promise<EventSourceMappingState[]> {
  const names = target.qualifier === null ? [target.functionName] : [target.functionName, `${target.functionName}:${target.qualifier}`];
  const byUuid = new Map<string, EventSourceMappingState>();
  for (const name of names) for (const mapping of await ctx.ports.lambda.eventSourceMappings(name)) byUuid.set(mapping.uuid, mapping);
  return [...byUuid.values()];
}

/** A mapping in transition (Creating, Updating, …) refuses changes: wait until it is Enabled or Disabled. */
async function waitForMappingSettled(ctx: UnitContext, uuid: string): Promise<void> {
  const outcome = await waitFor({
    clock: ctx.clock,
    intervalMs: 1_000,
    timeoutMs: settleTimeoutMs,
    check: async () => {
      const mapping = await ctx.ports.lambda.describeEventSourceMapping(uuid);
      return mapping === null || !transitional.has(mapping.state) ? { status: 'done', value: true } : { status: 'pending' };
    },
  });
  if (outcome.kind !== 'done') throw new Error(`event source mapping ${uuid} did not settle within ${settleTimeoutMs / 60000} minutes`);
}
