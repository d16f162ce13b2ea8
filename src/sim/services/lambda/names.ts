/**
 * Function names as Lambda accepts them: a name (`my-function`), a name with a qualifier (`my-function:live`),
 * a partial ARN (`123456789012:function:my-function`) or a full ARN, with or without qualifier.
 * https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html#API_GetFunction_RequestSyntax
 */
import { invalidParameter, validationError } from './errors.js';

export interface FunctionRef {
  name: string;
  qualifier?: string;
}

export const LATEST = '$LATEST';

/** The members that name a function and, optionally, a version or alias of it. */
export interface QualifiedName {
  FunctionName?: string | undefined;
  Qualifier?: string | undefined;
}

// The FunctionName pattern of the Lambda model (NamespacedFunctionName), split into its parts.
const functionNamePattern =
  /^(?:arn:aws[a-zA-Z-]*:lambda:)?(?:([a-z]{2}(?:-gov)?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_.-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;
const patternText =
  'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?';

/** Splits a FunctionName parameter; `member` names it in validation errors (`functionName`). */
export function parseFunctionName(raw: unknown, member = 'functionName'): FunctionRef {
  if (typeof raw !== 'string' || raw === '') {
    throw validationError(member, raw ?? 'null', 'Member must not be null');
  }
  const match = functionNamePattern.exec(raw);
  const name = match?.[3];
  if (match === null || name === undefined || raw.length > 140) throw validationError(member, raw, patternText);
  // A bare name is at most 64 characters (https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html).
  if (name.length > 64) {
    throw validationError(member, raw, 'Member must have length less than or equal to 64');
  }
  const qualifier = match[4];
  return qualifier === undefined ? { name } : { name, qualifier };
}

/** The qualifier of a request: from the FunctionName and/or the `Qualifier` parameter, which must agree. */
export function qualifierOf(ref: FunctionRef, explicit: string | undefined): string | undefined {
  if (explicit === undefined || explicit === '') return ref.qualifier;
  if (ref.qualifier !== undefined && ref.qualifier !== explicit) {
    throw invalidParameter('The derived qualifier from the function name does not match the specified qualifier.');
  }
  return explicit;
}

export function functionArn(region: string, account: string, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${region}:${account}:function:${name}`;
  return qualifier === undefined ? base : `${base}:${qualifier}`;
}

export function eventSourceMappingArn(region: string, account: string, uuid: string): string {
  return `arn:aws:lambda:${region}:${account}:event-source-mapping:${uuid}`;
}

/** A published version number: digits only. Anything else that is not $LATEST names an alias. */
export function isVersionNumber(qualifier: string): boolean {
  return /^\d+$/.test(qualifier);
}

/** Lambda's `LastModified` format: ISO 8601 with milliseconds and a `+0000` offset. */
export function lastModified(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}
