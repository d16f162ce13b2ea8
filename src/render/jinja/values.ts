/**
 * Making and reading the engine's runtime values. The engine exports no value classes, so the factory takes
 * their constructors from values the engine itself converted. Two Python types have no JS counterpart: floats
 * holding whole numbers (`2 | float` is `2.0`), made with the float constructor, and tuples (`dict.items()`),
 * which are lists remembered in a WeakSet, because the engine's for-loop only unpacks lists.
 */
import type { Engine, Environment, Value } from './engine-types.js';
import { isWholeFloat, jsonTextOf, writtenKeys } from '../template-json.js';

export interface ValueFactory {
  string(text: string): Value;
  int(n: number): Value;
  float(n: number): Value;
  bool(b: boolean): Value;
  none(): Value;
  list(items: Value[]): Value;
  tuple(items: Value[]): Value;
  dict(entries: Map<string, Value>): Value;
  func(fn: (args: Value[], scope: Environment) => Value): Value;
  /** A JSON-like JS value (an input variable) as a runtime value; `wholeFloat` when it was written `1.0`. */
  fromJs(value: unknown, wholeFloat?: boolean): Value;
}

export function createValueFactory(engine: Engine): ValueFactory {
  const scratch = new engine.Environment();
  const convert = (value: unknown): Value => {
    scratch.variables.delete('value');
    return scratch.set('value', value);
  };
  // The engine's declarations arrive as `any` (engine-types.ts): a value of the sample's class is a Value.
  const ctor =
    <T>(sample: Value) =>
    (value: T): Value =>
      Reflect.construct(sample.constructor, [value]);
  const Str = ctor<string>(convert(''));
  const Int = ctor<number>(convert(0));
  const Float = ctor<number>(convert(0.5));
  const Bool = ctor<boolean>(convert(false));
  const None = ctor<null>(convert(null));
  const List = ctor<Value[]>(convert([]));
  const Dict = ctor<Map<string, Value>>(convert({}));
  const Func = ctor<(args: Value[], scope: Environment) => Value>(convert(() => null));
  // Containers are converted here rather than by the engine, to keep floats and key order (template-json.ts).
  const fromJs = (value: unknown, wholeFloat = false): Value => {
    if (typeof value === 'number') return wholeFloat || !Number.isInteger(value) ? Float(value) : Int(value);
    if (typeof value !== 'object' || value === null) return convert(value);
    const converted = Array.isArray(value)
      ? List(value.map((item: unknown, index) => fromJs(item, isWholeFloat(value, String(index)))))
      : Dict(new Map(writtenKeys(value).map((key) => [key, fromJs(Reflect.get(value, key), isWholeFloat(value, key))])));
    const text = jsonTextOf(value);
    if (text !== undefined) printedAs.set(converted, text);
    return converted;
  };
  return {
    string: (text) => Str(text),
    int: (n) => Int(n),
    float: (n) => Float(n),
    bool: (b) => Bool(b),
    none: () => None(null),
    list: (items) => List(items),
    tuple: (items) => {
      const pair = List(items);
      tuples.add(pair);
      return pair;
    },
    dict: (entries) => Dict(entries),
    func: (fn) => Func(fn),
    fromJs,
  };
}

const tuples = new WeakSet<Value>();
const printedAs = new WeakMap<Value, string>();

/** The text a value prints as when it was decoded from a JSON string (see template-json.ts rememberJsonText). */
export function decodedText(value: Value): string | undefined {
  return printedAs.get(value);
}

/** A tuple literal, or a list that stands for a tuple (the pairs of `dict.items()`). */
export function isTuple(value: Value): boolean {
  return value.type === 'TupleValue' || tuples.has(value);
}

export type PythonType = 'str' | 'int' | 'float' | 'bool' | 'NoneType' | 'list' | 'tuple' | 'dict' | 'Undefined' | 'object';

/** The Python type a runtime value stands for; error messages and the Python semantics key on it. */
export function pythonType(value: Value): PythonType {
  switch (value.type) {
    case 'StringValue':
      return 'str';
    case 'IntegerValue':
      return 'int';
    case 'FloatValue':
      return 'float';
    case 'BooleanValue':
      return 'bool';
    case 'NullValue':
      return 'NoneType';
    case 'ArrayValue':
    case 'TupleValue':
      return isTuple(value) ? 'tuple' : 'list';
    case 'ObjectValue':
    case 'KeywordArgumentsValue':
      return 'dict';
    case 'UndefinedValue':
      return 'Undefined';
    default:
      return 'object';
  }
}

export function isString(value: Value): value is Value & { value: string } {
  return value.type === 'StringValue';
}

/** int, float or bool (Python's bool is an int). */
export function isNumber(value: Value): value is Value & { value: number | boolean } {
  return value.type === 'IntegerValue' || value.type === 'FloatValue' || value.type === 'BooleanValue';
}

export function isSequence(value: Value): value is Value & { value: Value[] } {
  return value.type === 'ArrayValue' || value.type === 'TupleValue';
}

export function isMapping(value: Value): value is Value & { value: Map<string, Value> } {
  return value.type === 'ObjectValue' || value.type === 'KeywordArgumentsValue';
}

export function numberOf(value: Value & { value: number | boolean }): number {
  return typeof value.value === 'boolean' ? Number(value.value) : value.value;
}

/** Python's truthiness, which the engine implements per value class. */
export function truthy(value: Value): boolean {
  return value.__bool__().value;
}

/** The elements Python would iterate over: list items, string characters, dict keys. */
export function iterate(value: Value, values: ValueFactory): Value[] {
  if (isSequence(value)) return value.value;
  if (isString(value)) return Array.from(value.value, (char) => values.string(char));
  if (isMapping(value)) return Array.from(value.value.keys(), (key) => values.string(key));
  throw new TypeError(`'${pythonType(value)}' object is not iterable`);
}
