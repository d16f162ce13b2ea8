import { readFile } from 'node:fs/promises';
import { GitmoxiError } from '../errors.js';
import { isRecord } from '../is-record.js';

/** A revision as a CI system gave it, with where it came from (shown in plans and error messages). */
export interface RevisionSpec {
  rev: string;
  source: string;
}

/** The defaults for --from and --to found in a CI job's environment; empty outside CI. */
export interface CiDefaults {
  ci?: 'github' | 'gitlab';
  from?: RevisionSpec;
  to?: RevisionSpec;
}

/**
 * Reads the commit range a CI job is about:
 * - GitHub Actions (`GITHUB_ACTIONS=true`): the event payload at `GITHUB_EVENT_PATH`. push: `before` → `after`;
 *   pull_request / pull_request_target: `pull_request.base.sha` → `pull_request.head.sha`; merge_group:
 *   `merge_group.base_sha` → `merge_group.head_sha`. Other events (workflow_dispatch, schedule…) name no base.
 * - GitLab CI (`GITLAB_CI=true`): `CI_MERGE_REQUEST_DIFF_BASE_SHA` in merge request pipelines, else
 *   `CI_COMMIT_BEFORE_SHA`; `CI_COMMIT_SHA` as `to`.
 * A value may be the all-zero SHA (new branch); the caller decides what that means.
 */
export async function readCiDefaults(env: NodeJS.ProcessEnv): Promise<CiDefaults> {
  if (env['GITHUB_ACTIONS'] === 'true') return { ci: 'github', ...(await githubDefaults(env)) };
  if (env['GITLAB_CI'] === 'true') return { ci: 'gitlab', ...gitlabDefaults(env) };
  return {};
}

function gitlabDefaults(env: NodeJS.ProcessEnv): Omit<CiDefaults, 'ci'> {
  const fromName = env['CI_MERGE_REQUEST_DIFF_BASE_SHA'] ? 'CI_MERGE_REQUEST_DIFF_BASE_SHA' : 'CI_COMMIT_BEFORE_SHA';
  return {
    ...spec('from', env[fromName], `GitLab ${fromName}`),
    ...spec('to', env['CI_COMMIT_SHA'], 'GitLab CI_COMMIT_SHA'),
  };
}

async function githubDefaults(env: NodeJS.ProcessEnv): Promise<Omit<CiDefaults, 'ci'>> {
  const path = env['GITHUB_EVENT_PATH'];
  if (!path) return {};
  const payload = await readEvent(path);
  const eventName = env['GITHUB_EVENT_NAME'] ?? inferEventName(payload);
  const event = `GitHub ${eventName} event`;
  const pick = (...keys: string[]): string | undefined => stringAt(payload, keys);
  switch (eventName) {
    case 'push':
      return { ...spec('from', pick('before'), `${event} (before)`), ...spec('to', pick('after'), `${event} (after)`) };
    case 'pull_request':
    case 'pull_request_target':
      return {
        ...spec('from', pick('pull_request', 'base', 'sha'), `${event} (pull_request.base.sha)`),
        ...spec('to', pick('pull_request', 'head', 'sha'), `${event} (pull_request.head.sha)`),
      };
    case 'merge_group':
      return {
        ...spec('from', pick('merge_group', 'base_sha'), `${event} (merge_group.base_sha)`),
        ...spec('to', pick('merge_group', 'head_sha'), `${event} (merge_group.head_sha)`),
      };
    default:
      return {};
  }
}

async function readEvent(path: string): Promise<unknown> {
  try {
    const payload: unknown = JSON.parse(await readFile(path, 'utf8'));
    return payload;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GitmoxiError('E_CI_EVENT', `cannot read the GitHub event payload at GITHUB_EVENT_PATH (${path}): ${reason}`, { cause: error });
  }
}

/** Runs started by hand may lack GITHUB_EVENT_NAME; the payload's shape tells push from pull_request. */
function inferEventName(payload: unknown): string {
  if (stringAt(payload, ['pull_request', 'head', 'sha'])) return 'pull_request';
  if (stringAt(payload, ['merge_group', 'head_sha'])) return 'merge_group';
  if (stringAt(payload, ['before']) && stringAt(payload, ['after'])) return 'push';
  return 'unknown';
}

function stringAt(value: unknown, keys: readonly string[]): string | undefined {
  let current = value;
  for (const key of keys) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return typeof current === 'string' && current.trim() !== '' ? current.trim() : undefined;
}

function spec<K extends 'from' | 'to'>(key: K, rev: string | undefined, source: string): Partial<Record<K, RevisionSpec>> {
  const trimmed = rev?.trim();
  const found: Partial<Record<K, RevisionSpec>> = {};
  if (trimmed) found[key] = { rev: trimmed, source };
  return found;
}
