/**
 * Python's str() and repr() of runtime values. Jinja2 prints `{{ value }}` with str(), so a template that
 * prints a list, a boolean or a float must show `['a', 'b']`, `True` and `1.0` as the GitMoxi controller does.
 */
import type { Value } from './engine-types.js';
import { assertUsable } from './undefined-values.js';
import { decodedText, isMapping, isSequence, isTuple } from './values.js';

/** str(value), as `{{ value }}` prints it. An undefined value prints nothing (`x if c` without else), unless it is a missing name. */
export function pythonStr(value: Value): string {
  const text = decodedText(value);
  if (text !== undefined) return text;
  switch (value.type) {
    case 'StringValue':
      return value.value;
    case 'UndefinedValue':
      assertUsable(value);
      return '';
    default:
      return pythonRepr(value);
  }
}

/** repr(value), as Python shows items inside lists and dicts. */
export function pythonRepr(value: Value): string {
  const text = decodedText(value);
  if (text !== undefined) return pythonStringRepr(text);
  switch (value.type) {
    case 'StringValue':
      return pythonStringRepr(value.value);
    case 'IntegerValue':
      return pythonIntStr(value.value);
    case 'FloatValue':
      return pythonFloatRepr(value.value);
    case 'BooleanValue':
      return value.value ? 'True' : 'False';
    case 'NullValue':
      return 'None';
    case 'UndefinedValue':
      assertUsable(value);
      return '';
    case 'NamespaceValue':
      return `<Namespace ${mappingRepr(value.value)}>`;
    default:
      if (isSequence(value)) return isTuple(value) ? tupleRepr(value.value) : `[${value.value.map(pythonRepr).join(', ')}]`;
      if (isMapping(value)) return mappingRepr(value.value);
      return `<${value.type}>`;
  }
}

function tupleRepr(items: Value[]): string {
  // A one-item tuple keeps its comma: `(1,)`.
  const shown = items.map(pythonRepr).join(', ');
  return items.length === 1 ? `(${shown},)` : `(${shown})`;
}

function mappingRepr(entries: Map<string, Value>): string {
  const parts = Array.from(entries, ([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`);
  return `{${parts.join(', ')}}`;
}

/** Integers print every digit (JS switches to exponent notation from 1e21). */
export function pythonIntStr(n: number): string {
  if (Number.isSafeInteger(n)) return String(n);
  return Number.isInteger(n) ? BigInt(n).toString() : pythonFloatRepr(n);
}

/**
 * repr(float): the shortest digits that round-trip (JS finds the same digits), laid out as Python does:
 * positional for exponents -4..15 with at least one decimal (`1.0`), otherwise `1e+16` / `1e-07`.
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = Math.abs(x).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  const shown = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const exponentSign = exponent < 0 ? '-' : '+';
  return `${sign}${shown}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

// Python's str.isprintable() is false for these categories (and for no ASCII character but the controls).
const notPrintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** repr(str): single quotes unless the text has a single quote and no double quote. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char !== ' ' && notPrintable.test(char)) out += escapeCodePoint(char.codePointAt(0) ?? 0);
    else out += char;
  }
  return out + quote;
}

function escapeCodePoint(code: number): string {
  const hex = code.toString(16);
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}
