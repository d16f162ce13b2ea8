/** From the Lambda SDK's output shapes to the port's states (src/deploy/ports/lambda-port.ts). Pure. */
import type { AliasConfiguration, EventSourceMappingConfiguration, FunctionConfiguration, GetFunctionCommandOutput } from '@aws-sdk/client-lambda';
import type { EventSourceMappingState, LambdaAliasState, LambdaFunctionState, LambdaVersionState, PermissionState } from '../deploy/ports/lambda-port.js';
import type { Tags } from '../deploy/ports/tagging-port.js';
import { isRecord, recordOf } from '../is-record.js';
import { compact } from './compact.js';

/** Members of GetFunction's Configuration that describe the answer rather than the configuration. */
const stateMembers = new Set([
  'FunctionName',
  'FunctionArn',
  'Version',
  'RevisionId',
  'LastModified',
  'CodeSha256',
  'CodeSize',
  'State',
  'StateReason',
  'StateReasonCode',
  'LastUpdateStatus',
  'LastUpdateStatusReason',
  'LastUpdateStatusReasonCode',
  'MasterArn',
  'SigningProfileVersionArn',
  'SigningJobArn',
  'RuntimeVersionConfig',
  'PackageType',
]);

export function toFunctionState(output: GetFunctionCommandOutput): LambdaFunctionState {
  const config = output.Configuration ?? {};
  const configuration = Object.fromEntries(Object.entries(config).filter(([key, value]) => value !== undefined && !stateMembers.has(key)));
  return compact({
    functionName: config.FunctionName ?? '',
    functionArn: unqualified(config.FunctionArn ?? ''),
    state: config.State ?? 'Active',
    stateReason: config.StateReason,
    lastUpdateStatus: config.LastUpdateStatus,
    lastUpdateStatusReason: config.LastUpdateStatusReason,
    packageType: config.PackageType ?? 'Zip',
    codeSha256: config.CodeSha256 ?? '',
    imageUri: output.Code?.ImageUri,
    configuration,
    tags: { ...(output.Tags ?? {}) },
  });
}

export function toVersionState(config: FunctionConfiguration): LambdaVersionState {
  return compact({
    version: config.Version ?? '$LATEST',
    functionArn: config.FunctionArn ?? '',
    state: config.State ?? 'Active',
    stateReason: config.StateReason,
    codeSha256: config.CodeSha256 ?? '',
  });
}

export function toAliasState(alias: AliasConfiguration): LambdaAliasState {
  const weights = alias.RoutingConfig?.AdditionalVersionWeights ?? {};
  return {
    name: alias.Name ?? '',
    aliasArn: alias.AliasArn ?? '',
    functionVersion: alias.FunctionVersion ?? '',
    additionalWeights: Object.fromEntries(Object.entries(weights).filter((entry): entry is [string, number] => typeof entry[1] === 'number')),
  };
}

export function toMappingState(mapping: EventSourceMappingConfiguration, tags: Tags): EventSourceMappingState {
  const configuration = Object.fromEntries(Object.entries(mapping).filter(([, value]) => value !== undefined));
  return compact({
    uuid: mapping.UUID ?? '',
    eventSourceMappingArn: mapping.EventSourceMappingArn,
    eventSourceArn: mapping.EventSourceArn,
    functionArn: mapping.FunctionArn ?? '',
    state: mapping.State ?? '',
    configuration,
    tags,
  });
}

/** GetPolicy's `Policy` is a JSON string; each statement's service principal, action and AWS:SourceArn. */
export function toPermissions(policy: string | undefined): PermissionState[] {
  if (policy === undefined) return [];
  const document: unknown = JSON.parse(policy);
  const statements = recordOf(document).Statement;
  return (Array.isArray(statements) ? statements : []).map((statement: unknown) => {
    const given = recordOf(statement).Principal;
    const principal = typeof given === 'string' ? given : (text(recordOf(given).Service) ?? text(recordOf(given).AWS));
    const action = recordOf(statement).Action;
    return compact({
      statementId: text(recordOf(statement).Sid) ?? '',
      principal,
      action: Array.isArray(action) ? action.join(',') : text(action),
      sourceArn: sourceArnOf(recordOf(statement).Condition),
    });
  });
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** AWS:SourceArn under ArnLike or ArnEquals (IAM condition keys are case-insensitive). */
function sourceArnOf(condition: unknown): string | undefined {
  for (const operator of Object.values(isRecord(condition) ? condition : {})) {
    for (const [key, value] of Object.entries(isRecord(operator) ? operator : {})) if (key.toLowerCase() === 'aws:sourcearn') return text(value);
  }
  return undefined;
}

/** `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]` → without the qualifier. */
function unqualified(arn: string): string {
  const parts = arn.split(':');
  return parts.length > 7 ? parts.slice(0, 7).join(':') : arn;
}
