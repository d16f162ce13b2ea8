/**
 * One unit never blocks another (docs/isolation.md): the invalid units of a plan are reported after the others
 * were planned, deployed, polled or shown, and the exit code says 2 unless something worse happened. With
 * `--atomic` they stop the run before anything is changed, as every invalid definition used to.
 */
import { ExitCode, GitmoxiError, formatProblem, type Problem } from '../../errors.js';
import type { EmitEvent } from '../../events/types.js';
import type { Plan } from '../../plan/types.js';
import { formatError } from '../../report/error-text.js';
import { formatErrorAnnotation, locationTarget } from '../../report/github.js';
import type { CommandIo } from '../io.js';

function invalidProblems(plan: Plan): { problems: Problem[]; units: number } {
  const invalid = plan.units.filter((u) => u.action === 'invalid');
  return { problems: invalid.flatMap((u) => u.problems ?? []), units: invalid.length };
}

/** `--atomic`: any invalid unit refuses the whole run (exit 2) before a single AWS call. */
export function assertAtomic(plan: Plan): void {
  const { problems, units } = invalidProblems(plan);
  if (units === 0) return;
  throw new GitmoxiError('E_DEF_INVALID', `${count(problems.length, 'problem')} in ${count(units, 'unit')}: nothing was deployed (--atomic)`, {
    problems,
    hint: 'Fix the files listed above and commit again; without --atomic the valid units deploy and only these wait.',
  });
}

/** What happened to the other units, in the words of each command. */
export type Isolated = 'deployed' | 'polled' | 'shown' | 'planned';

const outcomes: Record<Isolated, [one: string, many: string]> = {
  deployed: ['that unit was not deployed; every other unit was', 'those units were not deployed; every other unit was'],
  polled: ['that unit was left alone; every other unit was polled', 'those units were left alone; every other unit was polled'],
  shown: ['its state is unknown; every other unit is shown', 'their state is unknown; every other unit is shown'],
  planned: ['a deploy would leave it alone and deploy every other unit', 'a deploy would leave them alone and deploy every other unit'],
};

/**
 * Writes the invalid units' problems to stderr (stdout may carry NDJSON or the plan) in the format of every other
 * error, after the plan's warnings unless stdout showed them; returns the exit code combined with them.
 */
export function reportInvalidUnits(plan: Plan, exitCode: number, io: CommandIo, isolated: Isolated, options: { warnings: boolean; json: boolean }): number {
  if (options.warnings) for (const warning of plan.warnings) io.stderr.write(`warning: ${warning}\n`);
  const { problems, units } = invalidProblems(plan);
  if (units === 0) return exitCode;
  if (io.env.GITHUB_ACTIONS === 'true' && !options.json) for (const line of invalidAnnotations(plan)) io.workflowCommand(line);
  const [one, many] = outcomes[isolated];
  const error = new GitmoxiError('E_DEF_INVALID', `${count(problems.length, 'problem')} in ${count(units, 'unit')}: ${units === 1 ? one : many}`, {
    problems,
    hint: 'Fix the files listed above and commit again: the next deploy or poll picks the fixed units up.',
  });
  io.stderr.write(formatError(error, false));
  return reportedExitCode(plan, exitCode);
}

/**
 * One `::error` per invalid unit on the file of its first problem, so that the pull request shows where to fix it;
 * one per unit because GitHub shows at most 10 error annotations per step.
 */
function invalidAnnotations(plan: Plan): string[] {
  return plan.units.flatMap((unit) => {
    const problem = unit.action === 'invalid' ? unit.problems?.[0] : undefined;
    if (problem === undefined) return [];
    return [formatErrorAnnotation({ ...locationTarget(problem.location), title: `gitmoxi: ${unit.prefix} is invalid`, message: formatProblem(problem) })];
  });
}

/**
 * Precedence, worst first: 3 (a unit could not be restored) > 4 (interrupted) > 2 (invalid units) > 1 (a unit
 * rolled back or busy) > 0. An invalid definition is the one outcome no retry fixes, only a commit, so CI must see
 * it even when another unit rolled back; a unit left for an operator, or a run cut short, still say more.
 */
function withInvalidUnits(exitCode: number): number {
  if (exitCode === ExitCode.NeedsOperator || exitCode === ExitCode.Interrupted) return exitCode;
  return ExitCode.Invalid;
}

/** The exit code a run reports and exits with: its own, combined with the plan's invalid units. */
export function reportedExitCode(plan: Plan, exitCode: number): number {
  return invalidProblems(plan).units === 0 ? exitCode : withInvalidUnits(exitCode);
}

/**
 * The renderers' view of the run's end: its exit code combined with the plan's invalid units, so that the summary,
 * the NDJSON `run.finished` and the report say the code the process exits with.
 */
export function emitWithInvalidUnits(emit: EmitEvent, plan: Plan): EmitEvent {
  if (invalidProblems(plan).units === 0) return emit;
  return (event) => emit(event.type === 'run.finished' ? { ...event, exitCode: reportedExitCode(plan, event.exitCode) } : event);
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
