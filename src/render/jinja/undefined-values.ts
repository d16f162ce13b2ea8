/**
 * Jinja2's StrictUndefined, split in two: a name that does not exist raises where it is looked up, except
 * where Jinja2 lets an undefined value through untouched (`x is defined`, `x | default(y)`). There the
 * undefined value is remembered with its name, so that printing it later still raises, naming it.
 */
import type { Value } from './engine-types.js';

export class UndefinedNameError extends Error {
  constructor(readonly expression: string) {
    super(`undefined variable '${expression}'`);
    this.name = 'UndefinedNameError';
  }
}

const names = new WeakMap<Value, string>();

/** Remembers that `value` is the undefined result of looking up `expression`. */
export function rememberUndefined(value: Value, expression: string): void {
  names.set(value, expression);
}

/** Throws if `value` is a remembered undefined name: it is being used, which StrictUndefined forbids. */
export function assertUsable(value: Value): void {
  const expression = names.get(value);
  if (expression !== undefined) throw new UndefinedNameError(expression);
}
