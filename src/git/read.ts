import { GitmoxiError } from '../errors.js';
import { CatFileBatch, type BatchAnswer } from './cat-file-batch.js';
import { gitAtLeast, runGit } from './git.js';
import { resolveCommit } from './revisions.js';

/** Reads the files of one commit straight from git's object database (never the working tree). */
export interface TreeReader {
  /** The full SHA of the commit being read. */
  readonly commit: string;
  /** Every regular file at the commit, repo-relative, in git's order. Symlinks and submodules are left out. */
  list(): Promise<string[]>;
  /**
   * The bytes of the file at `path` (repo-relative, as git prints it), or null when there is no file there:
   * absent, a folder, or a submodule. A symlink is followed when it points at a file inside the repository
   * (what a checkout would show); one that dangles or leads outside the repository reads as null.
   */
  read(path: string): Promise<Buffer | null>;
  /** Like read() for many paths at once, pipelined through one git process; the map keeps the input order. */
  readMany(paths: readonly string[]): Promise<Map<string, Buffer | null>>;
  /** Whether the file at `path` is executable (mode 100755) at the commit; false for anything else. */
  isExecutable(path: string): Promise<boolean>;
  /** Stops the git process. Reads after close() fail. */
  close(): void;
}

/** Git 2.38 added `cat-file -z`, which lets paths containing a newline go through the batch process. */
const NUL_INPUT_SINCE: [number, number] = [2, 38];
/**
 * From this many paths on, readMany first lists the whole tree (one `ls-tree`, ~20 ms for 8,000 files) and
 * asks cat-file for blobs by id: git then skips resolving `commit:path` (a walk from the root tree per file),
 * which makes thousands of reads about ten times faster. Below it, or for paths the listing cannot answer
 * (symlinks, folders, paths through a symlinked folder), `commit:path` is asked directly.
 */
const BULK_READ = 64;

export interface OpenTreeOptions {
  /** Force the NUL-terminated protocol on or off; by default it is used when git supports it. For tests. */
  nulInput?: boolean;
}

/** One entry of `git ls-tree -r`: mode 100644/100755 file, 120000 symlink, 160000 submodule. */
interface TreeEntry {
  mode: string;
  objectId: string;
}

/**
 * Opens a reader for `rev` (anything `git rev-parse` understands). One long-lived `git cat-file --batch`
 * process serves all reads, so reading thousands of files costs one process, not thousands.
 * Throws E_GIT_REV_MISSING when `rev` names no commit.
 */
export async function openTree(repoDir: string, rev: string, options: OpenTreeOptions = {}): Promise<TreeReader> {
  const commit = await resolveCommit(repoDir, rev);
  if (!commit) throw new GitmoxiError('E_GIT_REV_MISSING', `${rev} does not name a commit in this repository`);
  const nulTerminated = options.nulInput ?? (await gitAtLeast(repoDir, ...NUL_INPUT_SINCE));
  const batch = new CatFileBatch(repoDir, nulTerminated);
  let entries: Promise<Map<string, TreeEntry>> | undefined;
  const loadEntries = (): Promise<Map<string, TreeEntry>> => (entries ??= listEntries(repoDir, commit));

  const readMany = async (paths: readonly string[]): Promise<Map<string, Buffer | null>> => {
    const unique = [...new Set(paths)];
    const listing = entries || unique.length >= BULK_READ ? await loadEntries() : undefined;
    const contents = new Map<string, Buffer | null>();
    const queried: Array<[path: string, name: string]> = [];
    for (const path of unique) {
      const route = routeRead(commit, path, listing?.get(path), nulTerminated);
      if (route === 'slow') contents.set(path, await readOne(repoDir, commit, path));
      else if (route === null) contents.set(path, null);
      else queried.push([path, route]);
    }
    const answers = await batch.request(queried.map(([, name]) => name));
    for (const [index, [path]] of queried.entries()) contents.set(path, blobContent(answers[index]));
    return new Map(paths.map((path) => [path, contents.get(path) ?? null]));
  };

  return {
    commit,
    list: async () => [...(await loadEntries())].filter(([, entry]) => isRegularFile(entry.mode)).map(([path]) => path),
    read: async (path) => (await readMany([path])).get(path) ?? null,
    readMany,
    isExecutable: async (path) => (await loadEntries()).get(path)?.mode === '100755',
    close: () => batch.close(),
  };
}

/** What to ask cat-file for `path`: an object id, `commit:path`, nothing (null), or the slow path. */
function routeRead(commit: string, path: string, entry: TreeEntry | undefined, nulTerminated: boolean): string | null | 'slow' {
  if (entry && isRegularFile(entry.mode)) return entry.objectId;
  if (entry?.mode === '160000') return null; // a submodule: its commit lives in another repository
  // Without `-z`, cat-file reads names line by line and drops a trailing CR, so such paths go another way.
  if (!nulTerminated && (path.includes('\n') || path.endsWith('\r'))) return 'slow';
  return `${commit}:${path}`;
}

function isRegularFile(mode: string): boolean {
  return mode === '100644' || mode === '100755' || mode === '100664';
}

function blobContent(answer: BatchAnswer | undefined): Buffer | null {
  return answer?.kind === 'object' && answer.type === 'blob' ? answer.content : null;
}

/** The slow path for old git: one process per file (no symlink following, which `--batch` alone offers). */
async function readOne(repoDir: string, commit: string, path: string): Promise<Buffer | null> {
  const spec = `${commit}:${path}`;
  const type = await runGit(repoDir, ['cat-file', '-t', spec], { allowFailure: true });
  if (type.exitCode !== 0 || type.stdout.trim() !== 'blob') return null;
  return runGit(repoDir, ['cat-file', 'blob', spec], { encoding: 'buffer' });
}

/** Every non-folder entry at the commit, by path, in git's order (`<mode> <type> <id>\t<path>\0`). */
async function listEntries(repoDir: string, commit: string): Promise<Map<string, TreeEntry>> {
  const output = await runGit(repoDir, ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit]);
  const entries = new Map<string, TreeEntry>();
  for (const line of output.split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, , objectId] = line.slice(0, tab).split(' ');
    if (mode && objectId) entries.set(line.slice(tab + 1), { mode, objectId });
  }
  return entries;
}
