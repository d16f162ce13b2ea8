/**
 * Published versions: immutable snapshots of $LATEST numbered from 1, never reused.
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-versions.html
 */
import type { FunctionConfiguration, ListVersionsByFunctionRequest, ListVersionsByFunctionResponse, PublishVersionRequest } from '@aws-sdk/client-lambda';
import { faultMatches } from '../../fault-match.js';
import { aliasesReferencing } from './aliases.js';
import { fingerprintOf } from './configuration.js';
import { codeStorageExceeded, functionNotFound, invalidParameter, resourceConflict } from './errors.js';
import { NOT_READY_FAIL_MS, VERSION_PUBLISH_MS, markPending } from './lifecycle.js';
import { assertNotBusy, checkRevision, newRevisionId, requireFunction } from './lookup.js';
import type { FunctionRecord, LambdaModel, VersionRecord } from './model.js';
import { LATEST, isVersionNumber, lastModified, parseFunctionName } from './names.js';
import { paginate } from './pagination.js';

/** Code storage per region (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
const CODE_STORAGE_LIMIT_BYTES = 75 * 1024 ** 3;

export function publishVersion(model: LambdaModel, input: PublishVersionRequest): FunctionConfiguration {
  const fn = requireFunction(model, parseFunctionName(input.FunctionName).name);
  // Publishing while an update is being applied would snapshot a half-updated function: Lambda refuses.
  assertNotBusy(fn);
  checkRevision(input.RevisionId, fn.latest.config.RevisionId);
  const current = fn.latest.config.CodeSha256;
  if (input.CodeSha256 !== undefined && input.CodeSha256 !== current) {
    throw invalidParameter(
      `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${current}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  return structuredClone(publishNow(model, fn, input.Description).config);
}

/**
 * Snapshots $LATEST as the next version. When neither code nor configuration changed since the last published
 * version, Lambda publishes nothing and returns that version ("Lambda doesn't publish a version if the
 * function's configuration and code haven't changed since the last version",
 * https://docs.aws.amazon.com/lambda/latest/api/API_PublishVersion.html).
 */
export function publishNow(model: LambdaModel, fn: FunctionRecord, description: string | undefined): VersionRecord {
  const fingerprint = fingerprintOf(fn.latest.config);
  const last = lastPublished(fn);
  if (last !== undefined && last.fingerprint === fingerprint) return last;
  assertCodeStorage(model, fn.latest.code.size);
  const now = model.now();
  const number = String(++fn.lastVersionNumber);
  const config = structuredClone(fn.latest.config);
  config.Version = number;
  config.FunctionArn = model.functionArn(fn.name, number);
  config.RevisionId = newRevisionId();
  config.LastModified = lastModified(now);
  if (description !== undefined) config.Description = description;
  markPending(config);
  const notReady = notReadyFault(model, fn.name, number);
  // A version published while $LATEST is still being created or updated is ready only after that finishes.
  const readyFrom = Math.max(now, fn.latest.settlesAt ?? now, fn.latest.updateDoneAt ?? now);
  const version: VersionRecord = {
    config,
    code: fn.latest.code,
    fingerprint,
    settlesAt: notReady ? now + NOT_READY_FAIL_MS : readyFrom + VERSION_PUBLISH_MS,
    policy: [],
  };
  if (notReady) version.notReady = true;
  fn.versions.set(number, version);
  return version;
}

function lastPublished(fn: FunctionRecord): VersionRecord | undefined {
  const numbers = [...fn.versions.keys()].map(Number);
  return numbers.length === 0 ? undefined : fn.versions.get(String(Math.max(...numbers)));
}

/** A lambda-not-ready fault applies when every field it gives matches this function version. */
function notReadyFault(model: LambdaModel, functionName: string, version: string): boolean {
  const subject = { functionName, version, region: model.region };
  return model.world.faults('lambda-not-ready').some((fault) => faultMatches(fault.match, subject));
}

/** Fails when storing `addedBytes` more would exceed the region's code storage. */
export function assertCodeStorage(model: LambdaModel, addedBytes: number): void {
  let total = addedBytes;
  for (const fn of model.functions.values()) {
    total += fn.latest.code.size;
    for (const version of fn.versions.values()) total += version.code.size;
  }
  if (total > CODE_STORAGE_LIMIT_BYTES) throw codeStorageExceeded();
}

export function listVersionsByFunction(model: LambdaModel, input: ListVersionsByFunctionRequest): ListVersionsByFunctionResponse {
  const fn = requireFunction(model, parseFunctionName(input.FunctionName).name);
  const published = [...fn.versions.values()].sort((a, b) => Number(a.config.Version) - Number(b.config.Version));
  const configs = [fn.latest, ...published].map((version) => version.config);
  const page = paginate(configs, (config) => versionKey(config.Version), input, 50);
  const response: ListVersionsByFunctionResponse = { Versions: page.items.map((config) => structuredClone(config)) };
  if (page.nextMarker !== undefined) response.NextMarker = page.nextMarker;
  return response;
}

/** Sort key: $LATEST first, then versions in numeric order. */
export function versionKey(version: string | undefined): string {
  return version === undefined || version === LATEST ? LATEST : version.padStart(12, '0');
}

/** DeleteFunction with a Qualifier. A version that an alias routes to (primary or additional) stays. */
export function deleteVersion(model: LambdaModel, fn: FunctionRecord, qualifier: string): void {
  if (qualifier === LATEST) throw invalidParameter('$LATEST version cannot be deleted without deleting the function.');
  if (!isVersionNumber(qualifier)) throw invalidParameter('Deletion of aliases is not currently supported.');
  if (!fn.versions.has(qualifier)) throw functionNotFound(model.functionArn(fn.name, qualifier));
  const aliases = aliasesReferencing(fn, qualifier);
  if (aliases.length > 0) {
    throw resourceConflict(`Unable to delete version because the following aliases reference it: [${aliases.join(', ')}]`);
  }
  fn.versions.delete(qualifier);
}
