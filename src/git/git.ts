import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { GitmoxiError } from '../errors.js';
import { runGitProcess } from './git-process.js';

export interface RunGitOptions {
  /** Written to git's stdin. Without it stdin is closed, so git can never wait on it. */
  input?: string;
  /** 'buffer' for file contents; 'utf8' (default) for everything else. */
  encoding?: 'utf8' | 'buffer';
  /** Return non-zero exits as a GitResult instead of throwing (for commands that answer with their exit code). */
  allowFailure?: boolean;
  /** More environment for git (GIT_INDEX_FILE for a private index). */
  env?: Record<string, string>;
}

/** What a git run produced, for callers that passed `allowFailure`. stdout is untouched (no trimming). */
export interface GitResult<T extends string | Buffer> {
  exitCode: number;
  stdout: T;
  stderr: string;
}

/**
 * Runs git in `repoDir` without a shell and returns its stdout exactly as written (final newline kept: -z
 * output and file contents must not be altered). A failure becomes a GitmoxiError E_GIT carrying git's stderr.
 */
export async function runGit(repoDir: string, args: string[], options?: RunGitOptions & { encoding?: 'utf8'; allowFailure?: false }): Promise<string>;
export async function runGit(repoDir: string, args: string[], options: RunGitOptions & { encoding: 'buffer'; allowFailure?: false }): Promise<Buffer>;
export async function runGit(repoDir: string, args: string[], options: RunGitOptions & { encoding?: 'utf8'; allowFailure: true }): Promise<GitResult<string>>;
export async function runGit(repoDir: string, args: string[], options: RunGitOptions & { encoding: 'buffer'; allowFailure: true }): Promise<GitResult<Buffer>>;
export async function runGit(repoDir: string, args: string[], options?: RunGitOptions): Promise<string | Buffer | GitResult<string> | GitResult<Buffer>>;
export async function runGit(repoDir: string, args: string[], options: RunGitOptions = {}): Promise<string | Buffer | GitResult<string> | GitResult<Buffer>> {
  const result = await runGitProcess(repoDir, args, options.input, options.env);
  const failed = result.exitCode !== 0;
  // No exit code means git never ran (not installed, or repoDir does not exist): never a git answer.
  if (result.exitCode === undefined || (failed && !options.allowFailure)) {
    throw gitFailure(args, result.exitCode, result.stderr || (result.error?.message ?? ''), result.error ?? result);
  }
  const { exitCode, stderr } = result;
  if (options.encoding === 'buffer') return options.allowFailure ? { exitCode, stdout: result.stdout, stderr } : result.stdout;
  const stdout = result.stdout.toString('utf8');
  return options.allowFailure ? { exitCode, stdout, stderr } : stdout;
}

/** The E_GIT error for a git command that failed; the message names the command and quotes git's stderr. */
export function gitFailure(args: readonly string[], exitCode: number | undefined, stderr: string, cause?: unknown): GitmoxiError {
  const how = exitCode === undefined ? 'could not run' : `exited with code ${exitCode}`;
  const detail = stderr.trim();
  return new GitmoxiError('E_GIT', `git ${args.join(' ')} ${how}${detail ? `: ${detail}` : ''}`, {
    ...(cause === undefined ? {} : { cause }),
    ...(exitCode === undefined ? { hint: 'Check that git is installed and on PATH, and that the repository directory exists.' } : {}),
  });
}

/**
 * The top-level folder of the work tree that contains `dir` (or the git directory of a bare repository, since
 * gitmoxi only reads objects). Throws E_GIT_NOT_A_REPO when `dir` is not inside a repository.
 */
export async function findRepoRoot(dir: string): Promise<string> {
  const absolute = resolve(dir);
  const isDir = await stat(absolute).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) throw new GitmoxiError('E_GIT_NOT_A_REPO', `${absolute} is not a directory`);
  const top = await runGit(absolute, ['rev-parse', '--show-toplevel'], { allowFailure: true });
  if (top.exitCode === 0) return top.stdout.replace(/\n$/, '');
  if (/dubious ownership/.test(top.stderr)) {
    // Git ≥ 2.35.2 refuses repositories owned by another user, which is the norm in CI containers.
    throw new GitmoxiError('E_GIT_NOT_A_REPO', `git refuses to use ${absolute}: ${top.stderr.trim()}`, {
      hint: `Mark the checkout as safe: git config --global --add safe.directory '${absolute}'`,
    });
  }
  const bare = await runGit(absolute, ['rev-parse', '--is-bare-repository', '--absolute-git-dir'], { allowFailure: true });
  const [isBare, gitDir] = bare.stdout.split('\n');
  if (bare.exitCode === 0 && isBare === 'true' && gitDir) return gitDir;
  const said = top.stderr.trim();
  throw new GitmoxiError('E_GIT_NOT_A_REPO', `${absolute} is not inside a git repository${said ? ` (git: ${said})` : ''}`);
}

let versionPromise: Promise<[number, number]> | undefined;

/** git's [major, minor] version, asked once per process (features such as `cat-file -z` depend on it). */
function gitVersion(repoDir: string): Promise<[number, number]> {
  versionPromise ??= runGit(repoDir, ['--version']).then(
    (text) => {
      const match = /(\d+)\.(\d+)/.exec(text);
      return match ? [Number(match[1]), Number(match[2])] : [0, 0];
    },
    (error: unknown) => {
      versionPromise = undefined; // a failure (say, a missing repoDir) must not stick for the whole process
      throw error;
    },
  );
  return versionPromise;
}

/** True when git is at least `major.minor`. */
export async function gitAtLeast(repoDir: string, major: number, minor: number): Promise<boolean> {
  const [haveMajor, haveMinor] = await gitVersion(repoDir);
  return haveMajor > major || (haveMajor === major && haveMinor >= minor);
}
