/**
 * AWS Lambda: functions, versions, aliases, permissions and event source mappings. Failures are PortErrors
 * (../port-error.ts).
 */
import type { EventSourceMapping } from '../../defs/eventsource-schema.js';
import type { Lambdadef } from '../../defs/lambdadef-schema.js';
import type { Tags } from './tagging-port.js';

/** The members UpdateFunctionConfiguration accepts; CreateFunction sets them too. */
export const functionConfigurationKeys = [
  'Role',
  'Handler',
  'Description',
  'Timeout',
  'MemorySize',
  'VpcConfig',
  'Environment',
  'Runtime',
  'DeadLetterConfig',
  'KMSKeyArn',
  'TracingConfig',
  'Layers',
  'FileSystemConfigs',
  'ImageConfig',
  'EphemeralStorage',
  'SnapStart',
  'LoggingConfig',
  'CapacityProviderConfig',
  'DurableConfig',
] as const;

type FunctionConfigurationKey = (typeof functionConfigurationKeys)[number];

/** What a function runs: the zip gitmoxi packaged (its bytes), or the lambdadef's Code (an S3 object, an image). */
type FunctionCode = { ZipFile: Uint8Array } | Lambdadef['Code'];

/**
 * CreateFunction: the lambdadef's members, those gitmoxi reads typed and the rest as the file wrote them (the schema
 * let them through; Lambda validates them), with the code to send.
 */
export interface CreateFunctionRequest {
  FunctionName: string;
  Code: FunctionCode;
  Tags?: Tags | undefined;
  [member: string]: unknown;
}

/** UpdateFunctionCode: one code source, and the architecture. */
export interface UpdateFunctionCodeRequest {
  FunctionName: string;
  ZipFile?: Uint8Array;
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  ImageUri?: string;
  /** Passed through from the lambdadef's Code as written. */
  SourceKMSKeyArn?: unknown;
  Architectures?: ('x86_64' | 'arm64')[];
}

/** UpdateFunctionConfiguration: the configuration members to set, as the lambdadef writes them. */
export type UpdateFunctionConfigurationRequest = { FunctionName: string } & { [K in FunctionConfigurationKey]?: unknown };

/** CreateEventSourceMapping: the mapping of the eventsource file, pointed at the function, with gitmoxi's tags. */
export type CreateEventSourceMappingRequest = EventSourceMapping & { FunctionName: string; Tags: Tags };

/** The members UpdateEventSourceMapping accepts besides FunctionName and Enabled. */
export const eventSourceMappingUpdateKeys = [
  'BatchSize',
  'FilterCriteria',
  'MaximumBatchingWindowInSeconds',
  'DestinationConfig',
  'MaximumRecordAgeInSeconds',
  'BisectBatchOnFunctionError',
  'MaximumRetryAttempts',
  'ParallelizationFactor',
  'SourceAccessConfigurations',
  'TumblingWindowInSeconds',
  'FunctionResponseTypes',
  'ScalingConfig',
  'AmazonManagedKafkaEventSourceConfig',
  'SelfManagedKafkaEventSourceConfig',
  'DocumentDBEventSourceConfig',
  'KMSKeyArn',
  'MetricsConfig',
  'LoggingConfig',
  'ProvisionedPollerConfig',
] as const;

/** UpdateEventSourceMapping: the members that differ from the live mapping, as the eventsource file writes them. */
export type EventSourceMappingUpdate = { [K in (typeof eventSourceMappingUpdateKeys)[number]]?: unknown } & { Enabled?: boolean };

/** A Lambda function's `$LATEST`, as GetFunction describes it. */
export interface LambdaFunctionState {
  functionName: string;
  /** The unqualified function ARN. */
  functionArn: string;
  /** Pending, Active, Inactive or Failed. */
  state: string;
  stateReason?: string;
  /** InProgress, Successful or Failed: Lambda refuses another change while an update is InProgress. */
  lastUpdateStatus?: string;
  lastUpdateStatusReason?: string;
  /** Zip or Image. */
  packageType: string;
  /** Base64 SHA-256 of the deployment package (the image digest for Image functions). */
  codeSha256: string;
  /** The image an Image function runs, as it was given (GetFunction's Code.ImageUri). */
  imageUri?: string;
  /** The configuration members GetFunction answers (Runtime, Handler, Environment, …), to compare with a lambdadef. */
  configuration: Record<string, unknown>;
  tags: Tags;
}

/** One published version (or `$LATEST`), as GetFunctionConfiguration with a Qualifier describes it. */
export interface LambdaVersionState {
  version: string;
  /** The qualified ARN of the version. */
  functionArn: string;
  /** Pending, Active, Inactive or Failed. */
  state: string;
  stateReason?: string;
  codeSha256: string;
}

/** An alias: its version and, while traffic is being shifted, the weight of the one additional version. */
export interface LambdaAliasState {
  name: string;
  aliasArn: string;
  functionVersion: string;
  /** RoutingConfig.AdditionalVersionWeights: version → share (0–1) of the alias's traffic. */
  additionalWeights: Record<string, number>;
}

/** One statement of a function's, version's or alias's resource-based policy. */
export interface PermissionState {
  statementId: string;
  /** The service principal (`elasticloadbalancing.amazonaws.com`), account or `*`. */
  principal?: string;
  action?: string;
  /** The AWS:SourceArn condition, when the statement has one. */
  sourceArn?: string;
}

/** The permission gitmoxi grants a push source: AddPermission's members. */
export interface PermissionGrant {
  statementId: string;
  principal: string;
  action: string;
  sourceArn: string;
}

/** An event source mapping, with its tags (gitmoxi tags the mappings it creates). */
export interface EventSourceMappingState {
  uuid: string;
  eventSourceMappingArn?: string;
  eventSourceArn?: string;
  /** The (qualified) ARN of the function the mapping invokes. */
  functionArn: string;
  /** Creating, Enabling, Enabled, Disabling, Disabled, Updating or Deleting. */
  state: string;
  /** The mapping as GetEventSourceMapping answers it, to compare with the definition. */
  configuration: Record<string, unknown>;
  tags: Tags;
}

/**
 * AWS Lambda. Failures are PortErrors (port-error.ts) whose kind says what they mean: `conflict` while an update is
 * in progress (ResourceConflictException), so that strategies can wait for the function and try again.
 */
export interface LambdaPort {
  /** GetFunction; null when the function does not exist. */
  describeFunction(functionName: string): Promise<LambdaFunctionState | null>;
  /** CreateFunction with the lambdadef body (Code.ZipFile as bytes when gitmoxi packaged it). */
  createFunction(request: CreateFunctionRequest): Promise<LambdaFunctionState>;
  /** UpdateFunctionCode: S3Bucket/S3Key, ImageUri or ZipFile, and Architectures. */
  updateFunctionCode(request: UpdateFunctionCodeRequest): Promise<void>;
  /** UpdateFunctionConfiguration with the lambdadef's configuration members. */
  updateFunctionConfiguration(request: UpdateFunctionConfigurationRequest): Promise<void>;
  /** PublishVersion, guarded by the code hash that was checked; Lambda returns the last version when nothing changed. */
  publishVersion(functionName: string, codeSha256: string, description: string): Promise<LambdaVersionState>;
  /** GetFunctionConfiguration of one version (`$LATEST` included); null when it does not exist. */
  describeVersion(functionName: string, version: string): Promise<LambdaVersionState | null>;
  /** DeleteFunction with a Qualifier: one published version. */
  deleteVersion(functionName: string, version: string): Promise<void>;
  /** DeleteFunction: the function with its versions, aliases and policies. */
  deleteFunction(functionName: string): Promise<void>;
  /** GetAlias; null when the alias does not exist. */
  describeAlias(functionName: string, alias: string): Promise<LambdaAliasState | null>;
  /** CreateAlias pointing at one version. */
  createAlias(functionName: string, alias: string, version: string): Promise<LambdaAliasState>;
  /**
   * UpdateAlias: `version` takes the traffic that `additional` (one other version and its 0–1 weight) does not;
   * null clears the routing configuration.
   */
  routeAlias(functionName: string, alias: string, version: string, additional: { version: string; weight: number } | null): Promise<LambdaAliasState>;
  /** ListAliases, with FunctionVersion when given: the aliases that route any traffic to that version (null: every alias). */
  aliasesOfVersion(functionName: string, version: string | null): Promise<string[]>;
  /** GetPolicy of the function or one of its aliases (`qualifier`); no policy is an empty list. */
  permissions(functionName: string, qualifier: string | null): Promise<PermissionState[]>;
  /** AddPermission on the function or one of its aliases. */
  addPermission(functionName: string, qualifier: string | null, grant: PermissionGrant): Promise<void>;
  /** RemovePermission of one statement. */
  removePermission(functionName: string, qualifier: string | null, statementId: string): Promise<void>;
  /** ListEventSourceMappings of the function (every qualifier, every page), each with ListTags. */
  eventSourceMappings(functionName: string): Promise<EventSourceMappingState[]>;
  /** GetEventSourceMapping; null when it is gone. */
  describeEventSourceMapping(uuid: string): Promise<EventSourceMappingState | null>;
  /** CreateEventSourceMapping (with Tags). */
  createEventSourceMapping(request: CreateEventSourceMappingRequest): Promise<EventSourceMappingState>;
  /** UpdateEventSourceMapping with the members it accepts. */
  updateEventSourceMapping(uuid: string, update: EventSourceMappingUpdate): Promise<EventSourceMappingState>;
  /** DeleteEventSourceMapping. */
  deleteEventSourceMapping(uuid: string): Promise<void>;
  /** TagResource of a function or an event source mapping. */
  tagResource(resourceArn: string, tags: Tags): Promise<void>;
  /** ListFunctions, every page: the names of the Region's functions (for finding orphaned units). */
  listFunctionNames(): Promise<string[]>;
  /** UntagResource of a function (keys that are not there are not an error). */
  untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void>;
}
