/** Helpers for turning describe output into a request body: keep chosen members, drop what says nothing. */

/** The members of `source` named in `keys`, in that order, without undefined, empty or default values. */
export function pickMembers(source: Record<string, unknown>, keys: readonly string[], defaults: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = dropEmpty(source[key]);
    if (value === undefined) continue;
    if (key in defaults && JSON.stringify(defaults[key]) === JSON.stringify(value)) continue;
    out[key] = value;
  }
  return out;
}

/** Removes undefined, null, empty arrays and empty objects, recursively: describe output is full of them. */
export function dropEmpty(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(dropEmpty).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([key, item]) => [key, dropEmpty(item)] as const)
      .filter(([, item]) => item !== undefined);
    return entries.length === 0 ? undefined : Object.fromEntries(entries);
  }
  return value;
}

/** `arn:…:cluster/demo` → `demo`. */
export function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** Tags gitmoxi writes are its own bookkeeping: a definition never carries them. */
export function isOwnTag(key: string): boolean {
  return key.startsWith('gitmoxi:');
}
