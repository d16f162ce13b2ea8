/**
 * Narrowing for values whose shape is only known at run time (parsed JSON and YAML, SDK members typed loosely,
 * definition members that pass through unchecked): read them through these rather than asserting a type.
 */

/** A plain object (not null, not an array), whose members can be read as unknown. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object's members, or none when the value is absent or not an object. */
export function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** The objects of an array; absent or not an array reads as empty. */
export function recordsOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
