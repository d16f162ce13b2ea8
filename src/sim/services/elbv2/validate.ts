/**
 * Input coercion and shape checks for ELBv2 handlers. awsQuery sends every scalar as form text, so the
 * decoded input can carry '80' where the SDK type says 80: these helpers accept both.
 */
import { isInput, type Input } from '../../coerce.js';
import { validationError } from './errors.js';

/**
 * A list member's items, however the query codec spelled the list: `X.member.N` decodes to an array, an empty list
 * arrives as '' or not at all, a lone value as itself. Items stay unknown: their readers check them.
 */
export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (isInput(value) && 'member' in value) return asList(value.member);
  return [value];
}

/** A list of structures (Tags, Actions, Targets…), each to be read member by member. */
export function structureList(value: unknown, field: string): Input[] {
  return asList(value).map((item, index) => structure(item, `${field}.member.${index + 1}`));
}

/** A structure member, absent when not given. */
export function optionalStructure(value: unknown, field: string): Input | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return structure(value, field);
}

function structure(value: unknown, field: string): Input {
  if (!isInput(value)) throw validationError(`'${field}' must be a structure`);
  return value;
}

export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') throw validationError(`'${field}' must be a string`);
  return String(value);
}

export function requireString(value: unknown, field: string): string {
  const text = optionalString(value, field);
  if (text === undefined || text === '') throw validationError(`A value for '${field}' must be specified`);
  return text;
}

/** An integer member; checks the model's range with the message shape AWS uses for constraint failures. */
export function optionalInt(value: unknown, field: string, min?: number, max?: number): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number)) throw validationError(`'${field}' must be an integer, got '${String(value)}'`);
  if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
    throw validationError(
      `1 validation error detected: Value '${number}' at '${lowerFirst(field)}' failed to satisfy constraint: ` +
        `Member must have value ${rangeText(min, max)}`,
    );
  }
  return number;
}

export function requireInt(value: unknown, field: string, min?: number, max?: number): number {
  const number = optionalInt(value, field, min, max);
  if (number === undefined) throw validationError(`A value for '${field}' must be specified`);
  return number;
}

export function optionalBool(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw validationError(`'${field}' must be true or false, got '${String(value)}'`);
}

/** An enum member; the message follows AWS's constraint-failure wording. */
export function optionalEnum<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
  const text = optionalString(value, field);
  if (text === undefined) return undefined;
  const found = allowed.find((item) => item === text);
  if (found === undefined) {
    throw validationError(
      `1 validation error detected: Value '${text}' at '${lowerFirst(field)}' failed to satisfy constraint: ` +
        `Member must satisfy enum value set: [${allowed.join(', ')}]`,
    );
  }
  return found;
}

export function requireList(value: unknown, field: string): unknown[] {
  const list = asList(value);
  if (list.length === 0) throw validationError(`A value for '${field}' must be specified`);
  return list;
}

export function requireStructureList(value: unknown, field: string): Input[] {
  requireList(value, field);
  return structureList(value, field);
}

/** Pagination input shared by the Describe* operations (PageSize 1–400 per the API reference). */
export function pageInput(input: { Marker?: unknown; PageSize?: unknown }): { marker?: string; pageSize?: number } {
  const marker = optionalString(input.Marker, 'Marker');
  const pageSize = optionalInt(input.PageSize, 'PageSize', 1, 400);
  return { ...(marker !== undefined && { marker }), ...(pageSize !== undefined && { pageSize }) };
}

/**
 * Load balancer and target group names: at most 32 characters, alphanumerics and hyphens, not starting or
 * ending with a hyphen (CreateLoadBalancer / CreateTargetGroup, Name).
 */
export function checkResourceName(name: string, kind: 'load balancer' | 'target group'): void {
  if (name.length > 32) throw validationError(`The ${kind} name '${name}' cannot be longer than '32' characters`);
  if (!/^[A-Za-z0-9-]+$/.test(name)) {
    throw validationError(`The ${kind} name '${name}' can only contain characters that are alphanumeric characters or hyphens(-)`);
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    throw validationError(`The ${kind} name '${name}' cannot begin or end with a hyphen(-)`);
  }
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `greater than or equal to ${min}`;
  return `less than or equal to ${max}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
