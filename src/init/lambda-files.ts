/**
 * `gitmoxi init --function`: a live function, its alias and its event source mappings as GitMoxi files.
 * Lambda's defaults and server-generated members (ARNs, state, revision ids, code size) are left out.
 */
import { createEventSourceMappingKeys } from '../defs/eventsource-schema.js';
import { createFunctionKeys } from '../defs/lambdadef-schema.js';
import type { EventSourceMappingState, LambdaAliasState, LambdaFunctionState } from '../deploy/ports/lambda-port.js';
import { isOwnTag, pickMembers } from './clean.js';
import { recordOf, recordsOf } from '../is-record.js';

export interface LambdaInitInput {
  region: string;
  fn: LambdaFunctionState;
  alias: LambdaAliasState | null;
  mappings: EventSourceMappingState[];
  /** Where the package lives: an S3 reference, or a path in the repository (a zip gitmoxi uploads). */
  code: { S3Bucket: string; S3Key: string } | { ZipFile: string } | null;
}

export interface LambdaInitFiles {
  lambdadef: Record<string, unknown>;
  lambdadepdef: Record<string, unknown> | null;
  eventsourcedef: Record<string, unknown> | null;
}

const functionDefaults = {
  Description: '',
  Timeout: 3,
  MemorySize: 128,
  PackageType: 'Zip',
  TracingConfig: { Mode: 'PassThrough' },
  Architectures: ['x86_64'],
  EphemeralStorage: { Size: 512 },
  SnapStart: { ApplyOn: 'None' },
};

export function lambdaInitFiles(input: LambdaInitInput): LambdaInitFiles {
  const config = input.fn.configuration;
  const layers = Array.isArray(config.Layers) ? recordsOf(config.Layers).map((layer) => layer.Arn) : undefined;
  const vpc = config.VpcConfig === undefined ? undefined : recordOf(config.VpcConfig);
  const logging = config.LoggingConfig;
  const defaultLogging = recordOf(logging).LogFormat === 'Text' && recordOf(logging).LogGroup === `/aws/lambda/${input.fn.functionName}`;
  const tags = Object.fromEntries(Object.entries(input.fn.tags).filter(([key]) => !isOwnTag(key)));
  const body = {
    ...config,
    FunctionName: input.fn.functionName,
    Code: input.fn.imageUri !== undefined ? { ImageUri: input.fn.imageUri } : (input.code ?? undefined),
    Layers: layers,
    VpcConfig: vpc === undefined ? undefined : { SubnetIds: vpc.SubnetIds, SecurityGroupIds: vpc.SecurityGroupIds },
    LoggingConfig: defaultLogging ? undefined : logging,
    SnapStart: recordOf(config.SnapStart).ApplyOn === 'None' ? undefined : config.SnapStart,
    Tags: tags,
    Publish: undefined,
    PublishTo: undefined,
  };
  const lambdadef = pickMembers(body, createFunctionKeys, functionDefaults);
  const lambdadepdef =
    input.alias === null
      ? null
      : {
          alias: input.alias.name,
          environment: { region: input.region },
          trafficShiftingConfig: { type: 'CANARY', percent: 20, waitInterval: 60 },
          readinessCheck: { waitInterval: 10, maxRetries: 5 },
          alarms: { alarmNames: [] },
        };
  return { lambdadef, lambdadepdef, eventsourcedef: eventSources(input.mappings) };
}

/** gitmoxi keeps one pull source per unit: the first mapping (a second one is left for the operator to move). */
function eventSources(mappings: readonly EventSourceMappingState[]): Record<string, unknown> | null {
  const mapping = mappings[0];
  if (mapping === undefined) return null;
  const keys = createEventSourceMappingKeys.filter((key) => key !== 'FunctionName' && key !== 'Tags' && key !== 'StartingPositionTimestamp');
  const body = { ...mapping.configuration, Enabled: mapping.state === 'Enabled' || mapping.state === 'Creating' ? undefined : false };
  return { PullEventSources: { EventSourceMapping: pickMembers(body, keys, { MaximumBatchingWindowInSeconds: 0 }) } };
}
