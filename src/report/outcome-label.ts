/** How each unit outcome reads in progress lines, the summary table, Markdown and annotations. */
import type { ChalkInstance } from 'chalk';
import type { UnitOutcome, UnitResult } from '../events/results.js';

function outcomeLabel(outcome: UnitOutcome): string {
  switch (outcome) {
    case 'deployed':
      return 'deployed';
    case 'unchanged':
      return 'unchanged';
    case 'deleted':
      return 'deleted';
    case 'rolled-back':
      return 'rolled back';
    case 'failed':
      return 'FAILED — needs operator';
    case 'skipped':
      return 'skipped';
    case 'busy':
      return 'busy — another deployment in flight';
    case 'pinned':
      return 'pinned — rolled back by an operator';
    case 'not-started':
      return 'not started — nothing changed';
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** The label, marked when the run was interrupted while the unit was in flight. */
export function resultLabel(result: Pick<UnitResult, 'outcome' | 'interrupted'>): string {
  return result.interrupted === true ? `${outcomeLabel(result.outcome)} (interrupted)` : outcomeLabel(result.outcome);
}

export function colourOutcome(outcome: UnitOutcome, text: string, c: ChalkInstance): string {
  switch (outcome) {
    case 'deployed':
    case 'deleted':
      return c.green(text);
    case 'unchanged':
    case 'skipped':
      return c.dim(text);
    case 'pinned':
      return c.cyan(text);
    case 'rolled-back':
    case 'busy':
    case 'not-started':
      return c.yellow(text);
    case 'failed':
      return c.bold.red(text);
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** Rolled back or failed: the units whose failure report the summary shows. */
function isFailure(outcome: UnitOutcome): boolean {
  return outcome === 'rolled-back' || outcome === 'failed' || outcome === 'not-started';
}

/** Units the summary explains below its table: failures, and units this run did not deploy (busy, pinned). */
export function needsExplaining(outcome: UnitOutcome): boolean {
  return isFailure(outcome) || outcome === 'busy' || outcome === 'pinned';
}
