/**
 * Functions and their $LATEST: CreateFunction, GetFunction(Configuration), UpdateFunctionCode,
 * UpdateFunctionConfiguration, DeleteFunction, ListFunctions.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 */
import type {
  CreateFunctionRequest,
  DeleteFunctionRequest,
  FunctionConfiguration,
  GetFunctionResponse,
  ListFunctionsRequest,
  ListFunctionsResponse,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '@aws-sdk/client-lambda';
import { codeLocation, resolveCode } from './code.js';
import { applyConfiguration, defaultConfiguration, validateConfiguration } from './configuration.js';
import { invalidParameter, resourceConflict, validationError } from './errors.js';
import { FUNCTION_CREATE_MS, FUNCTION_UPDATE_MS, markPending, markUpdating } from './lifecycle.js';
import { assertNotBusy, checkRevision, newRevisionId, requireFunction, resolveTarget, type Target } from './lookup.js';
import type { CodeInfo, FunctionRecord, LambdaModel, VersionRecord } from './model.js';
import { lastModified, parseFunctionName, qualifierOf, type QualifiedName } from './names.js';
import { paginate } from './pagination.js';
import { assertCodeStorage, deleteVersion, publishNow, versionKey } from './versions.js';

export function createFunction(model: LambdaModel, input: CreateFunctionRequest): FunctionConfiguration {
  const ref = parseFunctionName(input.FunctionName);
  if (ref.qualifier !== undefined) {
    throw validationError('functionName', input.FunctionName, 'Member must not contain a qualifier');
  }
  if (model.functions.has(ref.name)) throw resourceConflict(`Function already exist: ${ref.name}`);
  if (input.Role === undefined) throw validationError('role', 'null', 'Member must not be null');
  if (input.Code === undefined) throw validationError('code', 'null', 'Member must not be null');
  const packageType = input.PackageType ?? 'Zip';
  if (packageType === 'Zip' && (input.Runtime === undefined || input.Handler === undefined)) {
    throw invalidParameter('Runtime and Handler are mandatory parameters for functions created with deployment packages.');
  }
  validateConfiguration(model, input);
  const code = resolveCode(model, input.Code, packageType, false);
  assertCodeStorage(model, code.size);
  const now = model.now();
  const config = defaultConfiguration(model, ref.name);
  applyConfiguration(config, input);
  if (input.Architectures !== undefined) config.Architectures = input.Architectures;
  setCode(config, code, now);
  config.PackageType = packageType;
  config.RevisionId = newRevisionId();
  markPending(config);
  const latest: VersionRecord = { config, code, settlesAt: now + FUNCTION_CREATE_MS, policy: [] };
  const fn: FunctionRecord = {
    name: ref.name,
    arn: model.functionArn(ref.name),
    latest,
    versions: new Map(),
    lastVersionNumber: 0,
    aliases: new Map(),
    tags: { ...(input.Tags ?? {}) },
  };
  model.functions.set(ref.name, fn);
  // With Publish, Lambda answers with the configuration of version 1 rather than $LATEST.
  if (input.Publish === true) return structuredClone(publishNow(model, fn, undefined).config);
  return structuredClone(config);
}

export function getFunction(model: LambdaModel, input: QualifiedName): GetFunctionResponse {
  const target = findTarget(model, input);
  const response: GetFunctionResponse = {
    Configuration: targetConfiguration(target),
    Code: codeLocation(model, target.fn.name, target.version.code),
  };
  if (Object.keys(target.fn.tags).length > 0) response.Tags = { ...target.fn.tags };
  return response;
}

export function getFunctionConfiguration(model: LambdaModel, input: QualifiedName): FunctionConfiguration {
  return targetConfiguration(findTarget(model, input));
}

function findTarget(model: LambdaModel, input: QualifiedName): Target {
  const ref = parseFunctionName(input.FunctionName);
  return resolveTarget(model, requireFunction(model, ref.name), qualifierOf(ref, input.Qualifier));
}

/** Through an alias, Lambda reports the version it points to under the alias's ARN. */
function targetConfiguration(target: Target): FunctionConfiguration {
  const config = structuredClone(target.version.config);
  if (target.alias !== undefined) config.FunctionArn = target.arn;
  return config;
}

export function updateFunctionCode(model: LambdaModel, input: UpdateFunctionCodeRequest): FunctionConfiguration {
  const fn = requireFunction(model, parseFunctionName(input.FunctionName).name);
  const latest = fn.latest;
  const code = resolveCode(model, input, latest.code.packageType, true);
  if (input.DryRun === true) return structuredClone(latest.config);
  assertNotBusy(fn);
  checkRevision(input.RevisionId, latest.config.RevisionId);
  assertCodeStorage(model, code.size);
  const now = model.now();
  latest.code = code;
  setCode(latest.config, code, now);
  if (input.Architectures !== undefined) latest.config.Architectures = input.Architectures;
  startUpdate(latest, now);
  if (input.Publish === true) return structuredClone(publishNow(model, fn, undefined).config);
  return structuredClone(latest.config);
}

export function updateFunctionConfiguration(model: LambdaModel, input: UpdateFunctionConfigurationRequest): FunctionConfiguration {
  const fn = requireFunction(model, parseFunctionName(input.FunctionName).name);
  const latest = fn.latest;
  validateConfiguration(model, input);
  assertNotBusy(fn);
  checkRevision(input.RevisionId, latest.config.RevisionId);
  const now = model.now();
  applyConfiguration(latest.config, input);
  latest.config.LastModified = lastModified(now);
  startUpdate(latest, now);
  return structuredClone(latest.config);
}

function setCode(config: FunctionConfiguration, code: CodeInfo, now: number): void {
  config.CodeSha256 = code.sha256;
  config.CodeSize = code.size;
  config.LastModified = lastModified(now);
}

function startUpdate(latest: VersionRecord, now: number): void {
  latest.config.RevisionId = newRevisionId();
  markUpdating(latest.config);
  latest.updateDoneAt = now + FUNCTION_UPDATE_MS;
}

/**
 * With a Qualifier, deletes one version; without, the function with its versions, aliases and policies.
 * Event source mappings are separate resources that outlive the function, as in AWS ("To delete Lambda event
 * source mappings that invoke a function, use DeleteEventSourceMapping").
 */
export function deleteFunction(model: LambdaModel, input: DeleteFunctionRequest): void {
  const ref = parseFunctionName(input.FunctionName);
  const fn = requireFunction(model, ref.name);
  const qualifier = qualifierOf(ref, input.Qualifier);
  if (qualifier !== undefined) return deleteVersion(model, fn, qualifier);
  model.functions.delete(fn.name);
  for (const mapping of model.mappings.values()) {
    if (mapping.functionName === fn.name && mapping.config.LastProcessingResult !== undefined) {
      mapping.config.LastProcessingResult = 'PROBLEM: Function not found.';
    }
  }
}

/** `FunctionVersion: ALL` lists every published version too; otherwise only $LATEST of each function. */
export function listFunctions(model: LambdaModel, input: ListFunctionsRequest): ListFunctionsResponse {
  if (input.FunctionVersion !== undefined && input.FunctionVersion !== 'ALL') {
    throw validationError('functionVersion', input.FunctionVersion, 'Member must satisfy enum value set: [ALL]');
  }
  const all = input.FunctionVersion === 'ALL';
  const functions = [...model.functions.values()].sort((a, b) => a.name.localeCompare(b.name));
  const configs = functions.flatMap((fn) => [fn.latest, ...(all ? fn.versions.values() : [])].map((v) => v.config));
  const page = paginate(configs, (config) => `${config.FunctionName}:${versionKey(config.Version)}`, input, 50);
  const response: ListFunctionsResponse = { Functions: page.items.map((config) => structuredClone(config)) };
  if (page.nextMarker !== undefined) response.NextMarker = page.nextMarker;
  return response;
}
