/**
 * Lambda's operations, thin: each takes the restJson1 input (path labels, mapped query string and JSON body
 * merged), turns the wire forms into the SDK's types (base64 blobs, numbers sent as query strings, epoch-second
 * timestamps), calls the model and returns the output shape.
 */
import type {
  AddPermissionRequest,
  CreateAliasRequest,
  CreateEventSourceMappingRequest,
  CreateFunctionRequest,
  DeleteAliasRequest,
  DeleteEventSourceMappingRequest,
  DeleteFunctionRequest,
  FunctionCode,
  GetAliasRequest,
  GetEventSourceMappingRequest,
  GetFunctionConfigurationRequest,
  GetFunctionRequest,
  GetPolicyRequest,
  ListAliasesRequest,
  ListEventSourceMappingsRequest,
  ListFunctionsRequest,
  ListTagsRequest,
  ListVersionsByFunctionRequest,
  PublishVersionRequest,
  RemovePermissionRequest,
  TagResourceRequest,
  UpdateAliasRequest,
  UpdateEventSourceMappingRequest,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from '@aws-sdk/client-lambda';
import type { OperationHandler, RequestContext } from '../../types.js';
import { createAlias, deleteAlias, getAlias, listAliases, updateAlias } from './aliases.js';
import { validationError } from './errors.js';
import {
  createEventSourceMapping,
  deleteEventSourceMapping,
  getEventSourceMapping,
  listEventSourceMappings,
  updateEventSourceMapping,
} from './event-source-mappings.js';
import {
  createFunction,
  deleteFunction,
  getFunction,
  getFunctionConfiguration,
  listFunctions,
  updateFunctionCode,
  updateFunctionConfiguration,
} from './functions.js';
import type { LambdaModel } from './model.js';
import { addPermission, getPolicy, removePermission } from './policy.js';
import { listTags, tagResource, untagResource } from './tags.js';
import { listVersionsByFunction, publishVersion } from './versions.js';

/** Blobs travel as base64 strings in JSON bodies. */
type WireBlob = string | Uint8Array;
type WireCode = Omit<FunctionCode, 'ZipFile'> & { ZipFile?: WireBlob };
/** Query-string members arrive as strings. */
type Paged<T extends { MaxItems?: number | undefined }> = Omit<T, 'MaxItems'> & { MaxItems?: string | number };

function lambdaModel(ctx: RequestContext): LambdaModel {
  return ctx.world.model('lambda', ctx.account, ctx.region);
}

function blob(value: WireBlob | undefined): Uint8Array | undefined {
  if (value === undefined || value instanceof Uint8Array) return value;
  return new Uint8Array(Buffer.from(value, 'base64'));
}

function maxItems(value: string | number | undefined): number | undefined {
  if (value === undefined || typeof value === 'number') return value;
  if (!/^-?\d+$/.test(value)) throw validationError('maxItems', value, 'Member must be an integer');
  return Number(value);
}

/** Timestamps travel as epoch seconds. */
function timestamp(value: Date | number | string | undefined): Date | undefined {
  if (value === undefined || value instanceof Date) return value;
  return typeof value === 'number' ? new Date(value * 1000) : new Date(value);
}

type CreateFunctionWire = Omit<CreateFunctionRequest, 'Code'> & { Code?: WireCode };
type UpdateFunctionCodeWire = Omit<UpdateFunctionCodeRequest, 'ZipFile'> & { ZipFile?: WireBlob };
type CreateMappingWire = Omit<CreateEventSourceMappingRequest, 'StartingPositionTimestamp'> & {
  StartingPositionTimestamp?: Date | number | string;
};
/** `tagKeys` is a repeated query parameter: one key arrives as a string. */
type UntagWire = { Resource?: string; TagKeys?: string | string[] };

export const lambdaHandlers: Record<string, OperationHandler> = {
  CreateFunction: (input: CreateFunctionWire, ctx) => {
    const { Code, ...rest } = input;
    const code = Code === undefined ? undefined : { ...Code, ZipFile: blob(Code.ZipFile) };
    return createFunction(lambdaModel(ctx), { ...rest, Code: code });
  },
  GetFunction: (input: GetFunctionRequest, ctx) => getFunction(lambdaModel(ctx), input),
  GetFunctionConfiguration: (input: GetFunctionConfigurationRequest, ctx) => getFunctionConfiguration(lambdaModel(ctx), input),
  UpdateFunctionCode: (input: UpdateFunctionCodeWire, ctx) => updateFunctionCode(lambdaModel(ctx), { ...input, ZipFile: blob(input.ZipFile) }),
  UpdateFunctionConfiguration: (input: UpdateFunctionConfigurationRequest, ctx) => updateFunctionConfiguration(lambdaModel(ctx), input),
  DeleteFunction: (input: DeleteFunctionRequest, ctx) => deleteFunction(lambdaModel(ctx), input),
  ListFunctions: (input: Paged<ListFunctionsRequest>, ctx) => listFunctions(lambdaModel(ctx), { ...input, MaxItems: maxItems(input.MaxItems) }),
  PublishVersion: (input: PublishVersionRequest, ctx) => publishVersion(lambdaModel(ctx), input),
  ListVersionsByFunction: (input: Paged<ListVersionsByFunctionRequest>, ctx) =>
    listVersionsByFunction(lambdaModel(ctx), { ...input, MaxItems: maxItems(input.MaxItems) }),
  CreateAlias: (input: CreateAliasRequest, ctx) => createAlias(lambdaModel(ctx), input),
  UpdateAlias: (input: UpdateAliasRequest, ctx) => updateAlias(lambdaModel(ctx), input),
  GetAlias: (input: GetAliasRequest, ctx) => getAlias(lambdaModel(ctx), input),
  DeleteAlias: (input: DeleteAliasRequest, ctx) => deleteAlias(lambdaModel(ctx), input),
  ListAliases: (input: Paged<ListAliasesRequest>, ctx) => listAliases(lambdaModel(ctx), { ...input, MaxItems: maxItems(input.MaxItems) }),
  AddPermission: (input: AddPermissionRequest, ctx) => addPermission(lambdaModel(ctx), input),
  RemovePermission: (input: RemovePermissionRequest, ctx) => removePermission(lambdaModel(ctx), input),
  GetPolicy: (input: GetPolicyRequest, ctx) => getPolicy(lambdaModel(ctx), input),
  CreateEventSourceMapping: (input: CreateMappingWire, ctx) =>
    createEventSourceMapping(lambdaModel(ctx), {
      ...input,
      StartingPositionTimestamp: timestamp(input.StartingPositionTimestamp),
    }),
  UpdateEventSourceMapping: (input: UpdateEventSourceMappingRequest, ctx) => updateEventSourceMapping(lambdaModel(ctx), input),
  GetEventSourceMapping: (input: GetEventSourceMappingRequest, ctx) => getEventSourceMapping(lambdaModel(ctx), input),
  DeleteEventSourceMapping: (input: DeleteEventSourceMappingRequest, ctx) => deleteEventSourceMapping(lambdaModel(ctx), input),
  ListEventSourceMappings: (input: Paged<ListEventSourceMappingsRequest>, ctx) =>
    listEventSourceMappings(lambdaModel(ctx), { ...input, MaxItems: maxItems(input.MaxItems) }),
  TagResource: (input: TagResourceRequest, ctx) => tagResource(lambdaModel(ctx), input.Resource, input.Tags),
  UntagResource: (input: UntagWire, ctx) => {
    const keys = typeof input.TagKeys === 'string' ? [input.TagKeys] : (input.TagKeys ?? []);
    return untagResource(lambdaModel(ctx), input.Resource, keys);
  },
  ListTags: (input: ListTagsRequest, ctx) => listTags(lambdaModel(ctx), input.Resource),
};
