/**
 * From a rendered lambdadef to the CreateFunction, UpdateFunctionCode and UpdateFunctionConfiguration requests
 * gitmoxi sends, and whether the live function already runs what they would set. Pure.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
 */
import type { Lambdadef } from '../../defs/lambdadef-schema.js';
import type { CodePackage } from '../../defs/validate.js';
import { isRecord, recordOf } from '../../is-record.js';
import {
  type CreateFunctionRequest,
  functionConfigurationKeys,
  type LambdaFunctionState,
  type UpdateFunctionCodeRequest,
  type UpdateFunctionConfigurationRequest,
} from '../ports/lambda-port.js';

export type { CodePackage };

/**
 * Members that a lambdadef may drop and the live function would otherwise keep: sent with their empty value, so
 * that removing the last environment variable or layer from the file removes it from the function.
 */
const clearedWhenAbsent = {
  Environment: {
    empty: { Variables: {} },
    isSet: (live: unknown) => Object.keys(recordOf(recordOf(live).Variables)).length > 0,
  },
  Layers: { empty: [], isSet: (live: unknown) => Array.isArray(live) && live.length > 0 },
  Description: { empty: '', isSet: (live: unknown) => typeof live === 'string' && live !== '' },
} as const satisfies Partial<Record<(typeof functionConfigurationKeys)[number], { empty: unknown; isSet: (live: unknown) => boolean }>>;

/**
 * CreateFunction: the lambdadef, with gitmoxi's packaged bytes as Code.ZipFile. `Publish` is left out: gitmoxi
 * publishes the version itself, once the function is Active.
 */
export function createFunctionRequest(lambdadef: Lambdadef, packaged: CodePackage | undefined): CreateFunctionRequest {
  const { Publish: _publish, PublishTo: _publishTo, Code: code, ...rest } = lambdadef;
  return { ...rest, Code: packaged ? { ZipFile: packaged.bytes } : code };
}

/** UpdateFunctionCode: the same code source as the lambdadef names, and its architecture. */
export function updateCodeRequest(lambdadef: Lambdadef, packaged: CodePackage | undefined): UpdateFunctionCodeRequest {
  const request: UpdateFunctionCodeRequest = { FunctionName: lambdadef.FunctionName };
  const code = lambdadef.Code;
  if (packaged) request.ZipFile = packaged.bytes;
  else {
    if (code.S3Bucket !== undefined) request.S3Bucket = code.S3Bucket;
    if (code.S3Key !== undefined) request.S3Key = code.S3Key;
    if (code.S3ObjectVersion !== undefined) request.S3ObjectVersion = code.S3ObjectVersion;
    if (code.ImageUri !== undefined) request.ImageUri = code.ImageUri;
    if (code.SourceKMSKeyArn !== undefined) request.SourceKMSKeyArn = code.SourceKMSKeyArn;
  }
  if (lambdadef.Architectures !== undefined) request.Architectures = lambdadef.Architectures;
  return request;
}

/**
 * Whether the code must be sent again. A packaged zip and an image are compared with what runs; an S3 object
 * cannot be (Lambda does not say which object it was, and a new object may replace the same key), so it is
 * always sent, and Lambda's own CodeSha256 then tells whether anything changed.
 */
export function codeChanged(lambdadef: Lambdadef, packaged: CodePackage | undefined, live: LambdaFunctionState): boolean {
  const code = lambdadef.Code;
  if (lambdadef.Architectures !== undefined && !matches(lambdadef.Architectures, live.configuration.Architectures)) return true;
  if (packaged) return packaged.sha256 !== live.codeSha256;
  if (typeof code.ImageUri === 'string') return code.ImageUri !== live.imageUri;
  return true;
}

/** UpdateFunctionConfiguration: every configuration member of the lambdadef, plus the ones it dropped. */
export function updateConfigurationRequest(lambdadef: Lambdadef, live: LambdaFunctionState): UpdateFunctionConfigurationRequest {
  const request: UpdateFunctionConfigurationRequest = { FunctionName: lambdadef.FunctionName };
  for (const key of functionConfigurationKeys) if (lambdadef[key] !== undefined) request[key] = lambdadef[key];
  for (const key of clearedKeys) {
    if (lambdadef[key] === undefined && clearedWhenAbsent[key].isSet(live.configuration[key])) request[key] = clearedWhenAbsent[key].empty;
  }
  return request;
}

const clearedKeys = ['Environment', 'Layers', 'Description'] as const satisfies readonly (keyof typeof clearedWhenAbsent)[];

/** Whether UpdateFunctionConfiguration would change anything: each member sent against what GetFunction answers. */
export function configurationChanged(request: UpdateFunctionConfigurationRequest, live: LambdaFunctionState): boolean {
  return functionConfigurationKeys.some((key) => request[key] !== undefined && !matches(request[key], liveValue(key, live.configuration)));
}

/** GetFunction answers some members in another shape than the request takes them. */
function liveValue(key: string, configuration: Record<string, unknown>): unknown {
  if (key === 'Layers') return (Array.isArray(configuration.Layers) ? configuration.Layers : []).map((layer: unknown) => recordOf(layer).Arn);
  if (key === 'ImageConfig') return recordOf(configuration.ImageConfigResponse).ImageConfig;
  if (key === 'Environment') return { Variables: recordOf(configuration.Environment).Variables ?? {} };
  return configuration[key];
}

/**
 * `wanted` is what a request would set; `live` is what AWS answers, which adds defaults (VpcId, a log group,
 * SnapStart's OptimizationStatus). Objects match when every member given matches; maps whose keys are data
 * (environment variables) match exactly; lists of strings match in any order, as AWS may reorder subnets.
 */
export function matches(wanted: unknown, live: unknown): boolean {
  if (Array.isArray(wanted)) {
    if (!Array.isArray(live) || live.length !== wanted.length) return false;
    if (wanted.every((item) => typeof item === 'string')) return [...wanted].sort().join('\0') === [...live].map(String).sort().join('\0');
    return wanted.every((item, index) => matches(item, live[index]));
  }
  if (wanted !== null && typeof wanted === 'object') {
    if (live === null || typeof live !== 'object') return false;
    if ('Variables' in wanted) return sameMap(wanted.Variables, recordOf(live).Variables);
    return Object.entries(wanted).every(([key, value]) => matches(value, recordOf(live)[key]));
  }
  return wanted === live;
}

function sameMap(wanted: unknown, live: unknown): boolean {
  const a = Object.entries(isRecord(wanted) ? wanted : {}).sort(([x], [y]) => x.localeCompare(y));
  const b = Object.entries(isRecord(live) ? live : {}).sort(([x], [y]) => x.localeCompare(y));
  return JSON.stringify(a) === JSON.stringify(b);
}
