/**
 * Reading handler input that may come from any codec: JSON gives typed values, awsQuery and REST query strings
 * give strings (`'60'`, `'true'`), and an empty query list arrives as `''`. Handlers read members through these.
 */
import { SimError } from './errors.js';

export type Input = Record<string, unknown>;

/** Builds the error for a member whose value has the wrong type; services word it their own way. */
export type InvalidMember = (member: string, value: unknown, expected: string) => SimError;

const validationErrorFor: InvalidMember = (member, value, expected) =>
  new SimError(
    'ValidationError',
    `1 validation error detected: Value '${String(value)}' at '${member}' ` + `failed to satisfy constraint: Member must be ${expected}`,
  );

export function optionalString(input: Input, member: string, invalid = validationErrorFor): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(member, value, 'a string');
  return value;
}

export function optionalNumber(input: Input, member: string, invalid = validationErrorFor): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw invalid(member, value, 'a number');
  return number;
}

export function optionalInteger(input: Input, member: string, invalid = validationErrorFor): number | undefined {
  const number = optionalNumber(input, member, invalid);
  if (number !== undefined && !Number.isInteger(number)) throw invalid(member, input[member], 'an integer');
  return number;
}

export function optionalBoolean(input: Input, member: string, invalid = validationErrorFor): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw invalid(member, value, 'a boolean');
}

/** A list member; `''` is the empty list a query client sends for `[]`. */
export function optionalList(input: Input, member: string, invalid = validationErrorFor): unknown[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (value === '') return [];
  if (!Array.isArray(value)) throw invalid(member, value, 'a list');
  return value;
}

export function optionalStringList(input: Input, member: string, invalid = validationErrorFor): string[] | undefined {
  const list = optionalList(input, member, invalid);
  if (list === undefined) return undefined;
  if (!list.every((item): item is string => typeof item === 'string')) throw invalid(member, list, 'a list of strings');
  return list;
}

/** A JSON object (a structure, not a list): what every decoded input and structure member is. */
export function isInput(value: unknown): value is Input {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * One member of a page token this simulator issued (JSON, base64 or base64url encoded); undefined for a token it
 * did not issue, which each service answers with its own error.
 */
export function tokenMember(token: string, encoding: 'base64' | 'base64url', member: string): unknown {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, encoding).toString('utf8'));
    return isInput(parsed) ? parsed[member] : undefined;
  } catch {
    return undefined;
  }
}

/** A structure member (or list item) as an object, for reading its own members. */
export function asInput(value: unknown, member: string, invalid = validationErrorFor): Input {
  if (!isInput(value)) throw invalid(member, value, 'a structure');
  return value;
}
