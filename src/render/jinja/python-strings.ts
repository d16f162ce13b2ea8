/**
 * Python's string methods where JS differs: strip() has its own idea of whitespace and takes a set of
 * characters, replace() with an empty needle inserts between characters, title() and capitalize() lowercase
 * the rest of each word. Strings are handled by code point, as Python does.
 */
import type { Value } from './engine-types.js';
import { pythonStr } from './python-str.js';

/** The characters for which Python's str.isspace() is true. */
export const pythonWhitespace: ReadonlySet<string> = new Set(
  Array.from(' \t\n\v\f\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000'),
);

/** str.strip/lstrip/rstrip(chars): `chars` None or absent strips whitespace. */
export function pythonStrip(text: string, chars: Value | undefined, side: 'both' | 'left' | 'right'): string {
  const set = chars === undefined || chars.type === 'NullValue' ? pythonWhitespace : new Set(Array.from(pythonStr(chars)));
  const codePoints = Array.from(text);
  let start = 0;
  let end = codePoints.length;
  if (side !== 'right') while (start < end && set.has(codePoints[start] ?? '')) start++;
  if (side !== 'left') while (end > start && set.has(codePoints[end - 1] ?? '')) end--;
  return codePoints.slice(start, end).join('');
}

/** str.replace(old, new, count); count < 0 replaces every occurrence. */
export function pythonReplace(text: string, old: string, replacement: string, count: number): string {
  const limit = count < 0 ? Infinity : count;
  if (old === '') {
    const codePoints = Array.from(text);
    let out = '';
    let done = 0;
    for (let i = 0; i <= codePoints.length; i++) {
      if (done < limit) {
        out += replacement;
        done++;
      }
      out += codePoints[i] ?? '';
    }
    return out;
  }
  const parts = text.split(old);
  if (parts.length - 1 <= limit) return parts.join(replacement);
  return parts.slice(0, limit + 1).join(replacement) + old + parts.slice(limit + 1).join(old);
}

/** Jinja2's `title` filter: words start after `-`, whitespace and opening brackets; the rest is lowercased. */
export function jinjaTitle(text: string): string {
  return text
    .split(/([-\s({[<]+)/u)
    .filter((item) => item !== '')
    .map(capitalize)
    .join('');
}

/** str.capitalize(): first character upper, the rest lower. */
export function capitalize(text: string): string {
  const [first = '', ...rest] = Array.from(text);
  return first.toUpperCase() + rest.join('').toLowerCase();
}

/** str.title(): a letter after a cased letter is lowered, any other letter is raised. */
export function pythonTitle(text: string): string {
  let out = '';
  let previousCased = false;
  for (const char of text) {
    const cased = char.toLowerCase() !== char.toUpperCase();
    out += cased ? (previousCased ? char.toLowerCase() : char.toUpperCase()) : char;
    previousCased = cased;
  }
  return out;
}
