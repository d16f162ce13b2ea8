/**
 * Binary operators whose Python meaning the engine gets wrong: `~` (must use str(): `True`, not `true`),
 * `==`/`!=` (JS loose equality says `"1" == 1`), comparisons of strings, division by zero (an error in
 * Python, Infinity in JS) and `%` (Python's modulo takes the divisor's sign; on a string it formats).
 * The other operators (`+ - * ** in and or`) are left to the engine, which implements them as Python does.
 */
import type { Value } from './engine-types.js';
import { percentFormat } from './python-format.js';
import { pythonStr } from './python-str.js';
import { isMapping, isNumber, isSequence, isString, isTuple, numberOf, pythonType, type ValueFactory } from './values.js';
import { compareCodePoints } from './jinja-tojson.js';

export const pythonOperators: ReadonlySet<string> = new Set(['~', '==', '!=', '<', '>', '<=', '>=', '/', '//', '%']);

export function applyOperator(operator: string, left: Value, right: Value, values: ValueFactory): Value {
  switch (operator) {
    case '~':
      return values.string(pythonStr(left) + pythonStr(right));
    case '==':
      return values.bool(pythonEquals(left, right));
    case '!=':
      return values.bool(!pythonEquals(left, right));
    case '<':
    case '>':
    case '<=':
    case '>=':
      return values.bool(compareWith(operator, pythonCompare(left, right, operator)));
    case '%':
      if (isString(left)) return values.string(percentFormat(left.value, formatArguments(right)));
      return arithmetic(operator, left, right, values);
    default:
      return arithmetic(operator, left, right, values);
  }
}

function formatArguments(right: Value): Value[] | Map<string, Value> {
  if (right.type === 'TupleValue') return right.value;
  if (isMapping(right)) return right.value;
  return [right];
}

function compareWith(operator: string, order: number): boolean {
  if (operator === '<') return order < 0;
  if (operator === '>') return order > 0;
  if (operator === '<=') return order <= 0;
  return order >= 0;
}

/** Python's == : numbers by value (True == 1, 1 == 1.0), containers item by item, other types never equal. */
function pythonEquals(left: Value, right: Value): boolean {
  if (isNumber(left) && isNumber(right)) return numberOf(left) === numberOf(right);
  if (isString(left) && isString(right)) return left.value === right.value;
  if (left.type === 'NullValue' || right.type === 'NullValue') return left.type === right.type;
  if (isSequence(left) && isSequence(right)) {
    if (isTuple(left) !== isTuple(right) || left.value.length !== right.value.length) return false;
    return left.value.every((item, i) => {
      const other = right.value[i];
      return other !== undefined && pythonEquals(item, other);
    });
  }
  if (isMapping(left) && isMapping(right)) {
    if (left.value.size !== right.value.size) return false;
    for (const [key, item] of left.value) {
      const other = right.value.get(key);
      if (other === undefined || !pythonEquals(item, other)) return false;
    }
    return true;
  }
  return left === right;
}

function pythonCompare(left: Value, right: Value, operator: string): number {
  if (isNumber(left) && isNumber(right)) return Math.sign(numberOf(left) - numberOf(right));
  if (isString(left) && isString(right)) return Math.sign(compareCodePoints(left.value, right.value));
  if (isSequence(left) && isSequence(right) && left.type === right.type) {
    const length = Math.min(left.value.length, right.value.length);
    for (let i = 0; i < length; i++) {
      const a = left.value[i];
      const b = right.value[i];
      if (a !== undefined && b !== undefined && !pythonEquals(a, b)) return pythonCompare(a, b, operator);
    }
    return Math.sign(left.value.length - right.value.length);
  }
  throw new TypeError(`'${operator}' not supported between instances of '${pythonType(left)}' and '${pythonType(right)}'`);
}

function arithmetic(operator: string, left: Value, right: Value, values: ValueFactory): Value {
  if (!isNumber(left) || !isNumber(right)) {
    throw new TypeError(`unsupported operand type(s) for ${operator}: '${pythonType(left)}' and '${pythonType(right)}'`);
  }
  const a = numberOf(left);
  const b = numberOf(right);
  const integers = left.type !== 'FloatValue' && right.type !== 'FloatValue';
  if (b === 0) throw new Error(operator === '/' ? 'division by zero' : integers ? 'integer division or modulo by zero' : 'float division by zero');
  if (operator === '/') return values.float(a / b);
  const result = operator === '//' ? Math.floor(a / b) : pythonModulo(a, b);
  return integers ? values.int(result) : values.float(result);
}

/** Python's modulo takes the sign of the divisor (C fmod, then shifted), so `-7 % 3` is 2. */
function pythonModulo(a: number, b: number): number {
  const remainder = a % b;
  return remainder !== 0 && remainder < 0 !== b < 0 ? remainder + b : remainder;
}
