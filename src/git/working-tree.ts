/**
 * The checkout's uncommitted state as a commit, so that `plan --working-tree` and `render --working-tree` read it
 * through the same git-object path as any commit. The index, the branch and the files are left untouched: the
 * tree is written from a private copy of the index (GIT_INDEX_FILE), and the commit object made from it is on no
 * branch (git gc removes it in time).
 */
import { copyFile, mkdtemp, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { GitmoxiError } from '../errors.js';
import { classifyPath } from '../units/suffixes.js';
import { runGit } from './git.js';

/** A commit whose tree is the working tree (tracked edits, staged or not, and untracked files git does not ignore). */
export async function workingTreeCommit(root: string): Promise<string> {
  const head = (await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { allowFailure: true })).stdout.trim();
  if (head === '')
    throw new GitmoxiError('E_GIT_REV_MISSING', `${root} has no commit yet: --working-tree plans the checkout against HEAD`, {
      hint: 'Make a first commit, then plan the edits on top of it.',
    });
  const folder = await mkdtemp(join(tmpdir(), 'gitmoxi-index-'));
  try {
    const index = join(folder, 'index');
    // A copy of the real index keeps its file stats, so `add` rehashes only what changed.
    const real = (await runGit(root, ['rev-parse', '--git-path', 'index'])).trim();
    await copyIndex(isAbsolute(real) ? real : join(root, real), index);
    const env = { GIT_INDEX_FILE: index };
    await runGit(root, ['add', '--all', '--', '.'], { env });
    const tree = (await runGit(root, ['write-tree'], { env })).trim();
    const identity = {
      GIT_AUTHOR_NAME: 'gitmoxi',
      GIT_AUTHOR_EMAIL: 'gitmoxi@localhost',
      GIT_COMMITTER_NAME: 'gitmoxi',
      GIT_COMMITTER_EMAIL: 'gitmoxi@localhost',
    };
    return (await runGit(root, ['commit-tree', tree, '-p', head, '-m', 'gitmoxi: the working tree, not committed'], { env: identity })).trim();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * Git trusts an entry's stats only when the file is older than the index file itself ("racy git"): an edit of the
 * same size made in the second the index was written is re-read because its mtime is not older. A plain copy would
 * carry a newer mtime and hide such an edit, so the copy is dated a second before the real index.
 */
async function copyIndex(real: string, copy: string): Promise<void> {
  const written = await stat(real).catch(() => null);
  if (written === null) return;
  await copyFile(real, copy);
  const before = new Date(written.mtimeMs - 1000);
  await utimes(copy, before, before);
}

/** Unit files (by suffix) that differ from HEAD in the checkout: edited, staged, deleted or untracked. */
export async function uncommittedUnitFiles(root: string): Promise<string[]> {
  const status = await runGit(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all'], { allowFailure: true });
  if (status.exitCode !== 0) return [];
  const entries = status.stdout.split('\0');
  const paths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] ?? '';
    if (entry.length < 4) continue;
    paths.push(entry.slice(3));
    // A rename or copy is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') i += 1;
  }
  return paths.filter((path) => classifyPath(path) !== null);
}
