/** ref.type JSON: a plain JSON object; each top-level key is a variable. */
import type { JsonSource } from '../../defs/json-source.js';
import { isWholeFloat, setEntry, templateValueOf, writtenKeys } from '../template-json.js';
import { isPlainObject, kindOf, refTypeError, type RefVariables } from './ref-variables.js';

export function readJsonRef(source: JsonSource): RefVariables {
  const root = templateValueOf(source);
  if (!isPlainObject(root)) throw refTypeError(source, [], 'JSON', `expected an object whose keys are the variables, got ${kindOf(root)}`);
  const variables: Record<string, unknown> = {};
  for (const key of writtenKeys(root)) setEntry(variables, key, root[key], isWholeFloat(root, key));
  return { variables, sensitiveValues: [] };
}
