/**
 * What `poll` asks git: fetch a branch and name its tip, the newest commit that changed a unit, and ancestry.
 */
import { GitmoxiError } from '../errors.js';
import { runGit } from './git.js';

/**
 * `git fetch R B` and the SHA of the fetched tip. Fetches into the remote-tracking ref explicitly, so that
 * a clone with a narrowed refspec (CI's single-branch clones) still gets the branch. The remote must be one the
 * repository has configured, and neither name may look like an option: `--remote '--upload-pack=CMD'` would
 * otherwise run CMD.
 */
export async function fetchBranch(repoDir: string, remote: string, branch: string): Promise<string> {
  await checkRemote(repoDir, remote);
  await checkBranchName(repoDir, branch);
  const refspec = `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`;
  const fetched = await runGit(repoDir, ['fetch', '--quiet', '--no-tags', '--end-of-options', remote, refspec], { allowFailure: true });
  if (fetched.exitCode !== 0) {
    throw new GitmoxiError('E_GIT', `git fetch ${remote} ${branch} failed: ${fetched.stderr.trim()}`, {
      hint: `Check that the remote '${remote}' exists (git remote -v), that it has a branch '${branch}', and that this machine can reach it.`,
    });
  }
  return (await runGit(repoDir, ['rev-parse', '--verify', '--end-of-options', `refs/remotes/${remote}/${branch}^{commit}`])).trim();
}

async function checkRemote(repoDir: string, remote: string): Promise<void> {
  if (remote.startsWith('-')) {
    throw new GitmoxiError('E_USAGE', `--remote ${remote}: a remote name cannot start with '-'`, {
      hint: 'Name a remote of the repository, such as origin (git remote -v lists them).',
    });
  }
  const remotes = (await runGit(repoDir, ['remote'])).split('\n').filter(Boolean);
  if (!remotes.includes(remote)) {
    // A URL or path here would make refs/remotes/<URL>/… and bypass the remote's configured fetch settings.
    throw new GitmoxiError('E_USAGE', `--remote ${remote}: the repository has no remote of that name`, {
      hint: remotes.length > 0 ? `Use one of: ${remotes.join(', ')} (or add it: git remote add ${remote} URL).` : `Add it first: git remote add ${remote} URL.`,
    });
  }
}

async function checkBranchName(repoDir: string, branch: string): Promise<void> {
  const valid = !branch.startsWith('-') && (await runGit(repoDir, ['check-ref-format', `refs/heads/${branch}`], { allowFailure: true })).exitCode === 0;
  if (!valid) {
    throw new GitmoxiError('E_USAGE', `--branch ${branch}: not a valid branch name`, {
      hint: 'Give the branch name as git shows it, such as main (git branch -r lists them).',
    });
  }
}

/** The branch HEAD is on, or null when it is detached. */
export async function currentBranch(repoDir: string): Promise<string | null> {
  const result = await runGit(repoDir, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFailure: true });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** The newest commit reachable from `tip` that changed any of `paths` (null when none did, or git cannot say). */
export async function lastChangingCommit(repoDir: string, tip: string, paths: readonly string[]): Promise<string | null> {
  if (paths.length === 0) return null;
  const result = await runGit(repoDir, ['log', '-1', '--format=%H', '--end-of-options', tip, '--', ...paths], { allowFailure: true });
  const sha = result.stdout.trim();
  return result.exitCode === 0 && sha !== '' ? sha : null;
}

/** True when `ancestor` is `descendant` or one of its ancestors; false also when either is unknown here. */
export async function isAncestor(repoDir: string, ancestor: string, descendant: string): Promise<boolean> {
  const result = await runGit(repoDir, ['merge-base', '--is-ancestor', '--end-of-options', ancestor, descendant], { allowFailure: true });
  return result.exitCode === 0;
}

/** The repository's git directory, absolute (where the poll lock lives: never committed, never in the work tree). */
export async function gitDirectory(repoDir: string): Promise<string> {
  return (await runGit(repoDir, ['rev-parse', '--absolute-git-dir'])).trim();
}
