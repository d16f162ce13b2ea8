/**
 * API Gateway v2's restJson1 names every member in lowerCamel case (`apiId`, `integrationUri`); the SDK's types
 * spell them in PascalCase. `Wire<T>` is the SDK type as it travels, for the handlers' inputs.
 */
import type { RequestContext } from '../../types.js';
import { badRequest } from './errors.js';
import type { ApiGatewayV2Model } from './model.js';

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
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${member} must be a map of strings`);
  for (const [key, item] of Object.entries(value)) if (typeof item !== 'string') throw badRequest(`${member}.${key} must be a string`);
  return { ...(value as Record<string, string>) };
}

/** Members given in the request, copied as they came (absent ones stay absent). */
export function given(input: Record<string, unknown>, members: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(members.filter((member) => input[member] !== undefined).map((member) => [member, input[member]]));
}
