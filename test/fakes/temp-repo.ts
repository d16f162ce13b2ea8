/**
 * Real, throw-away git repositories for tests, built from file trees and a list of commits.
 *
 *   const repo = await makeRepo([
 *     { files: { 'apps/web/web_svcdef.json': '{}' } },
 *     { files: { 'apps/web/web_svcdef.json': '{"a":1}', 'old.txt': null }, message: 'edit, delete old.txt' },
 *   ]);
 *   try { ... repo.shas[1] ... } finally { await repo.cleanup(); }
 *
 * Every commit has the same author, committer and a date one minute after the previous commit, so SHAs are
 * the same on every machine and run. The user's and system's git configuration are ignored (no signing,
 * no hooks, default branch `main`), so a developer's ~/.gitconfig cannot change a test's outcome.
 */
import { appendFile, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

/** File path (repo-relative, `/`-separated) → content; null deletes the file. */
export type FileTree = Record<string, string | Buffer | null>;

export interface CommitSpec {
  files: FileTree;
  message?: string;
  /** Commit on this branch: checked out first, and created from the current HEAD when it does not exist. */
  branch?: string;
}

export interface TempRepo {
  /** The work tree (its real path, so it compares equal to what git prints). */
  dir: string;
  /** The SHA of every commit made so far, in order: those given to makeRepo, then commit() and merge(). */
  shas: string[];
  /** Runs git in the repository (same fixed identity and dates); resolves to stdout without its final newline. */
  git(args: string[]): Promise<string>;
  /** Writes (or, for null, deletes) the files and commits them, even when nothing changed. Returns the SHA. */
  commit(files: FileTree, message?: string): Promise<string>;
  /** Checks out `branch`, creating it at the current HEAD (or at `from`) when it does not exist. */
  checkout(branch: string, from?: string): Promise<void>;
  /** Merges `branch` into the current branch with a merge commit (never a fast-forward). Returns the SHA. */
  merge(branch: string, message?: string): Promise<string>;
  /** Moves the current branch to `rev` (`git reset --hard`), as the start of a force-pushed history. */
  reset(rev: string): Promise<void>;
  /** Deletes the folder. */
  cleanup(): Promise<void>;
}

export interface MakeRepoOptions {
  /** Extra `git init` arguments, such as ['--object-format=sha256']. */
  initArgs?: string[];
}

/** 2024-01-01T00:00:00Z; commit n is dated n minutes later. */
const EPOCH = 1_704_067_200;

/** Makes a repository in a fresh temporary folder and applies `commits` in order on branch `main`. */
export async function makeRepo(commits: CommitSpec[], options: MakeRepoOptions = {}): Promise<TempRepo> {
  const dir = await realTempDir();
  let tick = 0;
  const git = async (args: string[]): Promise<string> => {
    const date = `${EPOCH + tick * 60} +0000`;
    const result = await execa('git', args, { cwd: dir, env: hermeticEnv(date), extendEnv: false, stripFinalNewline: false });
    return result.stdout.replace(/\n$/, '');
  };
  await git(['init', '--quiet', '--initial-branch=main', ...(options.initArgs ?? [])]);
  // Written to the config file at once: a `git config` process per key costs a fork of this large process each.
  const gitDir = options.initArgs?.includes('--bare') ? dir : join(dir, '.git');
  await appendFile(join(gitDir, 'config'), configText(LOCAL_CONFIG));

  const repo: TempRepo = {
    dir,
    shas: [],
    git,
    async commit(files, message = `commit ${repo.shas.length + 1}`) {
      await writeTree(dir, files);
      await git(['add', '--all']);
      tick += 1;
      await git(['commit', '--quiet', '--allow-empty', '--no-verify', '-m', message]);
      return recordHead();
    },
    async checkout(branch, from) {
      const exists = (await git(['branch', '--list', '--', branch])) !== '';
      await git(exists ? ['checkout', '--quiet', branch] : ['checkout', '--quiet', '-b', branch, ...(from ? [from] : [])]);
    },
    async merge(branch, message = `merge ${branch}`) {
      tick += 1;
      await git(['merge', '--quiet', '--no-ff', '--no-edit', '-m', message, branch]);
      return recordHead();
    },
    async reset(rev) {
      await git(['reset', '--quiet', '--hard', rev]);
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  const recordHead = async (): Promise<string> => {
    const sha = await git(['rev-parse', 'HEAD']);
    repo.shas.push(sha);
    return sha;
  };

  for (const spec of commits) {
    if (spec.branch) await repo.checkout(spec.branch);
    await repo.commit(spec.files, spec.message);
  }
  return repo;
}

/**
 * A `git clone` of `source` into a fresh temporary folder, through a file:// URL so that `depth` is honoured
 * (a plain path clones locally and ignores --depth). Its remote is `origin`, as in a CI checkout.
 */
export async function cloneRepo(source: string, options: { depth?: number; branch?: string } = {}): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await realTempDir();
  const args = ['clone', '--quiet', '--no-tags'];
  if (options.depth !== undefined) args.push(`--depth=${options.depth}`);
  if (options.branch !== undefined) args.push(`--branch=${options.branch}`);
  await execa('git', [...args, '--', `file://${source}`, dir], { env: hermeticEnv(`${EPOCH} +0000`), extendEnv: false });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const LOCAL_CONFIG: Record<string, string> = {
  'user.name': 'Gitmoxi Test',
  'user.email': 'test@gitmoxi.invalid',
  'commit.gpgsign': 'false',
  'tag.gpgsign': 'false',
  'core.autocrlf': 'false',
  // No background `gc --auto` after big commits: it would race cleanup() and slow the next test.
  'gc.auto': '0',
  'maintenance.auto': 'false',
  // Lets clones fetch any commit by SHA, like GitHub and GitLab do.
  'uploadpack.allowAnySHA1InWant': 'true',
};

/** `section.key` → value, as git's config file has it (values here need no quoting). */
function configText(config: Record<string, string>): string {
  const sections = new Map<string, string[]>();
  for (const [name, value] of Object.entries(config)) {
    const dot = name.indexOf('.');
    const section = name.slice(0, dot);
    sections.set(section, [...(sections.get(section) ?? []), `\t${name.slice(dot + 1)} = ${value}`]);
  }
  return [...sections].map(([section, lines]) => `[${section}]\n${lines.join('\n')}\n`).join('');
}

/** Only what git needs, with every user-level and system-level configuration switched off. */
function hermeticEnv(date: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: tmpdir(),
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Gitmoxi Test',
    GIT_AUTHOR_EMAIL: 'test@gitmoxi.invalid',
    GIT_COMMITTER_NAME: 'Gitmoxi Test',
    GIT_COMMITTER_EMAIL: 'test@gitmoxi.invalid',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
}

async function realTempDir(): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), 'gitmoxi-repo-')));
}

/** Writes in parallel batches: creating thousands of files one await at a time takes seconds. */
async function writeTree(dir: string, files: FileTree): Promise<void> {
  const entries = Object.entries(files).map(([path, content]) => [join(dir, path), content] as const);
  const folders = new Set(entries.filter(([, content]) => content !== null).map(([target]) => dirname(target)));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  for (let start = 0; start < entries.length; start += 64) {
    await Promise.all(
      entries.slice(start, start + 64).map(([target, content]) => (content === null ? rm(target, { force: true }) : writeFile(target, content))),
    );
  }
}
