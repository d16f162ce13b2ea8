import { GitmoxiError } from '../errors.js';
import { gitFailure, runGit } from './git.js';

/** One path that differs between two commits. Paths are repo-relative, exactly as stored in git. */
export interface FileChange {
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'type-changed';
  /** The path at `to` (for 'deleted': the path that existed at `from`). */
  path: string;
  /** For 'renamed': the path at `from`. */
  oldPath?: string;
  /** For 'renamed': git's similarity score, 0–100 (100 = identical content). */
  similarity?: number;
}

/**
 * The files that differ between the tree of `from` and the tree of `to`.
 *
 * Semantics, chosen for a deployment tool whose question is "what differs between what was deployed (`from`)
 * and what should be deployed (`to`)":
 * - Always a two-tree diff of the two commits' trees, never a walk of the history between them. So a merge
 *   commit works like any other commit, and a `from` that is not an ancestor of `to` (after a force push, or
 *   a pull request's base that moved on) still gives exactly the files whose content differs.
 * - `from === null` (no previous deployment, or CI's all-zero SHA for a new branch): every file at `to` is
 *   'added'.
 * - Renames are detected (`-M`, git's default 50 % similarity), including every file of a renamed folder; a
 *   renamed file whose content also changed is still one 'renamed' entry, with its similarity.
 * - Whitespace-only edits are modifications: content is compared byte for byte (no `-w`), and no textconv or
 *   external diff driver from the user's configuration is involved (plumbing `diff-tree` ignores both).
 * - A file that became a symlink or a submodule (or back) is 'type-changed'; a mode change (chmod +x) is
 *   'modified'. Symlinks and submodules are listed like files: callers filter by name.
 * - Only the object database is read, never the working tree, so any two commits can be compared from any
 *   checkout.
 */
export async function listChanges(repoDir: string, from: string | null, to: string): Promise<FileChange[]> {
  const base = from ?? (await emptyTree(repoDir));
  const args = ['diff-tree', '-r', '-z', '-M', '--name-status', '--no-ext-diff', '--no-textconv', '--end-of-options', base, to, '--'];
  return parseNameStatus(await runGit(repoDir, args));
}

/**
 * Parses `--name-status -z` output: `STATUS\0path\0` or, for renames and copies, `R087\0old\0new\0`.
 * Exported for tests.
 */
export function parseNameStatus(output: string): FileChange[] {
  const tokens = output.split('\0');
  const changes: FileChange[] = [];
  let index = 0;
  while (index < tokens.length) {
    const code = tokens[index++];
    if (!code) continue; // the trailing NUL leaves one empty token
    const first = tokens[index++];
    if (first === undefined) throw protocolError(output);
    const letter = code.charAt(0);
    if (letter === 'R' || letter === 'C') {
      const second = tokens[index++];
      if (second === undefined) throw protocolError(output);
      changes.push(pairedChange(letter, first, second, Number(code.slice(1))));
    } else {
      changes.push({ status: singleStatus(letter, output), path: first });
    }
  }
  return changes;
}

function pairedChange(letter: 'R' | 'C', oldPath: string, path: string, similarity: number): FileChange {
  // Copies appear only when a user's diff.renames=copies leaks in; the copy is a new file, the source unchanged.
  if (letter === 'C') return { status: 'added', path };
  return { status: 'renamed', path, oldPath, similarity };
}

function singleStatus(letter: string, output: string): Exclude<FileChange['status'], 'renamed'> {
  switch (letter) {
    case 'A':
      return 'added';
    case 'M':
      return 'modified';
    case 'D':
      return 'deleted';
    case 'T':
      return 'type-changed';
    default:
      throw protocolError(output);
  }
}

function protocolError(output: string): GitmoxiError {
  return new GitmoxiError('E_INTERNAL', `unexpected output from git diff-tree: ${JSON.stringify(output.slice(0, 200))}`);
}

/**
 * The id of the empty tree in this repository's hash format (SHA-1 or SHA-256). Git knows it without it being
 * stored, so diffing against it lists every file of the other side as added.
 */
async function emptyTree(repoDir: string): Promise<string> {
  return (await runGit(repoDir, ['hash-object', '-t', 'tree', '--stdin'], { input: '' })).trim();
}

/**
 * True when commit `a` is an ancestor of (or equal to) commit `b`. In a shallow clone the answer can be a
 * false "no" when the shared history was not fetched; listChanges does not depend on it.
 */
export async function isAncestor(repoDir: string, a: string, b: string): Promise<boolean> {
  const args = ['merge-base', '--is-ancestor', '--end-of-options', a, b];
  const result = await runGit(repoDir, args, { allowFailure: true });
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  throw gitFailure(args, result.exitCode, result.stderr);
}
