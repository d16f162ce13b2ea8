/**
 * Python's printf-style `%` formatting, behind Jinja2's `format` filter (`"%s-%s" | format(a, b)`) and the
 * `%` operator on strings. Conversions s r a d i u f F e E g G x X o c and %, with flags, width, precision
 * and `%(name)s` keys.
 */
import type { Value } from './engine-types.js';
import { pythonRepr, pythonStr } from './python-str.js';
import { isNumber, isString, numberOf, pythonType } from './values.js';

const formatSpec = /%(?:\(([^)]*)\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?[hlL]?([diouxXeEfFgGcrsa%])/g;

/** `args`: the positional values (a tuple) or, for `%(name)s`, a mapping. */
export function percentFormat(format: string, args: Value[] | Map<string, Value>): string {
  let next = 0;
  const take = (): Value => {
    const value = args instanceof Map ? undefined : args[next++];
    if (value === undefined) throw new TypeError('not enough arguments for format string');
    return value;
  };
  const out = format.replace(formatSpec, (_match, key: string | undefined, flags: string, width?: string, precision?: string, conversion = 's') => {
    if (conversion === '%') return '%';
    const widthValue = width === '*' ? Number(numberOf(asNumber(take(), '*'))) : width === undefined ? undefined : Number(width);
    const precisionValue = precision === '*' ? Number(numberOf(asNumber(take(), '*'))) : precision === undefined ? undefined : Number(precision || '0');
    const value = key === undefined ? take() : lookup(args, key);
    return pad(convert(value, conversion, flags, precisionValue), flags, widthValue, conversion);
  });
  if (Array.isArray(args) && next < args.length) throw new TypeError('not all arguments converted during string formatting');
  return out;
}

function lookup(args: Value[] | Map<string, Value>, key: string): Value {
  if (!(args instanceof Map)) throw new TypeError('format requires a mapping');
  const value = args.get(key);
  if (value === undefined) throw new Error(`KeyError: '${key}'`);
  return value;
}

function asNumber(value: Value, conversion: string): Value & { value: number | boolean } {
  if (isNumber(value)) return value;
  throw new TypeError(`%${conversion} format: a real number is required, not ${pythonType(value)}`);
}

function convert(value: Value, conversion: string, flags: string, precision: number | undefined): string {
  switch (conversion) {
    case 's':
      return precision === undefined ? pythonStr(value) : Array.from(pythonStr(value)).slice(0, precision).join('');
    case 'r':
    case 'a':
      return pythonRepr(value);
    case 'c':
      return isString(value) ? value.value : String.fromCodePoint(numberOf(asNumber(value, 'c')));
    case 'd':
    case 'i':
    case 'u':
      return signed(Math.trunc(numberOf(asNumber(value, conversion))), flags, (n) => BigInt(n).toString());
    case 'x':
    case 'X':
    case 'o':
      return signed(Math.trunc(numberOf(asNumber(value, conversion))), flags, (n) => radix(n, conversion, flags));
    default:
      return signed(numberOf(asNumber(value, conversion)), flags, (n) => floating(n, conversion, precision ?? 6, flags));
  }
}

function radix(n: number, conversion: string, flags: string): string {
  const digits = BigInt(n).toString(conversion === 'o' ? 8 : 16);
  const prefix = flags.includes('#') ? (conversion === 'o' ? '0o' : '0x') : '';
  return conversion === 'X' ? (prefix + digits).toUpperCase() : prefix + digits;
}

/** Formats |n| and puts the sign (or the `+`/space flag) in front. */
function signed(n: number, flags: string, body: (magnitude: number) => string): string {
  const negative = n < 0 || Object.is(n, -0);
  const sign = negative ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + body(Math.abs(n));
}

function floating(n: number, conversion: string, precision: number, flags: string): string {
  if (!Number.isFinite(n)) {
    const text = Number.isNaN(n) ? 'nan' : 'inf';
    return conversion === conversion.toUpperCase() ? text.toUpperCase() : text;
  }
  const lower = conversion.toLowerCase();
  let text: string;
  if (lower === 'f') text = fixed(n, precision);
  else if (lower === 'e') text = exponential(n, precision);
  else text = general(n, precision === 0 ? 1 : precision, flags.includes('#'));
  return conversion === conversion.toUpperCase() ? text.toUpperCase() : text;
}

/** Fixed notation rounded half-to-even on exact ties, as C's printf does (JS toFixed rounds ties up). */
function fixed(n: number, precision: number): string {
  if (n >= 1e21) return `${BigInt(n).toString()}${precision > 0 ? `.${'0'.repeat(precision)}` : ''}`;
  const exact = n.toFixed(Math.min(100, precision + 30));
  const [whole = '0', fraction = ''] = exact.split('.');
  const rest = fraction.slice(precision);
  if (!/^50*$/.test(rest)) return n.toFixed(precision);
  const kept = whole + fraction.slice(0, precision);
  const even = Number(kept.at(-1)) % 2 === 0;
  const rounded = (BigInt(kept) + (even ? 0n : 1n)).toString().padStart(precision + 1, '0');
  return precision === 0 ? rounded : `${rounded.slice(0, -precision)}.${rounded.slice(-precision)}`;
}

function exponential(n: number, precision: number): string {
  const [mantissa = '0', exponent = '0'] = n.toExponential(precision).split('e');
  const value = Number(exponent);
  return `${mantissa}e${value < 0 ? '-' : '+'}${String(Math.abs(value)).padStart(2, '0')}`;
}

/** %g: exponential when the exponent is < -4 or >= precision, trailing zeros removed unless `#`. */
function general(n: number, precision: number, keepZeros: boolean): string {
  if (n === 0) return keepZeros ? `0.${'0'.repeat(precision - 1)}` : '0';
  const exponent = Number(n.toExponential(precision - 1).split('e')[1]);
  const text = exponent < -4 || exponent >= precision ? exponential(n, precision - 1) : fixed(n, precision - 1 - exponent);
  if (keepZeros) return text;
  const [body = '', tail] = text.split('e');
  const trimmed = body.includes('.') ? body.replace(/0+$/, '').replace(/\.$/, '') : body;
  return tail === undefined ? trimmed : `${trimmed}e${tail}`;
}

function pad(text: string, flags: string, width: number | undefined, conversion: string): string {
  const length = Array.from(text).length;
  if (width === undefined || length >= width) return text;
  if (flags.includes('-')) return text + ' '.repeat(width - length);
  const numeric = !'srac'.includes(conversion);
  if (flags.includes('0') && numeric) {
    const sign = /^[-+ ]/.test(text) ? text.charAt(0) : '';
    return sign + '0'.repeat(width - length) + text.slice(sign.length);
  }
  return ' '.repeat(width - length) + text;
}
