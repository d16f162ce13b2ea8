/**
 * `ref` without `type`, as older GitMoxi inputs write it: the type is read from the file's shape. Terraform's
 * `{name: {value, type, sensitive}}` and CDK's `{Stack: {Output: "text"}}` are unmistakable when every entry has
 * them; anything else is plain JSON, whose reader reports a file that is not an object.
 */
import type { InputRefType } from '../../defs/input-schema.js';
import { isPlainObject } from './ref-variables.js';

export function inferRefType(root: unknown): InputRefType {
  if (!isPlainObject(root)) return 'JSON';
  const entries = Object.values(root);
  if (entries.length === 0) return 'JSON';
  if (entries.every((entry) => isPlainObject(entry) && Object.hasOwn(entry, 'value'))) return 'TERRAFORM';
  if (entries.every((entry) => isPlainObject(entry) && Object.values(entry).every((output) => typeof output === 'string'))) return 'CDK';
  return 'JSON';
}
