/**
 * Python's int(str, base) and float(str), which Jinja2's `int` and `float` filters call: surrounding
 * whitespace and `_` between digits are allowed, a base prefix (`0x`) is accepted in its own base or in
 * base 0, and anything else is invalid (undefined here; the filter then returns its default).
 */
import { pythonWhitespace } from './python-strings.js';

const basePrefixes: Record<string, number> = { x: 16, o: 8, b: 2 };

export function parsePythonInt(text: string, base: number): number | undefined {
  let body = trimWhitespace(text);
  let sign = 1;
  if (body.startsWith('-') || body.startsWith('+')) {
    sign = body.startsWith('-') ? -1 : 1;
    body = body.slice(1);
  }
  let radix = base;
  const prefix = /^0([xob])_?/i.exec(body);
  const prefixBase = prefix ? basePrefixes[(prefix[1] ?? '').toLowerCase()] : undefined;
  if (prefix && prefixBase !== undefined && (base === 0 || base === prefixBase)) {
    radix = prefixBase;
    body = body.slice(prefix[0].length);
  } else if (base === 0) {
    // Base 0 reads a literal: no prefix means decimal, and decimal literals have no leading zeros.
    if (/^0+[1-9]/.test(body.replaceAll('_', ''))) return undefined;
    radix = 10;
  }
  if (radix < 2 || radix > 36 || !/^[0-9a-z]+(_[0-9a-z]+)*$/i.test(body)) return undefined;
  const digits = body.replaceAll('_', '').toLowerCase();
  let value = 0;
  for (const char of digits) {
    const digit = parseInt(char, 36);
    if (digit >= radix) return undefined;
    value = value * radix + digit;
  }
  return sign * value;
}

const floatSyntax = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?(?:\d(?:_?\d)*)?)(?:[eE][+-]?\d(?:_?\d)*)?$/;

export function parsePythonFloat(text: string): number | undefined {
  const body = trimWhitespace(text);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(body);
  if (special) {
    if ((special[2] ?? '').toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (!floatSyntax.test(body) || !/\d/.test(body.split(/[eE]/)[0] ?? '')) return undefined;
  return Number(body.replaceAll('_', ''));
}

function trimWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && pythonWhitespace.has(text.charAt(start))) start++;
  while (end > start && pythonWhitespace.has(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}
