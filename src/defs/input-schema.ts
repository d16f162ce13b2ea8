/**
 * `_input.json` / `_lambdainput.json` (docs/templates.md#inputs): plain JSON, never templated. `ref` names
 * infrastructure output files and their format; every other top-level key is a template variable. `ref` is strict (a
 * misspelt `files` or `Type` is an error with "did you mean"); the variables are free-form.
 */
import { z } from 'zod';
import { closedObject } from './custom-issues.js';

const inputRefTypes = ['TERRAFORM', 'CDK', 'JSON'] as const;
export type InputRefType = (typeof inputRefTypes)[number];

const inputRefSchema = closedObject({
  /** Repo-relative paths, read at the same commit; a single string is accepted for one file. */
  file: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** Absent in older GitMoxi inputs: inferred from each file's shape (render/refs/infer-type.ts) and noted. */
  type: z.enum(inputRefTypes).optional(),
});

export const inputSchema = z.object({ ref: inputRefSchema.optional() }).catchall(z.unknown());
