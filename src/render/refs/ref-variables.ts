/** What every ref reader returns, and the error they raise when a file does not have its declared shape. */
import type { JsonPath, JsonSource } from '../../defs/json-source.js';
import { GitmoxiError } from '../../errors.js';

export interface RefVariables {
  /** Variables in file order; floats written `1.0` are marked as template-json.ts describes. */
  variables: Record<string, unknown>;
  /** Raw values never to be printed (redact.ts derives their escaped forms). */
  sensitiveValues: string[];
}

/** E_INPUT_REF_TYPE located in the ref file, naming it and the format it was declared as. */
export function refTypeError(source: JsonSource, path: JsonPath, type: string, message: string): GitmoxiError {
  return new GitmoxiError('E_INPUT_REF_TYPE', `${source.file} is not a ${type} file: ${message}`, { location: source.locate(path) });
}

/** The JSON kind of a value, for messages ("a string", "an array"). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
