/**
 * One pass over JSON text for what JSON.parse does not say: how deep the text nests, and keys written twice in
 * one object. JSON.parse keeps the last of two equal keys without a word, so a second `serviceName` further down
 * a file would silently decide which service is deployed; and the tools that walk a parsed value (jsonc-parser,
 * zod, the plan's canonical form) recurse, so a deep enough document would overflow the stack before any of them
 * could report it. The scan itself is a loop over characters: no depth can overflow it.
 */

/** Far deeper than any definition, Terraform output or CDK outputs file; shallow enough for every recursive walk. */
export const maxJsonDepth = 100;

interface DuplicateKey {
  key: string;
  /** Offsets of the two key strings. */
  first: number;
  second: number;
}

export interface JsonStructure {
  /** Offset of the bracket that opens level maxDepth + 1; absent when the text nests no deeper than maxDepth. */
  tooDeepAt?: number;
  duplicates: DuplicateKey[];
}

/**
 * Works on any text (valid JSON or not): brackets inside strings are skipped, keys are strings followed by ':'.
 * Stops at the first bracket past `maxDepth`.
 */
export function scanJsonStructure(text: string, maxDepth: number = maxJsonDepth): JsonStructure {
  const duplicates: DuplicateKey[] = [];
  // One entry per open container: the keys an object has so far (with their offsets), null for an array.
  const open: (Map<string, number> | null)[] = [];
  // Jumping from one structural character to the next keeps the scan near JSON.parse's speed.
  const structural = /["{}[\]]/g;
  for (let match = structural.exec(text); match !== null; match = structural.exec(text)) {
    const i = match.index;
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      const keys = open[open.length - 1];
      if (keys !== undefined && keys !== null && followedByColon(text, end)) {
        const key = decodeKey(text, i, end);
        const first = keys.get(key);
        if (first === undefined) keys.set(key, i);
        else duplicates.push({ key, first, second: i });
      }
      structural.lastIndex = end;
    } else if (c === 0x7b || c === 0x5b) {
      open.push(c === 0x7b ? new Map() : null);
      if (open.length > maxDepth) return { tooDeepAt: i, duplicates };
    } else {
      open.pop();
    }
  }
  return { duplicates };
}

/** The offset just past the string that starts at `start` (or the end of the text, for an unterminated one). */
function stringEnd(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  while (quote !== -1) {
    // A quote preceded by an odd number of backslashes is escaped.
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    quote = text.indexOf('"', quote + 1);
  }
  return text.length;
}

/** JSON whitespace is exactly space, tab, LF and CR. */
function followedByColon(text: string, from: number): boolean {
  let i = from;
  let c = text.charCodeAt(i);
  while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = text.charCodeAt(++i);
  return c === 0x3a;
}

/** `"a"` and `"\u0061"` are the same key. */
function decodeKey(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  if (!raw.includes('\\')) return raw.slice(1, -1);
  try {
    return String(JSON.parse(raw));
  } catch {
    return raw.slice(1, -1);
  }
}
