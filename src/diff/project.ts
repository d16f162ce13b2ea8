/**
 * What makes a live resource comparable with its definition: the live document cut down to the members the
 * definition sets, so that what AWS adds on its own (ARNs, timestamps, status, defaults the definition leaves
 * out) never shows as a difference, while a member the definition sets and someone changed by hand does.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Paths (dot-joined, `*` for any array index or key) whose objects are user data compared whole: a variable
 * added by hand to an environment map must show, although the definition never named it.
 */
export type WholeMaps = readonly string[];

export function projectLive(wanted: Json, live: Json | undefined, wholeMaps: WholeMaps = [], path: string[] = []): Json | undefined {
  if (live === undefined) return undefined;
  if (Array.isArray(wanted) && Array.isArray(live)) {
    // Extra live elements are kept whole: a container or a variable added by hand is a difference.
    return live.map((item, i) => {
      const wantedItem = wanted[i];
      return wantedItem === undefined ? item : (projectLive(wantedItem, item, wholeMaps, [...path, '*']) ?? null);
    });
  }
  if (isObject(wanted) && isObject(live)) {
    if (matchesAny(path, wholeMaps)) return live;
    const out: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(wanted)) {
      const projected = projectLive(value, live[key], wholeMaps, [...path, key]);
      if (projected !== undefined) out[key] = projected;
      else if (!isEmptyDefault(value)) continue;
      else out[key] = value;
    }
    return out;
  }
  return live;
}

/**
 * A member the definition sets to false, 0-length or null means what AWS means by leaving it out: a live
 * document without it is not different.
 */
function isEmptyDefault(value: Json): boolean {
  return value === false || value === null || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.values(value).every(isEmptyDefault));
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function matchesAny(path: readonly string[], patterns: WholeMaps): boolean {
  return patterns.some((pattern) => {
    const parts = pattern.split('.');
    return parts.length === path.length && parts.every((part, i) => part === '*' || part === path[i]);
  });
}

/** JSON with keys in a stable order (the definition's order first), two-space indented, as the diff shows it. */
export function showJson(value: Json | undefined): string {
  return value === undefined ? '' : `${JSON.stringify(value, null, 2)}\n`;
}

/** A JSON value of an SDK or definition object: Dates as ISO strings, undefined members dropped. */
export function toJson(value: unknown): Json {
  // What JSON.parse reads back from JSON.stringify's text is JSON by construction.
  const json: Json = JSON.parse(JSON.stringify(value ?? null));
  return json;
}
