/**
 * Event source mappings: Lambda-managed pollers that read a queue or stream and invoke a function (or one of
 * its aliases or versions). https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 */
import { randomUUID } from 'node:crypto';
import type {
  CreateEventSourceMappingRequest,
  DeleteEventSourceMappingRequest,
  EventSourceMappingConfiguration,
  GetEventSourceMappingRequest,
  ListEventSourceMappingsRequest,
  ListEventSourceMappingsResponse,
  UpdateEventSourceMappingRequest,
} from '@aws-sdk/client-lambda';
import { invalidParameter, resourceConflict, resourceInUse, resourceNotFound } from './errors.js';
import { MAPPING_TRANSITION_MS } from './lifecycle.js';
import { requireFunction, resolveTarget, type Target } from './lookup.js';
import type { LambdaModel, MappingRecord, MappingTransition } from './model.js';
import { eventSourceMappingArn, parseFunctionName } from './names.js';
import { paginate } from './pagination.js';

type SourceKind = 'sqs' | 'kinesis' | 'dynamodb' | 'kafka' | 'mq' | 'docdb';

/** BatchSize default and maximum per source (API_CreateEventSourceMapping, "BatchSize"). FIFO queues: max 10. */
const batchLimits: Record<SourceKind, { default: number; max: number }> = {
  sqs: { default: 10, max: 10_000 },
  kinesis: { default: 100, max: 10_000 },
  dynamodb: { default: 100, max: 10_000 },
  kafka: { default: 100, max: 10_000 },
  mq: { default: 100, max: 10_000 },
  docdb: { default: 100, max: 10_000 },
};

/** Sources that are read from a position (streams and Kafka) rather than consumed (queues). */
const positional = new Set<SourceKind>(['kinesis', 'dynamodb', 'kafka', 'docdb']);
const transitional = new Set<string>(['Creating', 'Updating', 'Enabling', 'Disabling', 'Deleting']);

/** Members copied as given on create and update; the others have defaults or rules below. */
const passThrough = [
  'FilterCriteria',
  'KMSKeyArn',
  'MetricsConfig',
  'LoggingConfig',
  'ScalingConfig',
  'DestinationConfig',
  'SourceAccessConfigurations',
  'FunctionResponseTypes',
  'DocumentDBEventSourceConfig',
  'ProvisionedPollerConfig',
  'AmazonManagedKafkaEventSourceConfig',
  'SelfManagedKafkaEventSourceConfig',
  'ParallelizationFactor',
  'MaximumRecordAgeInSeconds',
  'BisectBatchOnFunctionError',
  'MaximumRetryAttempts',
  'TumblingWindowInSeconds',
  'MaximumBatchingWindowInSeconds',
  'BatchSize',
] as const;

export function createEventSourceMapping(model: LambdaModel, input: CreateEventSourceMappingRequest): EventSourceMappingConfiguration {
  const target = findTarget(model, input.FunctionName);
  const kind = sourceKind(input);
  validateStartingPosition(kind, input);
  const uuid = randomUUID();
  const config: EventSourceMappingConfiguration = {
    UUID: uuid,
    BatchSize: batchLimits[kind].default,
    MaximumBatchingWindowInSeconds: 0,
    EventSourceArn: input.EventSourceArn,
    FunctionArn: target.arn,
    LastModified: new Date(model.now()),
    State: 'Creating',
    StateTransitionReason: 'USER_INITIATED',
    FunctionResponseTypes: [],
    EventSourceMappingArn: eventSourceMappingArn(model.region, model.account, uuid),
    ...(positional.has(kind) ? streamDefaults(input) : {}),
    ...(input.Topics ? { Topics: input.Topics } : {}),
    ...(input.Queues ? { Queues: input.Queues } : {}),
    ...(input.SelfManagedEventSource ? { SelfManagedEventSource: input.SelfManagedEventSource } : {}),
  };
  copyMembers(config, input);
  validateBatching(kind, config);
  assertNoDuplicate(model, config, undefined);
  const mapping: MappingRecord = {
    config,
    functionName: target.fn.name,
    settlesAt: model.now() + MAPPING_TRANSITION_MS,
    enabled: input.Enabled ?? true,
    tags: { ...(input.Tags ?? {}) },
  };
  model.mappings.set(uuid, mapping);
  return structuredClone(config);
}

export function updateEventSourceMapping(model: LambdaModel, input: UpdateEventSourceMappingRequest): EventSourceMappingConfiguration {
  const mapping = requireMapping(model, input.UUID);
  assertSettled(mapping);
  const config = structuredClone(mapping.config);
  let functionName = mapping.functionName;
  if (input.FunctionName !== undefined) {
    const target = findTarget(model, input.FunctionName);
    config.FunctionArn = target.arn;
    functionName = target.fn.name;
  }
  copyMembers(config, input);
  validateBatching(sourceKind(config), config);
  assertNoDuplicate(model, config, mapping);
  const enabled = input.Enabled ?? mapping.enabled;
  // Switching the poller on or off shows as Enabling/Disabling; any other change as Updating.
  const transition: MappingTransition = enabled === mapping.enabled ? 'Updating' : enabled ? 'Enabling' : 'Disabling';
  config.State = transition;
  config.StateTransitionReason = 'USER_INITIATED';
  config.LastModified = new Date(model.now());
  mapping.config = config;
  mapping.functionName = functionName;
  mapping.enabled = enabled;
  mapping.settlesAt = model.now() + MAPPING_TRANSITION_MS;
  return structuredClone(config);
}

/** The mapping answers Deleting, and disappears when the poller has stopped. */
export function deleteEventSourceMapping(model: LambdaModel, input: DeleteEventSourceMappingRequest): EventSourceMappingConfiguration {
  const mapping = requireMapping(model, input.UUID);
  assertSettled(mapping);
  mapping.config.State = 'Deleting';
  mapping.config.StateTransitionReason = 'USER_INITIATED';
  mapping.settlesAt = model.now() + MAPPING_TRANSITION_MS;
  return structuredClone(mapping.config);
}

export function getEventSourceMapping(model: LambdaModel, input: GetEventSourceMappingRequest): EventSourceMappingConfiguration {
  return structuredClone(requireMapping(model, input.UUID).config);
}

/** By event source and/or function; a qualified function name lists only the mappings of that qualifier. */
export function listEventSourceMappings(model: LambdaModel, input: ListEventSourceMappingsRequest): ListEventSourceMappingsResponse {
  const ref = input.FunctionName === undefined ? undefined : parseFunctionName(input.FunctionName);
  const qualifiedArn = ref?.qualifier === undefined ? undefined : model.functionArn(ref.name, ref.qualifier);
  const mappings = [...model.mappings.values()]
    .filter((mapping) => input.EventSourceArn === undefined || mapping.config.EventSourceArn === input.EventSourceArn)
    .filter((mapping) => ref === undefined || mapping.functionName === ref.name)
    .filter((mapping) => qualifiedArn === undefined || mapping.config.FunctionArn === qualifiedArn)
    .map((mapping) => mapping.config)
    .sort((a, b) => (a.UUID ?? '').localeCompare(b.UUID ?? ''));
  const page = paginate(mappings, (config) => config.UUID ?? '', input, 100);
  const response: ListEventSourceMappingsResponse = {
    EventSourceMappings: page.items.map((config) => structuredClone(config)),
  };
  if (page.nextMarker !== undefined) response.NextMarker = page.nextMarker;
  return response;
}

function findTarget(model: LambdaModel, functionName: string | undefined): Target {
  const ref = parseFunctionName(functionName);
  return resolveTarget(model, requireFunction(model, ref.name), ref.qualifier);
}

function requireMapping(model: LambdaModel, uuid: string | undefined): MappingRecord {
  const mapping = uuid === undefined ? undefined : model.mappings.get(uuid);
  if (mapping === undefined) throw resourceNotFound('The resource you requested does not exist.');
  return mapping;
}

/** A mapping in transition refuses further changes until it settles (ResourceInUseException). */
function assertSettled(mapping: MappingRecord): void {
  const state = mapping.config.State ?? '';
  if (transitional.has(state)) {
    throw resourceInUse(`Cannot update the event source mapping ${mapping.config.UUID ?? ''} because it is in use: it is currently in the ${state} state.`);
  }
}

function sourceKind(source: { EventSourceArn?: string | undefined; SelfManagedEventSource?: unknown }): SourceKind {
  const arn = source.EventSourceArn;
  if (arn === undefined) {
    if (source.SelfManagedEventSource !== undefined) return 'kafka';
    throw invalidParameter('Unrecognized event source, must be kinesis, dynamodb stream or sqs.');
  }
  const service = /^arn:aws[a-zA-Z-]*:([a-z0-9-]+):/.exec(arn)?.[1];
  if (service === 'sqs' || service === 'kinesis' || service === 'kafka' || service === 'mq') return service;
  if (service === 'dynamodb' && arn.includes('/stream/')) return 'dynamodb';
  if (service === 'rds') return 'docdb';
  throw invalidParameter('Unrecognized event source, must be kinesis, dynamodb stream or sqs.');
}

function validateStartingPosition(kind: SourceKind, input: CreateEventSourceMappingRequest): void {
  const position = input.StartingPosition;
  if (positional.has(kind) && position === undefined) {
    throw invalidParameter(`StartingPosition is required for event sources of type ${kind}.`);
  }
  if (!positional.has(kind) && position !== undefined) {
    throw invalidParameter(`StartingPosition is not valid for event sources of type ${kind}.`);
  }
  if (position === 'AT_TIMESTAMP' && (kind !== 'kinesis' || input.StartingPositionTimestamp === undefined)) {
    throw invalidParameter('AT_TIMESTAMP is only valid for Kinesis event sources, with a StartingPositionTimestamp.');
  }
}

/** Streams report their retry and batching settings with these defaults. */
function streamDefaults(input: CreateEventSourceMappingRequest): EventSourceMappingConfiguration {
  return {
    StartingPosition: input.StartingPosition,
    ...(input.StartingPositionTimestamp ? { StartingPositionTimestamp: input.StartingPositionTimestamp } : {}),
    ParallelizationFactor: 1,
    LastProcessingResult: 'No records processed',
    DestinationConfig: { OnFailure: {} },
    MaximumRecordAgeInSeconds: -1,
    BisectBatchOnFunctionError: false,
    MaximumRetryAttempts: -1,
    TumblingWindowInSeconds: 0,
  };
}

type PassThroughMembers = Partial<Record<(typeof passThrough)[number], unknown>>;

function copyMembers(config: EventSourceMappingConfiguration, input: PassThroughMembers): void {
  for (const member of passThrough) {
    if (input[member] !== undefined) Object.assign(config, { [member]: input[member] });
  }
}

function validateBatching(kind: SourceKind, config: EventSourceMappingConfiguration): void {
  const size = config.BatchSize ?? batchLimits[kind].default;
  const fifo = kind === 'sqs' && (config.EventSourceArn ?? '').endsWith('.fifo');
  const max = fifo ? 10 : batchLimits[kind].max;
  if (!Number.isInteger(size) || size < 1 || size > max) {
    throw invalidParameter(fifo ? 'Batch size for FIFO queues must be between 1 and 10' : `BatchSize must be between 1 and ${max} for ${kind} event sources.`);
  }
  // SQS batches above 10 records need a batching window (API_CreateEventSourceMapping, "BatchSize").
  if (kind === 'sqs' && size > 10 && !((config.MaximumBatchingWindowInSeconds ?? 0) > 0)) {
    throw invalidParameter('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
  }
}

/** One mapping per event source and function (qualifier included). */
function assertNoDuplicate(model: LambdaModel, config: EventSourceMappingConfiguration, self: MappingRecord | undefined): void {
  if (config.EventSourceArn === undefined) return;
  for (const other of model.mappings.values()) {
    if (other === self || other.config.State === 'Deleting') continue;
    if (other.config.EventSourceArn === config.EventSourceArn && other.config.FunctionArn === config.FunctionArn) {
      throw resourceConflict(
        `The event source arn (" ${config.EventSourceArn} ") and function (" ${other.functionName} ") provided mapping already exists. Please update or delete the existing mapping with UUID ${other.config.UUID ?? ''}`,
      );
    }
  }
}
