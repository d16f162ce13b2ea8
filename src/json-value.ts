/**
 * Reading parsed JSON (and the SDK's loosely typed documents) without taking its shape on trust: each value is
 * checked where it is read, so a file or response of another shape yields `undefined`, not a wrong type.
 */

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when `value` is an object; undefined otherwise. */
export function fieldOf(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** The elements of `value` when it is an array; empty otherwise. */
export function itemsOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The errno code of a Node.js system error (`EEXIST`, `EPERM`, ...); undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  const code = fieldOf(error, 'code');
  return typeof code === 'string' ? code : undefined;
}
