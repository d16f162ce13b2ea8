/**
 * JSON values as Python's json.loads would hand them to Jinja2. Two facts do not survive JS's JSON model:
 * a number written `1.0` or `1e3` is a float in Python (it prints `1.0`) but a plain 1 in JS, and an object's
 * keys keep their written order in Python while JS moves integer-like keys (`"8080"`, `"443"`) to the front
 * in numeric order, which changes what `.items()` loops emit. Both are recorded beside the containers, in weak
 * maps keyed by the container, so JSON.stringify, Object.keys and spreads never see them.
 */
import { parseTree, type Node } from 'jsonc-parser';
import type { JsonSource } from '../defs/json-source.js';

const wholeFloats = new WeakMap<object, Set<string>>();
const writtenOrder = new WeakMap<object, string[]>();
const decodedFrom = new WeakMap<object, string>();

/** The value of an already validated JSON source, with the two facts above recorded. */
export function templateValueOf(source: JsonSource): unknown {
  const root = parseTree(source.text, [], { disallowComments: true, allowTrailingComma: false });
  return root === undefined ? source.value : build(root, source.text);
}

function build(node: Node, text: string): unknown {
  if (node.type === 'array') {
    const items: unknown[] = [];
    for (const child of node.children ?? []) {
      if (isWholeFloatNode(child, text)) markWholeFloat(items, String(items.length));
      items.push(build(child, text));
    }
    return items;
  }
  if (node.type !== 'object') return node.value;
  const object: Record<string, unknown> = {};
  const order: string[] = [];
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode === undefined || valueNode === undefined) continue;
    const key = String(keyNode.value);
    // A repeated key keeps its first position and its last value, as in a Python dict.
    if (!Object.hasOwn(object, key)) order.push(key);
    defineEntry(object, key, build(valueNode, text));
    if (isWholeFloatNode(valueNode, text)) markWholeFloat(object, key);
    else wholeFloats.get(object)?.delete(key);
  }
  if (order.some(isIntegerLike)) writtenOrder.set(object, order);
  return object;
}

function isWholeFloatNode(node: Node, text: string): boolean {
  return node.type === 'number' && Number.isInteger(node.value) && /[.eE]/.test(text.slice(node.offset, node.offset + node.length));
}

/** Keys JS orders before all others: canonical array indices. */
function isIntegerLike(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}

/** Records that `container[key]` is a float with a whole value (`1.0`). */
function markWholeFloat(container: object, key: string): void {
  const marks = wholeFloats.get(container) ?? new Set<string>();
  wholeFloats.set(container, marks);
  marks.add(key);
}

export function isWholeFloat(container: object, key: string): boolean {
  return wholeFloats.get(container)?.has(key) ?? false;
}

/** The object's keys in the order they were written. */
export function writtenKeys(object: object): string[] {
  return writtenOrder.get(object) ?? Object.keys(object);
}

/** Sets `target[key]`, carrying the float mark (a whole-valued float stays a float). */
export function setEntry(target: Record<string, unknown>, key: string, value: unknown, wholeFloat: boolean): void {
  defineEntry(target, key, value);
  if (wholeFloat) markWholeFloat(target, key);
  else wholeFloats.get(target)?.delete(key);
}

/**
 * Records that a list or map was decoded from JSON text (a CDK output). GitMoxi sees the text, so printing it
 * (`{{ Stack.SubnetIds }}`) or concatenating it shows the text as written; indexing, loops and `tojson` see
 * the decoded value.
 */
export function rememberJsonText(value: object, text: string): void {
  decodedFrom.set(value, text);
}

export function jsonTextOf(value: object): string | undefined {
  return decodedFrom.get(value);
}

/** Plain assignment of a key named `__proto__` would replace the prototype instead of adding the key. */
function defineEntry(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
