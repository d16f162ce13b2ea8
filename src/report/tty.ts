/**
 * The terminal renderer: one listr2 task per unit, used as a view only. The engine runs the deployment; each
 * listr task just waits until the unit's `unit.finished` arrives and meanwhile shows the unit's line (phase,
 * counts, elapsed time, wait countdown) as its title and the latest event as its output. Tasks are created up
 * front from `run.started`, which lists every unit. Times come from events, never from the wall clock, so the
 * countdown moves as events arrive.
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { DefaultRenderer, Listr, ListrDefaultRendererLogLevels, ListrLogger, ProcessOutput } from 'listr2';
import type { ReportOutput } from './output.js';
import type { UnitResult } from '../events/results.js';
import type { DeployEvent } from '../events/types.js';
import { describeEvent } from './event-text.js';
import type { Renderer, RendererOptions } from './select.js';
import { formatSummary } from './summary.js';
import { formatUnitLine } from './unit-line.js';
import { advanceUnit, isUnitEvent, queuedUnit, type UnitProgress } from './unit-progress.js';

/**
 * listr2 decides whether its renderer may draw by looking at `process.stdout`, but gitmoxi writes to the
 * command's own stream and selectRenderer has already checked that one; this makes listr2 trust that choice.
 */
class ObserverRenderer extends DefaultRenderer {
  static override nonTTY = true;
}

interface UnitView {
  progress: UnitProgress;
  /** Set once listr2 has started the unit's task. */
  show: ((title: string, output: string) => void) | null;
  output: string;
  settle: (result: UnitResult | null) => void;
  settled: Promise<UnitResult | null>;
}

interface TtyState {
  views: Map<string, UnitView>;
  now: number;
  unitWidth: number;
  run: Promise<unknown> | null;
  finished: { results: UnitResult[]; exitCode: number } | null;
}

export function createTtyRenderer(io: Pick<ReportOutput, 'stdout' | 'stderr'>, options: RendererOptions): Renderer {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const state: TtyState = { views: new Map(), now: 0, unitWidth: 0, run: null, finished: null };
  return {
    emit: (event) => handleEvent(state, event, io, c),
    close: async () => {
      // Units the run never finished (the engine stopped early) must not keep listr2 waiting.
      for (const view of state.views.values()) view.settle(null);
      await state.run;
      if (state.finished !== null) io.stdout.write(`\n${formatSummary(state.finished, { color: c.level > 0 })}`);
    },
  };
}

function handleEvent(state: TtyState, event: DeployEvent, io: Pick<ReportOutput, 'stdout' | 'stderr'>, c: ChalkInstance): void {
  state.now = Math.max(state.now, event.time);
  if (event.type === 'run.started') {
    if (state.run !== null) return;
    for (const unit of event.units) state.views.set(unit.prefix, newView(queuedUnit(unit.prefix, unit.strategy, unit.action)));
    state.unitWidth = Math.max(0, ...event.units.map((u) => u.prefix.length));
    state.run = startListr(state, io, c);
    return;
  }
  if (event.type === 'run.finished') {
    state.finished = { results: event.results, exitCode: event.exitCode };
    for (const view of state.views.values()) view.settle(null);
    return;
  }
  if (!isUnitEvent(event)) return;
  const view = state.views.get(event.unit);
  // A unit missing from run.started has no task to show it in; the summary still lists it.
  if (view === undefined) return;
  view.progress = advanceUnit(view.progress, event);
  if (event.type !== 'tasks.changed') view.output = describeEvent(event, view.progress).text;
  if (event.type === 'unit.finished') view.settle(event.result);
  // Every unit's countdown is measured against the latest event of any unit.
  for (const each of state.views.values()) refresh(each, state, c);
}

function refresh(view: UnitView, state: TtyState, c: ChalkInstance): void {
  view.show?.(formatUnitLine(view.progress, state.now, { unitWidth: state.unitWidth, chalk: c }), view.output);
}

function newView(progress: UnitProgress): UnitView {
  let settle: (result: UnitResult | null) => void = () => {};
  const settled = new Promise<UnitResult | null>((resolve) => {
    settle = resolve;
  });
  return { progress, show: null, output: '', settle, settled };
}

function startListr(state: TtyState, io: Pick<ReportOutput, 'stdout' | 'stderr'>, c: ChalkInstance): Promise<unknown> {
  const tasks = [...state.views.values()].map((view) => ({
    title: formatUnitLine(view.progress, state.now, { unitWidth: state.unitWidth, chalk: c }),
    task: async (_ctx: unknown, task: { title: string; output: string; skip(message?: string): void }) => {
      view.show = (title, output) => {
        task.title = title;
        if (output !== '') task.output = output;
      };
      refresh(view, state, c);
      const result = await view.settled;
      view.show = null;
      finishTask(task, view, state, c, result);
    },
  }));
  const processOutput = new ProcessOutput(io.stdout as NodeJS.WriteStream, io.stderr as NodeJS.WriteStream);
  const listr = new Listr(tasks, {
    concurrent: true,
    // A failed unit is shown as failed; it must not stop listr2 from showing the others.
    exitOnError: false,
    // SIGINT belongs to the engine, which rolls in-flight units back before exiting.
    registerSignalListeners: false,
    renderer: ObserverRenderer,
    rendererOptions: {
      logger: new ListrLogger<ListrDefaultRendererLogLevels>({ useIcons: true, toStderr: [], processOutput }),
      ...(c.level === 0 ? { color: noColours } : {}),
    },
  });
  return listr.run().catch(() => undefined);
}

function finishTask(task: { title: string; skip(message?: string): void }, view: UnitView, state: TtyState, c: ChalkInstance, result: UnitResult | null): void {
  const line = formatUnitLine(view.progress, state.now, { unitWidth: state.unitWidth, chalk: c });
  // A unit this run left alone (pinned, or never started) shows as skipped.
  if (result === null || result.outcome === 'skipped' || result.outcome === 'pinned') {
    task.skip(result === null ? `${line}  not finished` : line);
    return;
  }
  task.title = line;
  // Throwing is how a listr2 task shows as failed; the message replaces the title, so it is the same line. A busy
  // unit fails the run (exit 1) although nothing broke: it was not deployed.
  if (result.outcome === 'rolled-back' || result.outcome === 'failed' || result.outcome === 'busy' || result.outcome === 'not-started') throw new Error(line);
}

/** listr2 colours its icons with its own detection; --no-color and NO_COLOR must switch those off too. */
const noColours: Partial<Record<ListrDefaultRendererLogLevels, (text?: string) => string>> = Object.fromEntries(
  Object.values(ListrDefaultRendererLogLevels).map((level) => [level, (text?: string) => text ?? '']),
);
