/**
 * Jinja2's `tojson` filter: `json.dumps(value, sort_keys=True, indent=indent)` made HTML-safe
 * (jinja2.utils.htmlsafe_json_dumps). So keys come out sorted, separators are `", "` and `": "`, non-ASCII
 * characters are `\uXXXX` escapes (ensure_ascii) and `< > & '` are escaped too. Rendered definitions hash and
 * diff the same as under the GitMoxi controller only if this is byte-identical.
 */
import type { Value } from './engine-types.js';
import { pythonFloatRepr, pythonIntStr } from './python-str.js';
import { assertUsable } from './undefined-values.js';
import { isMapping, isSequence, pythonType } from './values.js';

/** `indent`: null for one line, a number of spaces, or the indent string itself (json.dumps accepts both). */
export function jinjaToJson(value: Value, indent: number | string | null): string {
  const unit = indent === null ? null : typeof indent === 'number' ? ' '.repeat(Math.max(0, indent)) : indent;
  return htmlSafe(dumps(value, unit, ''));
}

/** A string as `tojson` prints it, quotes included. */
export function jinjaJsonString(text: string): string {
  return htmlSafe(jsonString(text));
}

function htmlSafe(json: string): string {
  return json.replaceAll('<', '\\u003c').replaceAll('>', '\\u003e').replaceAll('&', '\\u0026').replaceAll("'", '\\u0027');
}

function dumps(value: Value, unit: string | null, padding: string): string {
  switch (value.type) {
    case 'NullValue':
      return 'null';
    case 'BooleanValue':
      return value.value ? 'true' : 'false';
    case 'IntegerValue':
      return pythonIntStr(value.value);
    case 'FloatValue':
      return floatJson(value.value);
    case 'StringValue':
      return jsonString(value.value);
    case 'UndefinedValue':
      assertUsable(value);
      throw new TypeError('Object of type Undefined is not JSON serializable');
    default:
      if (isSequence(value))
        return container(
          '[',
          ']',
          value.value.map((item) => (inner) => dumps(item, unit, inner)),
          unit,
          padding,
        );
      if (isMapping(value)) {
        const entries = Array.from(value.value).sort(([a], [b]) => compareCodePoints(a, b));
        const members = entries.map(
          ([key, item]) =>
            (inner: string) =>
              `${jsonString(key)}: ${dumps(item, unit, inner)}`,
        );
        return container('{', '}', members, unit, padding);
      }
      throw new TypeError(`Object of type ${pythonType(value)} is not JSON serializable`);
  }
}

/** Lays out members as json.dumps does: `, ` on one line, or one per line (`,` + newline) when indenting. */
function container(open: string, close: string, members: ((padding: string) => string)[], unit: string | null, padding: string): string {
  if (members.length === 0) return open + close;
  if (unit === null) return open + members.map((member) => member('')).join(', ') + close;
  const inner = padding + unit;
  return `${open}\n${inner}${members.map((member) => member(inner)).join(`,\n${inner}`)}\n${padding}${close}`;
}

function floatJson(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  return pythonFloatRepr(x);
}

const shortEscapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** ensure_ascii: printable ASCII stays, everything else is an escape; code units, so astral characters become surrogate pairs as in Python. */
function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const code = text.charCodeAt(i);
    const short = shortEscapes[char];
    if (short !== undefined) out += short;
    else if (code >= 0x20 && code <= 0x7e) out += char;
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** Python sorts str by code point; JS `<` compares UTF-16 code units, which differs once surrogates are involved. */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a);
  const right = Array.from(b);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const difference = (left[i]?.codePointAt(0) ?? 0) - (right[i]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
