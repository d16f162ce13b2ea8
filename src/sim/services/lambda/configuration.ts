/**
 * The configuration half of CreateFunction and UpdateFunctionConfiguration: validation the way Lambda does it,
 * defaults Lambda fills in, and the request-to-response shape changes (Environment, VpcConfig, Layers...).
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
 */
import { createHash } from 'node:crypto';
import type { FunctionConfiguration, UpdateFunctionConfigurationRequest } from '@aws-sdk/client-lambda';
import { environmentVariableName, handlerPattern, lambdaRuntimes, retiredRuntimes } from '../../../defs/lambda-runtimes.js';
import { roleNameOf, seededRoles } from '../../seeded-roles.js';
import { invalidParameter, validationError } from './errors.js';
import type { LambdaModel } from './model.js';

/** The members both CreateFunction and UpdateFunctionConfiguration accept. */
export type ConfigurationInput = Omit<UpdateFunctionConfigurationRequest, 'FunctionName' | 'RevisionId'>;

const rolePattern = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

// Variables Lambda sets itself and refuses to let a function override
// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
const reservedVariables = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

/** Environment variables may total 4 KB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
const environmentLimitBytes = 4096;

/** What a new function's configuration holds before the request's members are applied. */
export function defaultConfiguration(model: LambdaModel, name: string): FunctionConfiguration {
  return {
    FunctionName: name,
    FunctionArn: model.functionArn(name),
    Description: '',
    Timeout: 3,
    MemorySize: 128,
    Version: '$LATEST',
    TracingConfig: { Mode: 'PassThrough' },
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
  };
}

export function validateConfiguration(model: LambdaModel, input: ConfigurationInput): void {
  if (input.Role !== undefined) validateRole(model, input.Role);
  checkRange('timeout', input.Timeout, 1, 900);
  checkRange('memorySize', input.MemorySize, 128, 10240);
  checkRange('ephemeralStorage.size', input.EphemeralStorage?.Size, 512, 10240);
  if (input.Runtime !== undefined) validateRuntime(input.Runtime);
  if (input.Handler !== undefined && (!handlerPattern.test(input.Handler) || input.Handler.length > 128)) {
    throw validationError('handler', input.Handler, 'Member must satisfy regular expression pattern: [^\\s]+');
  }
  const variables = input.Environment?.Variables;
  if (variables !== undefined) validateEnvironment(variables);
}

function validateRuntime(runtime: string): void {
  if (!lambdaRuntimes.includes(runtime)) {
    throw validationError('runtime', runtime, `Member must satisfy enum value set: [${lambdaRuntimes.join(', ')}]`);
  }
  if (retiredRuntimes.has(runtime)) {
    throw invalidParameter(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
    );
  }
}

function validateRole(model: LambdaModel, role: string): void {
  if (!rolePattern.test(role)) {
    throw validationError('role', role, `Member must satisfy regular expression pattern: ${rolePattern.source.slice(1, -1)}`);
  }
  // A scenario that seeds roles models an account where only those exist; Lambda then fails to assume others.
  const roles = seededRoles(model.world.scenario.infrastructure);
  if (roles.length > 0 && !roles.some((seeded) => seeded.name === roleNameOf(role) && seeded.trust.includes('lambda.amazonaws.com'))) {
    throw invalidParameter('The role defined for the function cannot be assumed by Lambda.');
  }
}

function checkRange(member: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (value < min) throw validationError(member, String(value), `Member must have value greater than or equal to ${min}`);
  if (value > max) throw validationError(member, String(value), `Member must have value less than or equal to ${max}`);
}

function validateEnvironment(variables: Record<string, string>): void {
  // The variables are a sensitive member: Lambda's message names the constraint, never the values.
  if (Object.keys(variables).some((key) => !environmentVariableName.test(key))) {
    throw validationError(
      'environment.variables',
      '[sensitive]',
      'Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]',
    );
  }
  const reserved = Object.keys(variables).filter((key) => reservedVariables.has(key));
  if (reserved.length > 0) {
    throw invalidParameter(
      'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ' +
        reserved.join(', '),
    );
  }
  const measured = JSON.stringify(variables);
  if (Buffer.byteLength(measured, 'utf8') > environmentLimitBytes) {
    throw invalidParameter(
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
    );
  }
}

/** Applies the request members to a configuration, in the shapes the responses use. */
export function applyConfiguration(config: FunctionConfiguration, input: ConfigurationInput): void {
  const simple = [
    'Role',
    'Handler',
    'Description',
    'Timeout',
    'MemorySize',
    'Runtime',
    'DeadLetterConfig',
    'KMSKeyArn',
    'TracingConfig',
    'FileSystemConfigs',
    'EphemeralStorage',
    'LoggingConfig',
  ] as const;
  for (const member of simple) {
    if (input[member] !== undefined) Object.assign(config, { [member]: input[member] });
  }
  if (input.Environment !== undefined) config.Environment = { Variables: { ...(input.Environment.Variables ?? {}) } };
  if (input.Layers !== undefined) config.Layers = input.Layers.map((arn) => ({ Arn: arn, CodeSize: 0 }));
  if (input.ImageConfig !== undefined) config.ImageConfigResponse = { ImageConfig: input.ImageConfig };
  if (input.SnapStart !== undefined) {
    config.SnapStart = { ApplyOn: input.SnapStart.ApplyOn ?? 'None', OptimizationStatus: 'Off' };
  }
  if (input.VpcConfig !== undefined) {
    const subnets = input.VpcConfig.SubnetIds ?? [];
    config.VpcConfig = {
      SubnetIds: subnets,
      SecurityGroupIds: input.VpcConfig.SecurityGroupIds ?? [],
      // The VPC is the subnets'; the simulator has no EC2, so derive a stable id from them.
      VpcId: subnets.length > 0 ? `vpc-${sha256Hex(subnets.join(',')).slice(0, 17)}` : '',
      Ipv6AllowedForDualStack: input.VpcConfig.Ipv6AllowedForDualStack ?? false,
    };
  }
}

/**
 * Members that say what $LATEST runs (code hash included, state and identity excluded): PublishVersion compares
 * them with the last version's to decide whether anything changed.
 */
export function fingerprintOf(config: FunctionConfiguration): string {
  const {
    FunctionArn: _arn,
    Version: _version,
    RevisionId: _revision,
    LastModified: _modified,
    State: _state,
    StateReason: _stateReason,
    StateReasonCode: _stateCode,
    LastUpdateStatus: _update,
    LastUpdateStatusReason: _updateReason,
    LastUpdateStatusReasonCode: _updateCode,
    ...relevant
  } = config;
  return sha256Hex(stableJson(relevant));
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${stableJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
