/**
 * Python methods called in templates (`name.strip('/')`, `'-'.join(parts)`, `map.items()`) whose engine
 * version is missing or differs. Other methods (`upper`, `split`, `startswith`, `keys`, `get`, …) run in the
 * engine, which implements them as Python does.
 */
import type { Value } from './engine-types.js';
import { pairs } from './python-filters.js';
import { pythonStr } from './python-str.js';
import { capitalize, pythonStrip, pythonTitle } from './python-strings.js';
import { isMapping, isString, iterate, pythonType, type ValueFactory } from './values.js';

type Method = (self: Value, args: Value[], values: ValueFactory) => Value;

const stringMethods = new Map<string, Method>([
  ['strip', (self, args, values) => values.string(pythonStrip(pythonStr(self), args[0], 'both'))],
  ['lstrip', (self, args, values) => values.string(pythonStrip(pythonStr(self), args[0], 'left'))],
  ['rstrip', (self, args, values) => values.string(pythonStrip(pythonStr(self), args[0], 'right'))],
  ['title', (self, _args, values) => values.string(pythonTitle(pythonStr(self)))],
  ['capitalize', (self, _args, values) => values.string(capitalize(pythonStr(self)))],
  ['join', (self, args, values) => values.string(joinItems(pythonStr(self), args[0], values))],
]);

const mappingMethods = new Map<string, Method>([
  ['items', (self, _args, values) => values.list(pairs(self, values))],
  ['cycle', loopCycle],
]);

/** `loop.cycle(a, b)`, missing from the engine's loop object; only the loop object has `index0`. */
function loopCycle(self: Value, args: Value[]): Value {
  const index = isMapping(self) ? self.value.get('index0') : undefined;
  const chosen = index?.type === 'IntegerValue' ? args[index.value % args.length] : undefined;
  if (chosen === undefined) throw new TypeError("'dict object' has no attribute 'cycle'");
  return chosen;
}

/** Method names handled here; a call of any other method goes to the engine untouched. */
export const pythonMethodNames: ReadonlySet<string> = new Set([...stringMethods.keys(), ...mappingMethods.keys()]);

/** The method's result, or undefined when `self` is not a type this module handles. */
export function callPythonMethod(self: Value, name: string, args: Value[], values: ValueFactory): Value | undefined {
  const method = isString(self) ? stringMethods.get(name) : isMapping(self) ? mappingMethods.get(name) : undefined;
  return method?.(self, args, values);
}

function joinItems(separator: string, iterable: Value | undefined, values: ValueFactory): string {
  if (iterable === undefined) throw new TypeError('str.join() takes exactly one argument (0 given)');
  return iterate(iterable, values)
    .map((item, index) => {
      if (!isString(item)) throw new TypeError(`sequence item ${index}: expected str instance, ${pythonType(item)} found`);
      return item.value;
    })
    .join(separator);
}
