/**
 * Time-driven Lambda state. Transitions are stored as instants (`settlesAt`, `updateDoneAt`) when a request
 * starts them and applied here when the clock passes them, so a manual clock that jumps gives the same result
 * as one that ticks. https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html
 */
import type { FunctionConfiguration, LastUpdateStatusReasonCode } from '@aws-sdk/client-lambda';
import type { LambdaModel, MappingRecord, VersionRecord } from './model.js';

/** A new function is Pending for a few seconds while Lambda provisions it, then Active. */
export const FUNCTION_CREATE_MS = 5_000;
/** UpdateFunctionCode / UpdateFunctionConfiguration: `LastUpdateStatus` InProgress for a few seconds. */
export const FUNCTION_UPDATE_MS = 5_000;
/** A published version is Pending briefly before it is Active. */
export const VERSION_PUBLISH_MS = 2_000;
/**
 * Under a lambda-not-ready fault a version stays Pending this long, then goes Failed: longer than a default
 * readiness check (10 s × 5), so a deployer sees a version that never becomes ready before it sees Failed.
 */
export const NOT_READY_FAIL_MS = 60_000;
/** Event source mappings: Creating, Updating, Enabling, Disabling and Deleting each last a few seconds. */
export const MAPPING_TRANSITION_MS = 3_000;

export function advanceLambda(model: LambdaModel, now: number): void {
  for (const fn of model.functions.values()) {
    settleVersion(fn.latest, now);
    for (const version of fn.versions.values()) settleVersion(version, now);
  }
  for (const [uuid, mapping] of model.mappings) settleMapping(model, uuid, mapping, now);
}

function settleVersion(version: VersionRecord, now: number): void {
  if (version.settlesAt !== undefined && now >= version.settlesAt) {
    delete version.settlesAt;
    if (version.notReady) markFailed(version.config);
    else markActive(version.config);
  }
  if (version.updateDoneAt !== undefined && now >= version.updateDoneAt) {
    delete version.updateDoneAt;
    markUpdated(version.config);
  }
}

/** State Pending, as CreateFunction and PublishVersion answer. */
export function markPending(config: FunctionConfiguration): void {
  config.State = 'Pending';
  config.StateReason = 'The function is being created.';
  config.StateReasonCode = 'Creating';
  delete config.LastUpdateStatus;
  delete config.LastUpdateStatusReason;
  delete config.LastUpdateStatusReasonCode;
}

/**
 * LastUpdateStatus InProgress. Lambda's reason says "created" and its code "Creating" for updates too (the
 * functions-states page shows it); the SDK's enum of reason codes only lists failure codes, hence the cast.
 */
export function markUpdating(config: FunctionConfiguration): void {
  config.LastUpdateStatus = 'InProgress';
  config.LastUpdateStatusReason = 'The function is being created.';
  config.LastUpdateStatusReasonCode = 'Creating' as LastUpdateStatusReasonCode;
}

function markActive(config: FunctionConfiguration): void {
  config.State = 'Active';
  delete config.StateReason;
  delete config.StateReasonCode;
  config.LastUpdateStatus ??= 'Successful';
}

function markUpdated(config: FunctionConfiguration): void {
  config.LastUpdateStatus = 'Successful';
  delete config.LastUpdateStatusReason;
  delete config.LastUpdateStatusReasonCode;
}

function markFailed(config: FunctionConfiguration): void {
  config.State = 'Failed';
  config.StateReason = 'The function could not be initialized because of an internal error.';
  config.StateReasonCode = 'InternalError';
}

function settleMapping(model: LambdaModel, uuid: string, mapping: MappingRecord, now: number): void {
  if (mapping.settlesAt === undefined || now < mapping.settlesAt) return;
  delete mapping.settlesAt;
  if (mapping.config.State === 'Deleting') model.mappings.delete(uuid);
  else mapping.config.State = mapping.enabled ? 'Enabled' : 'Disabled';
}
