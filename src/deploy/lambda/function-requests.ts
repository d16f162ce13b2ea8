/**
 * From a rendered lambdadef to the CreateFunction, UpdateFunctionCode and UpdateFunctionConfiguration requests
 * gitmoxi sends, and whether the live function already runs what they would set. Pure.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html
 */
import type { CodePackage } from '../../defs/validate.js';
import type { LambdaFunctionState } from '../ports/lambda-port.js';

export type { CodePackage };

/** The members UpdateFunctionConfiguration accepts; CreateFunction sets them too. */
export const configurationKeys = [
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

/**
 * Members that a lambdadef may drop and the live function would otherwise keep: sent with their empty value, so
 * that removing the last environment variable or layer from the file removes it from the function.
 */
const clearedWhenAbsent: Record<string, { empty: unknown; isSet: (live: unknown) => boolean }> = {
  Environment: { empty: { Variables: {} }, isSet: (live) => Object.keys((live as { Variables?: object } | undefined)?.Variables ?? {}).length > 0 },
  Layers: { empty: [], isSet: (live) => Array.isArray(live) && live.length > 0 },
  Description: { empty: '', isSet: (live) => typeof live === 'string' && live !== '' },
};

/**
 * CreateFunction: the lambdadef, with gitmoxi's packaged bytes as Code.ZipFile. `Publish` is left out: gitmoxi
 * publishes the version itself, once the function is Active.
 */
export function createFunctionRequest(lambdadef: Record<string, unknown>, packaged: CodePackage | undefined): Record<string, unknown> {
  const { Publish: _publish, PublishTo: _publishTo, Code: code, ...rest } = lambdadef;
  return { ...rest, Code: packaged ? { ZipFile: packaged.bytes } : code };
}

/** UpdateFunctionCode: the same code source as the lambdadef names, and its architecture. */
export function updateCodeRequest(lambdadef: Record<string, unknown>, packaged: CodePackage | undefined): Record<string, unknown> {
  const code = (lambdadef.Code ?? {}) as Record<string, unknown>;
  const source = packaged
    ? { ZipFile: packaged.bytes }
    : Object.fromEntries(
        ['S3Bucket', 'S3Key', 'S3ObjectVersion', 'ImageUri', 'SourceKMSKeyArn'].filter((key) => code[key] !== undefined).map((key) => [key, code[key]]),
      );
  return { FunctionName: lambdadef.FunctionName, ...source, ...(lambdadef.Architectures !== undefined ? { Architectures: lambdadef.Architectures } : {}) };
}

/**
 * Whether the code must be sent again. A packaged zip and an image are compared with what runs; an S3 object
 * cannot be (Lambda does not say which object it was, and a new object may replace the same key), so it is
 * always sent, and Lambda's own CodeSha256 then tells whether anything changed.
 */
export function codeChanged(lambdadef: Record<string, unknown>, packaged: CodePackage | undefined, live: LambdaFunctionState): boolean {
  const code = (lambdadef.Code ?? {}) as Record<string, unknown>;
  if (lambdadef.Architectures !== undefined && !matches(lambdadef.Architectures, live.configuration.Architectures)) return true;
  if (packaged) return packaged.sha256 !== live.codeSha256;
  if (typeof code.ImageUri === 'string') return code.ImageUri !== live.imageUri;
  return true;
}

/** UpdateFunctionConfiguration: every configuration member of the lambdadef, plus the ones it dropped. */
export function updateConfigurationRequest(lambdadef: Record<string, unknown>, live: LambdaFunctionState): Record<string, unknown> {
  const request: Record<string, unknown> = { FunctionName: lambdadef.FunctionName };
  for (const key of configurationKeys) if (lambdadef[key] !== undefined) request[key] = lambdadef[key];
  for (const [key, rule] of Object.entries(clearedWhenAbsent)) {
    if (lambdadef[key] === undefined && rule.isSet(live.configuration[key])) request[key] = rule.empty;
  }
  return request;
}

/** Whether UpdateFunctionConfiguration would change anything: each member sent against what GetFunction answers. */
export function configurationChanged(request: Record<string, unknown>, live: LambdaFunctionState): boolean {
  return configurationKeys.some((key) => request[key] !== undefined && !matches(request[key], liveValue(key, live.configuration)));
}

/** GetFunction answers some members in another shape than the request takes them. */
function liveValue(key: string, configuration: Record<string, unknown>): unknown {
  if (key === 'Layers') return ((configuration.Layers ?? []) as { Arn?: string }[]).map((layer) => layer.Arn);
  if (key === 'ImageConfig') return (configuration.ImageConfigResponse as { ImageConfig?: unknown } | undefined)?.ImageConfig;
  if (key === 'Environment') return { Variables: (configuration.Environment as { Variables?: unknown } | undefined)?.Variables ?? {} };
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
    const entries = Object.entries(wanted as Record<string, unknown>);
    if ('Variables' in (wanted as object)) return sameMap((wanted as { Variables: unknown }).Variables, (live as { Variables?: unknown }).Variables);
    return entries.every(([key, value]) => matches(value, (live as Record<string, unknown>)[key]));
  }
  return wanted === live;
}

function sameMap(wanted: unknown, live: unknown): boolean {
  const a = Object.entries((wanted ?? {}) as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y));
  const b = Object.entries((live ?? {}) as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y));
  return JSON.stringify(a) === JSON.stringify(b);
}
