/**
 * The exit code of a deployment run, from its units' results: docs/design.md#exit-codes implemented exactly once.
 * Errors thrown before any unit runs carry their own exit code (src/errors.ts); src/main.ts maps them.
 */
import { ExitCode } from '../errors.js';
import type { UnitResult } from './results.js';

/**
 * docs/design.md#exit-codes: 3 beats 4 beats 2 beats 1 beats 0. An interrupted run whose units are all safe is 4. A
 * unit that failed before its first change is 2, as an invalid unit is: something must be fixed, and nothing of it was
 * changed. A busy unit is 1: it was not deployed and its previous version still runs, as after a rollback; a pinned
 * unit had nothing to do.
 */
export function runExitCode(results: readonly UnitResult[], interrupted: boolean): ExitCode {
  if (results.some((r) => r.outcome === 'failed')) return ExitCode.NeedsOperator;
  if (interrupted) return ExitCode.Interrupted;
  if (results.some((r) => r.outcome === 'not-started')) return ExitCode.Invalid;
  if (results.some((r) => r.outcome === 'rolled-back' || r.outcome === 'busy')) return ExitCode.RolledBack;
  return ExitCode.Ok;
}
