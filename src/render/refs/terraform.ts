/**
 * ref.type TERRAFORM: the output of `terraform output -json`, `{name: {"value": v, "type": t, "sensitive": b}}`.
 * Each output becomes the variable `name = v`, lists and maps keeping their structure. Values of sensitive
 * outputs are collected so that nothing gitmoxi prints shows them.
 */
import type { JsonSource } from '../../defs/json-source.js';
import { isWholeFloat, setEntry, templateValueOf, writtenKeys } from '../template-json.js';
import { isPlainObject, kindOf, refTypeError, type RefVariables } from './ref-variables.js';

export function readTerraformRef(source: JsonSource): RefVariables {
  const root = templateValueOf(source);
  if (!isPlainObject(root)) {
    throw refTypeError(source, [], 'TERRAFORM', `expected the object printed by \`terraform output -json\`, got ${kindOf(root)}`);
  }
  const variables: Record<string, unknown> = {};
  const sensitiveValues: string[] = [];
  for (const name of writtenKeys(root)) {
    const output = root[name];
    if (!isPlainObject(output) || !Object.hasOwn(output, 'value')) {
      const hint = isPlainObject(output) ? ' (is this a CDK outputs file, or plain JSON?)' : '';
      throw refTypeError(source, [name], 'TERRAFORM', `output '${name}' is not {"value": …, "type": …, "sensitive": …}${hint}`);
    }
    if (output.sensitive !== undefined && typeof output.sensitive !== 'boolean') {
      const message = `"sensitive" of output '${name}' must be true or false, got ${kindOf(output.sensitive)}`;
      throw refTypeError(source, [name, 'sensitive'], 'TERRAFORM', message);
    }
    setEntry(variables, name, output.value, isWholeFloat(output, 'value'));
    if (output.sensitive === true) sensitiveValues.push(...sensitiveLeaves(output.value));
  }
  return { variables, sensitiveValues };
}

/**
 * What a sensitive value can print as: every string in it, and the JSON text of every number. Booleans and
 * null are left out: they carry one bit, and hiding every "true" in a plan would make it unreadable.
 */
function sensitiveLeaves(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (typeof value === 'number') return [JSON.stringify(value)];
  if (Array.isArray(value)) return value.flatMap(sensitiveLeaves);
  if (isPlainObject(value)) return Object.values(value).flatMap(sensitiveLeaves);
  return [];
}
