/**
 * API Gateway v2's restJson1 names every member in lowerCamel case (`apiId`, `integrationUri`); the SDK's types
 * spell them in PascalCase. `Wire<T>` is the SDK type as it travels, for the handlers' inputs.
 */
import { isInput } from '../../coerce.js';
import type { RequestContext } from '../../types.js';
import { badRequest } from './errors.js';
import type { ApiGatewayV2Model, WireRecord } from './model.js';

export type Wire<T> = { [K in keyof T as Uncapitalize<K & string>]: T[K] };

export function apiModel(ctx: RequestContext): ApiGatewayV2Model {
  return ctx.world.model('apigatewayv2', ctx.account, ctx.region);
}

export function requiredString(value: unknown, member: string, max = 1024): string {
  if (typeof value !== 'string' || value === '') throw badRequest(`${member} is required`);
  if (value.length > max) throw badRequest(`${member} must be at most ${max} characters`);
  return value;
}

export function optionalString(value: unknown, member: string, max = 1024): string | undefined {
  return value === undefined ? undefined : requiredString(value, member, max);
}

/** A map of strings (tags, stage variables, request parameters). */
export function stringMap(value: unknown, member: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isInput(value)) throw badRequest(`${member} must be a map of strings`);
  const map: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw badRequest(`${member}.${key} must be a string`);
    map[key] = item;
  }
  return map;
}

/** Members given in the request, copied as they came (absent ones stay absent). */
export function given<T extends object>(input: T, members: readonly (keyof T & string)[]): Record<string, unknown> {
  return Object.fromEntries(members.filter((member) => input[member] !== undefined).map((member) => [member, input[member]]));
}

/** A string member of a stored record, when it holds one. */
export function storedString(record: WireRecord, member: string): string | undefined {
  const value = record[member];
  return typeof value === 'string' ? value : undefined;
}
