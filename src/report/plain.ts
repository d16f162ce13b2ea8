/**
 * CI logs: one timestamped line per event, no cursor movement, no spinner.
 *
 *   2026-01-01T00:00:05Z services/web/web  stabilize  running 1/2 pending 1 failed 0 healthy 0
 *
 * Under GitHub Actions each unit's lines are folded into a `::group::` (a collapsible section of the log).
 * Groups cannot nest or interleave, and units run concurrently, so a unit's lines are buffered and printed as
 * one group when the unit finishes; meanwhile a heartbeat line per phase change is printed live, outside any
 * group (and only there), so a long deployment still shows progress. The summary follows `run.finished`, outside groups.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#grouping-log-lines
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { ReportOutput } from './output.js';
import type { DeployEvent } from '../events/types.js';
import { describeEvent } from './event-text.js';
import { formatTimestamp } from './format-time.js';
import { escapeData } from './github.js';
import { resultLabel } from './outcome-label.js';
import type { Renderer, RendererOptions } from './select.js';
import { formatSummary } from './summary.js';
import { advanceUnit, isUnitEvent, queuedUnit, type UnitEvent, type UnitProgress } from './unit-progress.js';

export interface PlainRendererOptions extends RendererOptions {
  /** Running under GitHub Actions (`GITHUB_ACTIONS=true`): group each unit's lines. */
  github: boolean;
}

/** A line of data, or one of gitmoxi's own workflow commands (printed past the guard that neutralises `::`). */
type Line = string | { command: string };

interface PlainState {
  units: Map<string, UnitProgress>;
  /** GitHub only: each unit's lines, waiting for the unit to finish. */
  buffers: Map<string, string[]>;
  unitWidth: number;
}

export function createPlainRenderer(io: Pick<ReportOutput, 'stdout' | 'workflowCommand'>, options: PlainRendererOptions): Renderer {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const state: PlainState = { units: new Map(), buffers: new Map(), unitWidth: 0 };
  const write = (lines: readonly Line[]): void => {
    let data: string[] = [];
    const flush = () => {
      if (data.length > 0) io.stdout.write(`${data.join('\n')}\n`);
      data = [];
    };
    for (const line of lines) {
      if (typeof line === 'string') {
        data.push(line);
      } else {
        flush();
        io.workflowCommand(line.command);
      }
    }
    flush();
  };
  return {
    emit: (event) => write(handleEvent(state, event, options.github, c)),
    close: async () => write(flushAll(state, 'not finished')),
  };
}

function handleEvent(state: PlainState, event: DeployEvent, github: boolean, c: ChalkInstance): Line[] {
  switch (event.type) {
    case 'run.started':
      for (const unit of event.units) state.units.set(unit.prefix, queuedUnit(unit.prefix, unit.strategy, unit.action));
      state.unitWidth = Math.max(state.unitWidth, ...event.units.map((u) => u.prefix.length));
      return [
        `${formatTimestamp(event.time)} deploying ${event.units.length} unit${event.units.length === 1 ? '' : 's'}, up to ${event.concurrency} at a time`,
      ];
    case 'run.finished':
      return [
        ...flushAll(state, 'not finished'),
        `${formatTimestamp(event.time)} finished${event.interrupted ? ' (interrupted)' : ''}: exit code ${event.exitCode}`,
        '',
        formatSummary({ results: event.results, exitCode: event.exitCode }, { color: c.level > 0 }).trimEnd(),
      ];
    default:
      return handleUnitEvent(state, event, github, c);
  }
}

function handleUnitEvent(state: PlainState, event: DeployEvent, github: boolean, c: ChalkInstance): Line[] {
  if (!isUnitEvent(event)) return [];
  const before = state.units.get(event.unit) ?? queuedUnit(event.unit);
  const after = advanceUnit(before, event);
  state.units.set(event.unit, after);
  state.unitWidth = Math.max(state.unitWidth, event.unit.length);
  const line = formatEventLine(event, after, state.unitWidth, c);
  if (!github) return [line];
  // A heartbeat is printed live and kept out of the group: the log would otherwise show it twice.
  if (isHeartbeat(event, before)) return [line];
  state.buffers.set(event.unit, [...(state.buffers.get(event.unit) ?? []), line]);
  if (event.type === 'unit.finished') return flushUnit(state, event.unit, resultLabel(event.result));
  return [];
}

/** A unit starting or changing phase: worth a live line while its details wait for the group. */
function isHeartbeat(event: UnitEvent, before: UnitProgress): boolean {
  return event.type === 'unit.started' || (event.type === 'unit.phase' && event.phase !== before.phase);
}

function formatEventLine(event: UnitEvent, progress: UnitProgress, unitWidth: number, c: ChalkInstance): string {
  const { label, text } = describeEvent(event, progress);
  return `${c.dim(formatTimestamp(event.time))} ${c.bold(event.unit.padEnd(unitWidth))}  ${label.padEnd(9)}  ${text}`.trimEnd();
}

function flushUnit(state: PlainState, unit: string, outcome: string): Line[] {
  const lines = state.buffers.get(unit);
  state.buffers.delete(unit);
  if (lines === undefined) return [];
  return [{ command: `::group::${escapeData(`${unit}: ${outcome}`)}` }, ...lines, { command: '::endgroup::' }];
}

/** Units still buffered when the run ends (interrupted) or the renderer closes early: their lines must not be lost. */
function flushAll(state: PlainState, outcome: string): Line[] {
  return [...state.buffers.keys()].flatMap((unit) => flushUnit(state, unit, outcome));
}
