import { GitmoxiError } from '../errors.js';
import { readCiDefaults, type CiDefaults, type RevisionSpec } from './ci-defaults.js';
import { runGit } from './git.js';

export interface ResolveRangeOptions {
  repoDir: string;
  /** --from as given; '' means "no base" (everything at `to` counts as added). */
  from?: string;
  /** --to as given. */
  to?: string;
  /** Where CI defaults are read from (GITHUB_*, GITLAB_*, CI_*). */
  env: NodeJS.ProcessEnv;
}

/** The commits a plan compares, as full SHAs, and where each came from (for the plan's header and errors). */
export interface ResolvedRange {
  /** null: no base, every file at `to` counts as added. */
  from: string | null;
  to: string;
  fromSource: string;
  toSource: string;
}

/** What CI sends as `before` for a new branch (40 zeros; 64 in SHA-256 repositories). */
const ZERO_SHA = /^0{40}(?:0{24})?$/;
const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
/** How far a shallow clone is deepened before giving up and fetching all of its history. */
const DEEPEN_BY = 256;

/**
 * Resolves the range a plan or deploy compares. Explicit flags win; else the CI's own environment (see
 * readCiDefaults); `to` defaults to HEAD, and no `from` (or CI's all-zero SHA) means `from: null`.
 * A commit missing from a shallow clone is fetched from the remote (by SHA, then deepening, then unshallowing)
 * before giving up with E_GIT_BASE_MISSING (for `from`) or E_GIT_REV_MISSING (for `to`).
 */
export async function resolveRange(options: ResolveRangeOptions): Promise<ResolvedRange> {
  const { repoDir } = options;
  const ci = options.from === undefined || options.to === undefined ? await readCiDefaults(options.env) : {};
  const toSpec = chooseTo(options.to, ci);
  const to = await ensureCommit(repoDir, toSpec, 'to', ci);
  const fromSpec = options.from !== undefined ? { rev: options.from.trim(), source: '--from' } : ci.from;
  if (!fromSpec) return { from: null, to, fromSource: 'none (every file counts as added)', toSource: toSpec.source };
  if (fromSpec.rev === '' || ZERO_SHA.test(fromSpec.rev)) {
    const why = fromSpec.rev === '' ? 'empty' : 'all-zero SHA: a new branch';
    return { from: null, to, fromSource: `${fromSpec.source} (${why}; every file counts as added)`, toSource: toSpec.source };
  }
  const from = await ensureCommit(repoDir, fromSpec, 'from', ci);
  return { from, to, fromSource: fromSpec.source, toSource: toSpec.source };
}

function chooseTo(flag: string | undefined, ci: CiDefaults): RevisionSpec {
  if (flag !== undefined) return { rev: flag.trim(), source: '--to' };
  // A branch deletion sends an all-zero `after`; what is checked out is then the only sensible target.
  if (ci.to && !ZERO_SHA.test(ci.to.rev)) return ci.to;
  return { rev: 'HEAD', source: 'HEAD' };
}

/** The full SHA of the commit `rev` names (branch, tag, HEAD~1, SHA…), or null when it names none here. */
export async function resolveCommit(repoDir: string, rev: string): Promise<string | null> {
  if (rev === '') return null;
  const args = ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`];
  const result = await runGit(repoDir, args, { allowFailure: true });
  return result.exitCode === 0 ? result.stdout.trim() : null;
}

/** True when the repository is a shallow clone (history cut off, as CI checkouts are by default). */
async function isShallow(repoDir: string): Promise<boolean> {
  return (await runGit(repoDir, ['rev-parse', '--is-shallow-repository'])).trim() === 'true';
}

async function ensureCommit(repoDir: string, spec: RevisionSpec, role: 'from' | 'to', ci: CiDefaults): Promise<string> {
  const local = await resolveCommit(repoDir, spec.rev);
  if (local) return local;
  const attempt = await fetchMissing(repoDir, spec.rev);
  if (attempt.found) return attempt.found;
  throw missingError(spec, role, ci, attempt);
}

interface FetchAttempt {
  found: string | null;
  shallow: boolean;
  remote: string | null;
  /** One line per fetch that failed, for the error message. */
  failures: string[];
}

/**
 * Brings a missing commit in from the remote: by SHA first (cheap, and GitHub and GitLab serve any commit of
 * the repository, even one a force push left behind), then, in a shallow clone, by deepening history and
 * finally by unshallowing it. Re-checks after each step and stops as soon as the commit is there.
 */
async function fetchMissing(repoDir: string, rev: string): Promise<FetchAttempt> {
  const shallow = await isShallow(repoDir);
  const remote = await pickRemote(repoDir);
  const attempt: FetchAttempt = { found: null, shallow, remote, failures: [] };
  if (!remote || rev === '') return attempt;
  const steps: string[][] = [];
  // --depth=1 keeps a shallow clone shallow; in a full clone it would turn it shallow, so it is left out there.
  if (FULL_SHA.test(rev)) steps.push([...(shallow ? ['--depth=1'] : []), '--end-of-options', remote, rev]);
  if (shallow) steps.push([`--deepen=${DEEPEN_BY}`, '--end-of-options', remote], ['--unshallow', '--end-of-options', remote]);
  for (const step of steps) {
    const result = await runGit(repoDir, ['fetch', '--no-tags', '--quiet', ...step], { allowFailure: true });
    if (result.exitCode !== 0) attempt.failures.push(`git fetch ${step.filter((arg) => arg !== '--end-of-options').join(' ')}: ${lastLine(result.stderr)}`);
    attempt.found = await resolveCommit(repoDir, rev);
    if (attempt.found) break;
  }
  return attempt;
}

/** The remote to fetch from: `origin` when there is one (what CI checkouts create), else the first. */
async function pickRemote(repoDir: string): Promise<string | null> {
  const remotes = (await runGit(repoDir, ['remote'])).split('\n').filter(Boolean);
  return remotes.includes('origin') ? 'origin' : (remotes[0] ?? null);
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

function missingError(spec: RevisionSpec, role: 'from' | 'to', ci: CiDefaults, attempt: FetchAttempt): GitmoxiError {
  const where = attempt.shallow ? 'this shallow clone' : 'this repository';
  const fetched = !attempt.remote
    ? ' and there is no remote to fetch it from'
    : attempt.failures.length > 0
      ? ` and fetching it from ${attempt.remote} failed (${attempt.failures.join('; ')})`
      : ` and ${attempt.remote} did not provide it`;
  const message = `${role === 'from' ? 'base commit' : 'commit'} ${spec.rev} (${spec.source}) is not in ${where}${fetched}`;
  if (role === 'to') return new GitmoxiError('E_GIT_REV_MISSING', message);
  return new GitmoxiError('E_GIT_BASE_MISSING', message, { hint: baseMissingHint(spec, ci, attempt) });
}

/** Says exactly what to change, in the vocabulary of the CI system the job runs in. */
function baseMissingHint(spec: RevisionSpec, ci: CiDefaults, attempt: FetchAttempt): string {
  if (attempt.shallow) {
    const unshallow = 'or run `git fetch --unshallow` before gitmoxi';
    if (ci.ci === 'github') return `The checkout is shallow: set \`fetch-depth: 0\` under \`with:\` of the actions/checkout step, ${unshallow}.`;
    if (ci.ci === 'gitlab') return `The checkout is shallow: set the CI/CD variable \`GIT_DEPTH: 0\` for this job, ${unshallow}.`;
    return `The clone is shallow: set fetch-depth: 0 on actions/checkout (GIT_DEPTH: 0 on GitLab), ${unshallow}.`;
  }
  if (!attempt.remote) return `Add the remote the commit comes from (git remote add origin URL) and fetch it, or pass --from with a commit that exists here.`;
  if (FULL_SHA.test(spec.rev)) {
    return `The commit may have been force-pushed away and garbage-collected: pass --from with a commit that exists (an empty --from deploys everything at --to).`;
  }
  return `Check the revision name, or fetch it first (git fetch ${attempt.remote} ${spec.rev}).`;
}
