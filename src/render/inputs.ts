/**
 * A unit's template variables (docs/templates.md#inputs): the input file's `ref` files, read at the same commit and
 * merged in order (a later file wins a name both define), then the input file's own keys, which win over every ref. The
 * input file and the ref files are plain JSON; nothing here is templated.
 */
import { parseJsonSource, type JsonPath, type JsonSource } from '../defs/json-source.js';
import type { LegacyKeyUse } from '../defs/legacy-keys.js';
import { inputSchema, type InputRefType } from '../defs/input-schema.js';
import { parseDefinition } from '../defs/describe-issue.js';
import { parseRefFile } from './redact.js';
import { GitmoxiError, type Problem } from '../errors.js';
import { readCdkRef } from './refs/cdk.js';
import { inferRefType } from './refs/infer-type.js';
import { readJsonRef } from './refs/json.js';
import type { RefVariables } from './refs/ref-variables.js';
import { readTerraformRef } from './refs/terraform.js';
import { isWholeFloat, setEntry, templateValueOf, writtenKeys } from './template-json.js';
import { recordOf } from '../is-record.js';

export interface ResolvedInputs {
  variables: Record<string, unknown>;
  /** Values never to be printed (from sensitive Terraform outputs), for redact(). */
  sensitiveValues: string[];
  /** The ref files read, repo-relative and normalised, in `ref.file` order. */
  refFiles: string[];
  /** Older GitMoxi spellings in the input file (ref.file as a string, ref without type), for plan's note. */
  legacyKeys: LegacyKeyUse[];
  /**
   * Keys written twice in the input file or a ref file. They do not stop rendering (the variables take the last
   * value, as Python's json does for GitMoxi), so the unit's other problems are reported with them.
   */
  problems: Problem[];
}

/** Reads a repo-relative path at the commit being rendered; null when the file does not exist there. */
export type ReadRepoFile = (repoPath: string) => Promise<string | null>;

const readers: Record<InputRefType, (source: JsonSource) => RefVariables> = {
  TERRAFORM: readTerraformRef,
  CDK: readCdkRef,
  JSON: readJsonRef,
};

/**
 * Parsed ref files by `type:path`, for one commit: many units read the same Terraform output file, and parsing it
 * once per commit instead of once per unit is most of a large plan's input work.
 */
export type RefCache = Map<string, RefVariables & { duplicateKeys: Problem[] }>;

export async function resolveInputs(
  input: { path: string; text: string } | null,
  readRepoFile: ReadRepoFile,
  cache: RefCache = new Map(),
): Promise<ResolvedInputs> {
  if (input === null) return { variables: {}, sensitiveValues: [], refFiles: [], legacyKeys: [], problems: [] };
  const source = parseJsonSource(input.text, input.path, 'E_INPUT_INVALID');
  const parsed = parseDefinition(inputSchema, source.value);
  if (!parsed.ok) {
    const [first, ...rest] = [
      ...source.duplicateKeys,
      ...parsed.issues.map((issue) => {
        const location = source.locate(issue.path);
        return new GitmoxiError('E_INPUT_INVALID', issue.message, issue.hint === undefined ? { location } : { location, hint: issue.hint }).toProblem();
      }),
    ];
    const options = { location: first?.location ?? { file: input.path }, problems: rest };
    const hint = first?.hint === undefined ? {} : { hint: first.hint };
    throw new GitmoxiError(first?.code ?? 'E_INPUT_INVALID', first?.message ?? 'invalid input file', { ...options, ...hint });
  }
  const variables: Record<string, unknown> = {};
  const sensitiveValues = new Set<string>();
  const refFiles: string[] = [];
  const legacyKeys: LegacyKeyUse[] = [];
  const problems: Problem[] = [...source.duplicateKeys];
  const ref = parsed.data.ref;
  if (ref !== undefined) {
    if (typeof ref.file === 'string') legacyKeys.push({ file: input.path, key: 'ref.file as a string', modern: `"file": [${JSON.stringify(ref.file)}]` });
    const entries = typeof ref.file === 'string' ? [{ path: ref.file, at: ['ref', 'file'] }] : ref.file.map((path, i) => ({ path, at: ['ref', 'file', i] }));
    // Every path is checked before any is read: a path that leaves the repository is refused outright.
    const refPaths = entries.map((entry) => ({ ...entry, refPath: normaliseRefPath(entry.path, source, entry.at) }));
    for (const { refPath, at } of refPaths) {
      const cached = ref.type === undefined ? undefined : cache.get(`${ref.type}:${refPath}`);
      const read = cached ?? (await readTyped(ref.type, refPath, { readRepoFile, source, at, legacyKeys }));
      cache.set(`${ref.type ?? '?'}:${refPath}`, read);
      problems.push(...read.duplicateKeys);
      merge(variables, read.variables);
      for (const value of read.sensitiveValues) sensitiveValues.add(value);
      if (!refFiles.includes(refPath)) refFiles.push(refPath);
    }
  }
  const inline = recordOf(templateValueOf(source));
  for (const key of writtenKeys(inline)) if (key !== 'ref') setEntry(variables, key, inline[key], isWholeFloat(inline, key));
  return { variables, sensitiveValues: [...sensitiveValues], refFiles, legacyKeys, problems };
}

interface RefContext {
  readRepoFile: ReadRepoFile;
  /** The input file naming the ref, and where in it. */
  source: JsonSource;
  at: JsonPath;
  legacyKeys: LegacyKeyUse[];
}

/** Reads one ref file as `type`, or, when the input names none, as the type its shape shows (noted). */
async function readTyped(type: InputRefType | undefined, refPath: string, context: RefContext): Promise<RefVariables & { duplicateKeys: Problem[] }> {
  const refSource = await readRef(refPath, context.readRepoFile, context.source, context.at);
  const { duplicateKeys } = refSource;
  if (type !== undefined) return { ...readers[type](refSource), duplicateKeys };
  const inferred = inferRefType(refSource.value);
  context.legacyKeys.push({
    file: context.source.file,
    key: `ref without type (${refPath} read as ${inferred}, from its shape)`,
    modern: `"type": "${inferred}"`,
  });
  return { ...readers[inferred](refSource), duplicateKeys };
}

function merge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of writtenKeys(source)) setEntry(target, key, source[key], isWholeFloat(source, key));
}

/**
 * `./infra//out.json` → `infra/out.json`. Absolute paths and paths that climb above the repository root
 * (`../x`, `a/../../x`) are refused: ref files are read from the repository at a commit, nowhere else.
 */
function normaliseRefPath(path: string, input: JsonSource, at: JsonPath): string {
  const escapes = (): GitmoxiError =>
    new GitmoxiError('E_INPUT_REF_ESCAPES_REPO', `ref.file '${path}' in ${input.file} leaves the repository`, { location: input.locate(at) });
  if (path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path)) throw escapes();
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) throw escapes();
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  if (segments.length === 0) {
    const message = `ref.file '${path}' in ${input.file} names the repository root, not a file`;
    throw new GitmoxiError('E_INPUT_REF_MISSING', message, { location: input.locate(at) });
  }
  return segments.join('/');
}

async function readRef(refPath: string, readRepoFile: ReadRepoFile, input: JsonSource, at: JsonPath): Promise<JsonSource> {
  const text = await readRepoFile(refPath);
  if (text === null) {
    throw new GitmoxiError('E_INPUT_REF_MISSING', `ref file '${refPath}' (named in ${input.file}) does not exist at this commit`, {
      location: input.locate(at),
    });
  }
  return parseRefFile(text, refPath);
}
