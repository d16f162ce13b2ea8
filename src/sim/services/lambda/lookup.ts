/**
 * Finding what a request names: a function, and within it $LATEST, a published version or an alias.
 * Shared by every noun of the model, with the preconditions most mutating operations check.
 */
import { randomUUID } from 'node:crypto';
import { functionNotFound, functionNotReady, revisionMismatch, updateInProgress } from './errors.js';
import type { AliasRecord, FunctionRecord, LambdaModel, VersionRecord } from './model.js';
import { LATEST, isVersionNumber } from './names.js';

/** What a qualifier resolves to: the version that runs, and the alias when the qualifier names one. */
export interface Target {
  fn: FunctionRecord;
  /** '$LATEST', a version number or an alias name; undefined for the unqualified function. */
  qualifier?: string;
  version: VersionRecord;
  alias?: AliasRecord;
  /** The ARN the request addressed (qualified when it was). */
  arn: string;
}

export function requireFunction(model: LambdaModel, name: string): FunctionRecord {
  const fn = model.functions.get(name);
  if (fn === undefined) throw functionNotFound(model.functionArn(name));
  return fn;
}

export function resolveTarget(model: LambdaModel, fn: FunctionRecord, qualifier: string | undefined): Target {
  if (qualifier === undefined) return { fn, version: fn.latest, arn: fn.arn };
  const arn = model.functionArn(fn.name, qualifier);
  if (qualifier === LATEST) return { fn, qualifier, version: fn.latest, arn };
  if (isVersionNumber(qualifier)) {
    const version = fn.versions.get(qualifier);
    if (version === undefined) throw functionNotFound(arn);
    return { fn, qualifier, version, arn };
  }
  const alias = fn.aliases.get(qualifier);
  const version = alias && versionOf(fn, alias.config.FunctionVersion);
  if (alias === undefined || version === undefined) throw functionNotFound(arn);
  return { fn, qualifier, version, alias, arn };
}

/** $LATEST or a published version by its number. */
export function versionOf(fn: FunctionRecord, number: string | undefined): VersionRecord | undefined {
  if (number === LATEST) return fn.latest;
  return number === undefined ? undefined : fn.versions.get(number);
}

/**
 * Lambda refuses to change a function while it is being created or while an earlier update is still being
 * applied (https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html#functions-states-updating).
 */
export function assertNotBusy(fn: FunctionRecord): void {
  const config = fn.latest.config;
  if (config.State === 'Pending') throw functionNotReady('Pending');
  if (config.LastUpdateStatus === 'InProgress') throw updateInProgress(fn.arn);
}

/** Optimistic locking: when the caller passes a RevisionId it must be the current one. */
export function checkRevision(given: string | undefined, current: string | undefined): void {
  if (given !== undefined && given !== current) throw revisionMismatch();
}

/** Every change to a function, version, alias or policy gets a new RevisionId. */
export function newRevisionId(): string {
  return randomUUID();
}
