/**
 * Jinja2's built-in filters, re-implemented where the engine's version differs from Jinja2 (str() of
 * non-strings, `tojson`, `int` with a base, `default(x, true)`, `trim(chars)`, `title`, `format`, `count`, …).
 * Filters not listed here run in the engine (`safe abs sort selectattr rejectattr indent`); any other
 * name is refused before rendering (see `checkFilterName`).
 */
import type { Value } from './engine-types.js';
import { jinjaToJson } from './jinja-tojson.js';
import { percentFormat } from './python-format.js';
import { parsePythonFloat, parsePythonInt } from './python-numbers.js';
import { pythonStr } from './python-str.js';
import { capitalize, jinjaTitle, pythonReplace, pythonStrip } from './python-strings.js';
import { isMapping, isNumber, isSequence, isString, iterate, numberOf, pythonType, truthy, type ValueFactory } from './values.js';

interface FilterCall {
  operand: Value;
  args: Value[];
  kwargs: Map<string, Value>;
  values: ValueFactory;
}

type Filter = (call: FilterCall) => Value;

/** A parameter by position or by keyword, as Python binds them. */
function param(call: FilterCall, index: number, name: string): Value | undefined {
  return call.args[index] ?? call.kwargs.get(name);
}

const isUndefined = (value: Value | undefined): boolean => value?.type === 'UndefinedValue';
const str = (value: Value | undefined, fallback = ''): string => (value === undefined ? fallback : pythonStr(value));

function defaultFilter(call: FilterCall): Value {
  const boolean = param(call, 1, 'boolean');
  const useDefault = isUndefined(call.operand) || (boolean !== undefined && truthy(boolean) && !truthy(call.operand));
  return useDefault ? (param(call, 0, 'default_value') ?? call.values.string('')) : call.operand;
}

function toJsonFilter(call: FilterCall): Value {
  const indent = param(call, 0, 'indent');
  const width = indent === undefined || indent.type === 'NullValue' ? null : isString(indent) ? indent.value : numberOf(number(indent, 'indent'));
  return call.values.string(jinjaToJson(call.operand, width));
}

/** int(): strings in the given base, then as a float (`"3.7"` is 3); anything unconvertible is the default. */
function intFilter(call: FilterCall): Value {
  const fallback = param(call, 0, 'default') ?? call.values.int(0);
  const base = param(call, 1, 'base');
  const { operand } = call;
  let result: number | undefined;
  if (isString(operand)) {
    result = parsePythonInt(operand.value, base === undefined ? 10 : numberOf(number(base, 'base')));
    if (result === undefined) result = truncate(parsePythonFloat(operand.value));
  } else if (isNumber(operand)) {
    result = truncate(numberOf(operand));
  }
  return result === undefined ? fallback : call.values.int(result);
}

function truncate(n: number | undefined): number | undefined {
  return n === undefined || !Number.isFinite(n) ? undefined : Math.trunc(n) || 0;
}

function floatFilter(call: FilterCall): Value {
  const { operand } = call;
  const result = isString(operand) ? parsePythonFloat(operand.value) : isNumber(operand) ? numberOf(operand) : undefined;
  return result === undefined ? (param(call, 0, 'default') ?? call.values.float(0)) : call.values.float(result);
}

function number(value: Value, name: string): Value & { value: number | boolean } {
  if (isNumber(value)) return value;
  throw new TypeError(`${name} must be a number, not ${pythonType(value)}`);
}

function lengthFilter(call: FilterCall): Value {
  const { operand } = call;
  if (isString(operand)) return call.values.int(Array.from(operand.value).length);
  if (isSequence(operand)) return call.values.int(operand.value.length);
  if (isMapping(operand)) return call.values.int(operand.value.size);
  throw new TypeError(`object of type '${pythonType(operand)}' has no len()`);
}

function joinFilter(call: FilterCall): Value {
  const attribute = param(call, 1, 'attribute');
  const items = iterate(call.operand, call.values).map((item) => (attribute === undefined ? item : attributeOf(item, pythonStr(attribute))));
  return call.values.string(items.map((item) => pythonStr(item)).join(str(param(call, 0, 'd'))));
}

function attributeOf(item: Value, name: string): Value {
  const found = isMapping(item) ? item.value.get(name) : undefined;
  if (found === undefined) throw new Error(`'${pythonType(item)} object' has no attribute '${name}'`);
  return found;
}

function replaceFilter(call: FilterCall): Value {
  const count = param(call, 2, 'count');
  const limit = count === undefined || count.type === 'NullValue' ? -1 : numberOf(number(count, 'count'));
  return call.values.string(pythonReplace(pythonStr(call.operand), str(param(call, 0, 'old')), str(param(call, 1, 'new')), limit));
}

function formatFilter(call: FilterCall): Value {
  return call.values.string(percentFormat(pythonStr(call.operand), call.kwargs.size > 0 ? call.kwargs : call.args));
}

/** unique(): first occurrences, strings compared case-insensitively unless case_sensitive. */
function uniqueFilter(call: FilterCall): Value {
  const caseSensitive = param(call, 0, 'case_sensitive');
  const seen = new Set<string>();
  const kept = iterate(call.operand, call.values).filter((item) => {
    const key = isString(item) && !(caseSensitive && truthy(caseSensitive)) ? `s${item.value.toLowerCase()}` : identity(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return call.values.list(kept);
}

function identity(item: Value): string {
  if (isNumber(item)) return `n${numberOf(item)}`;
  return `${item.type}${pythonStr(item)}`;
}

function firstOrLast(which: 'first' | 'last'): Filter {
  return (call) => {
    const items = iterate(call.operand, call.values);
    const item = which === 'first' ? items[0] : items[items.length - 1];
    if (item === undefined) throw new Error(`No ${which} item, sequence was empty.`);
    return item;
  };
}

function reverseFilter(call: FilterCall): Value {
  const { operand } = call;
  if (isString(operand)) return call.values.string(Array.from(operand.value).reverse().join(''));
  return call.values.list(iterate(operand, call.values).slice().reverse());
}

/** items() and dictsort produce (key, value) tuples, which print as tuples. */
function itemsFilter(call: FilterCall): Value {
  if (isUndefined(call.operand)) return call.values.list([]);
  return call.values.list(pairs(call.operand, call.values));
}

export function pairs(mapping: Value, values: ValueFactory): Value[] {
  if (!isMapping(mapping)) throw new TypeError(`can only get item pairs from a mapping, not ${pythonType(mapping)}`);
  return Array.from(mapping.value, ([key, item]) => values.tuple([values.string(key), item]));
}

function dictsortFilter(call: FilterCall): Value {
  const caseSensitive = param(call, 0, 'case_sensitive');
  const by = str(param(call, 1, 'by'), 'key');
  const reverse = param(call, 2, 'reverse');
  const position = by === 'value' ? 1 : 0;
  const sortKey = (pair: Value): string | number => {
    const item = isSequence(pair) ? pair.value[position] : undefined;
    if (item === undefined) throw new TypeError('dictsort expects (key, value) pairs');
    if (isNumber(item)) return numberOf(item);
    const text = pythonStr(item);
    return caseSensitive && truthy(caseSensitive) ? text : text.toLowerCase();
  };
  const sorted = pairs(call.operand, call.values).sort((a, b) => {
    const x = sortKey(a);
    const y = sortKey(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return call.values.list(reverse && truthy(reverse) ? sorted.reverse() : sorted);
}

/** map(attribute='a.b', default=…) or map('filter', args…): the engine's map only knows attributes. */
function mapFilter(call: FilterCall): Value {
  const items = iterate(call.operand, call.values);
  const attribute = call.kwargs.get('attribute');
  if (attribute !== undefined) {
    const fallback = call.kwargs.get('default');
    return call.values.list(items.map((item) => attributePath(item, pythonStr(attribute)) ?? fallback ?? missingAttribute(item, attribute)));
  }
  const [name, ...args] = call.args;
  const filter = name === undefined ? undefined : pythonFilters.get(pythonStr(name));
  if (filter === undefined) throw new Error(`map(): the filter ${name === undefined ? '(none)' : `'${pythonStr(name)}'`} is not supported by gitmoxi`);
  const kwargs = new Map(call.kwargs);
  return call.values.list(items.map((item) => filter({ operand: item, args, kwargs, values: call.values })));
}

/** Jinja2's attribute paths: `a.b`, with integer parts indexing lists. */
function attributePath(item: Value, path: string): Value | undefined {
  let current: Value | undefined = item;
  for (const part of path.split('.')) {
    if (current === undefined) return undefined;
    if (isMapping(current)) current = current.value.get(part);
    else if (isSequence(current) && /^\d+$/.test(part)) current = current.value[Number(part)];
    else return undefined;
  }
  return current;
}

function missingAttribute(item: Value, attribute: Value): never {
  throw new Error(`'${pythonType(item)} object' has no attribute '${pythonStr(attribute)}'`);
}

const text =
  (transform: (s: string) => string): Filter =>
  (call) =>
    call.values.string(transform(pythonStr(call.operand)));

export const pythonFilters: ReadonlyMap<string, Filter> = new Map<string, Filter>([
  ['default', defaultFilter],
  ['d', defaultFilter],
  ['tojson', toJsonFilter],
  ['int', intFilter],
  ['float', floatFilter],
  ['string', text((s) => s)],
  ['lower', text((s) => s.toLowerCase())],
  ['upper', text((s) => s.toUpperCase())],
  ['title', text(jinjaTitle)],
  ['capitalize', text(capitalize)],
  ['trim', (call) => call.values.string(pythonStrip(pythonStr(call.operand), param(call, 0, 'chars'), 'both'))],
  ['length', lengthFilter],
  ['count', lengthFilter],
  ['join', joinFilter],
  ['replace', replaceFilter],
  ['format', formatFilter],
  ['unique', uniqueFilter],
  ['list', (call) => call.values.list(iterate(call.operand, call.values).slice())],
  ['first', firstOrLast('first')],
  ['last', firstOrLast('last')],
  ['reverse', reverseFilter],
  ['items', itemsFilter],
  ['dictsort', dictsortFilter],
  ['map', mapFilter],
]);

/** Filters the engine implements as Jinja2 does; used unchanged. */
const engineFilters = new Set(['safe', 'abs', 'sort', 'selectattr', 'rejectattr', 'indent']);

/** Every filter Jinja2 3.1 ships, for telling a typo from a filter gitmoxi does not support. */
const jinja2Filters = new Set(
  (
    'abs attr batch capitalize center count d default dictsort e escape filesizeformat first float forceescape format groupby indent ' +
    'int items join last length list lower map max min pprint random reject rejectattr replace reverse round safe select selectattr ' +
    'slice sort string striptags sum title tojson trim truncate unique upper urlencode urlize wordcount wordwrap xmlattr'
  ).split(' '),
);

/** Jinja2 refuses an unknown filter when it compiles the template, even in a branch that never runs. */
export function checkFilterName(name: string): string | null {
  if (pythonFilters.has(name) || engineFilters.has(name)) return null;
  if (jinja2Filters.has(name)) return `the Jinja2 filter '${name}' is not supported by gitmoxi`;
  return `no filter named '${name}'`;
}
