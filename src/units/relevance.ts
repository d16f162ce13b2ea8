/**
 * What a change between two commits means for each unit (docs/design.md#changes). Pure: it sees file lists and changes,
 * never file contents, so it answers "why didn't my depdef change deploy?" in one place.
 */
import type { FileChange } from '../git/changes.js';
import { primaryFile, type UnitFiles } from './group.js';
import { classifyPath, type DefinitionKind } from './suffixes.js';

/**
 * `invalid` is never decided here (this file sees no contents): the planner gives it to a unit whose files do not
 * render or validate, or whose identity another unit shares (docs/isolation.md).
 */
export type UnitAction = 'deploy' | 'delete' | 'settings-only' | 'not-deployable' | 'invalid';

/**
 * Why a unit is in the plan. `fixed`: only settings changed, but the unit did not render or validate at `from`, so
 * its earlier changes never reached AWS and it is deployed now. `identity-conflict`: nothing of it changed, but
 * a changed unit now resolves to the same service or function.
 */
export type UnitReason = 'added' | 'modified' | 'deleted' | 'ref-changed' | 'forced' | 'settings-changed' | 'incomplete' | 'fixed' | 'identity-conflict';

export interface ChangedFile {
  path: string;
  status: FileChange['status'];
  oldPath?: string;
  /** Definition kind, or undefined for an input's ref file. */
  kind?: DefinitionKind;
}

export interface UnitChange {
  prefix: string;
  action: UnitAction;
  reason: UnitReason;
  changedFiles: ChangedFile[];
  /** Ref files (read by the unit's input) that changed. */
  changedRefs: string[];
}

export interface RelevanceInput {
  changes: readonly FileChange[];
  before: ReadonlyMap<string, UnitFiles>;
  after: ReadonlyMap<string, UnitFiles>;
  /** Files each unit's input file references at the `to` commit, and folders of packaged Lambda code, repo-relative. */
  refsAfter: ReadonlyMap<string, readonly string[]>;
  /** Units to deploy whatever changed (`--force`). */
  forced?: ReadonlySet<string>;
}

export function findAffectedUnits(input: RelevanceInput): UnitChange[] {
  const byPrefix = changedFilesByPrefix(input.changes);
  const changedPaths = new Set<string>();
  for (const change of input.changes) {
    changedPaths.add(change.path);
    if (change.oldPath !== undefined) changedPaths.add(change.oldPath);
  }
  const refChanges = new Map<string, string[]>();
  for (const [prefix, refs] of input.refsAfter) {
    const changed = refs.flatMap((ref) => (changedPaths.has(ref) ? [ref] : changedUnder(ref, changedPaths)));
    if (changed.length > 0) refChanges.set(prefix, changed);
  }
  const prefixes = new Set([...byPrefix.keys(), ...refChanges.keys(), ...(input.forced ?? [])]);
  const result: UnitChange[] = [];
  for (const prefix of [...prefixes].sort()) {
    const change = classifyUnit(
      prefix,
      input.before.get(prefix),
      input.after.get(prefix),
      byPrefix.get(prefix) ?? [],
      refChanges.get(prefix) ?? [],
      input.forced?.has(prefix) ?? false,
    );
    if (change !== null) result.push(change);
  }
  return result;
}

/** A ref may be a folder (a Lambda unit's packaged code): the changed files inside it. */
function changedUnder(folder: string, changedPaths: ReadonlySet<string>): string[] {
  const inside = `${folder}/`;
  return [...changedPaths].filter((path) => path.startsWith(inside));
}

function classifyUnit(
  prefix: string,
  before: UnitFiles | undefined,
  after: UnitFiles | undefined,
  changedFiles: ChangedFile[],
  changedRefs: string[],
  forced: boolean,
): UnitChange | null {
  const base = { prefix, changedFiles, changedRefs };
  const primaryAfter = after ? primaryFile(after) : null;
  const primaryBefore = before ? primaryFile(before) : null;
  if (primaryAfter === null) {
    if (primaryBefore !== null) return { ...base, action: 'delete', reason: 'deleted' };
    // Settings or inputs without the definition they configure: nothing can be deployed from them.
    if (after !== undefined) return { ...base, action: 'not-deployable', reason: 'incomplete' };
    return null;
  }
  if (forced) return { ...base, action: 'deploy', reason: 'forced' };
  if (primaryBefore === null) return { ...base, action: 'deploy', reason: 'added' };
  const deploying = changedFiles.some((file) => file.kind !== undefined && !isSettings(file.kind));
  if (deploying) return { ...base, action: 'deploy', reason: 'modified' };
  if (changedRefs.length > 0) return { ...base, action: 'deploy', reason: 'ref-changed' };
  if (changedFiles.length > 0) return { ...base, action: 'settings-only', reason: 'settings-changed' };
  return null;
}

function isSettings(kind: DefinitionKind): boolean {
  return kind === 'depdef' || kind === 'lambdadepdef';
}

/** A rename counts for both prefixes: the old one loses a file, the new one gains it. */
function changedFilesByPrefix(changes: readonly FileChange[]): Map<string, ChangedFile[]> {
  const result = new Map<string, ChangedFile[]>();
  const add = (path: string, file: ChangedFile) => {
    const classified = classifyPath(path);
    if (classified === null) return;
    const list = result.get(classified.prefix) ?? [];
    list.push({ ...file, kind: classified.rule.kind });
    result.set(classified.prefix, list);
  };
  for (const change of changes) {
    const file: ChangedFile = { path: change.path, status: change.status };
    if (change.oldPath !== undefined) file.oldPath = change.oldPath;
    add(change.path, file);
    if (change.oldPath !== undefined && classifyPath(change.oldPath)?.prefix !== classifyPath(change.path)?.prefix) {
      add(change.oldPath, { path: change.oldPath, status: 'deleted' });
    }
  }
  return result;
}
