import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { cloneRepo, makeRepo, type TempRepo } from '../../test/fakes/temp-repo.js';
import { GitmoxiError } from '../errors.js';
import { listChanges } from './changes.js';
import { runGit } from './git.js';
import { openTree } from './read.js';
import { resolveRange, type ResolveRangeOptions } from './revisions.js';

const ZERO = '0'.repeat(40);

/** Three commits on main, tagged v1 at the first. */
async function threeCommits(): Promise<TempRepo> {
  const repo = await makeRepo([
    { files: { 'web_svcdef.json': '1' } },
    { files: { 'web_svcdef.json': '2' } },
    { files: { 'web_svcdef.json': '3', 'api_svcdef.json': 'a' } },
  ]);
  await repo.git(['tag', 'v1', repo.shas[0]!]);
  return repo;
}

/** Writes a GitHub event payload to a temporary file and returns the env a workflow step would see. */
async function githubEnv(eventName: string | undefined, payload: unknown): Promise<{ env: NodeJS.ProcessEnv; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gitmoxi-event-'));
  const path = join(dir, 'event.json');
  await writeFile(path, JSON.stringify(payload));
  const env: NodeJS.ProcessEnv = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_PATH: path, ...(eventName ? { GITHUB_EVENT_NAME: eventName } : {}) };
  return { env, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

async function rejection(promise: Promise<unknown>): Promise<GitmoxiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, GitmoxiError);
  return error as GitmoxiError;
}

const range = (repoDir: string, rest: Omit<ResolveRangeOptions, 'repoDir' | 'env'> & { env?: NodeJS.ProcessEnv } = {}) =>
  resolveRange({ repoDir, env: {}, ...rest });

test('flags accept branches, tags, HEAD~n and short SHAs and resolve to full SHAs', async () => {
  const repo = await threeCommits();
  try {
    const [a, b, c] = [repo.shas[0]!, repo.shas[1]!, repo.shas[2]!];
    assert.equal(await range(repo.dir, { from: 'v1', to: 'main' }), { from: a, to: c, fromSource: '--from', toSource: '--to' });
    assert.equal(await range(repo.dir, { from: 'HEAD~1' }), { from: b, to: c, fromSource: '--from', toSource: 'HEAD' });
    assert.equal((await range(repo.dir, { from: a.slice(0, 8), to: b.slice(0, 10) })).to, b);
    // A revision that looks like an option is only ever a revision name.
    const optionLike = await rejection(range(repo.dir, { from: `--output=${join(repo.dir, 'pwned')}` }));
    assert.is(optionLike.code, 'E_GIT_BASE_MISSING');
    assert.is(await runGit(repo.dir, ['ls-files', '--others', '--', 'pwned']), '');
  } finally {
    await repo.cleanup();
  }
});

test('no from, an empty --from or the all-zero SHA mean "no base"', async () => {
  const repo = await threeCommits();
  try {
    const none = await range(repo.dir);
    assert.is(none.from, null);
    assert.is(none.to, repo.shas[2]);
    assert.is(none.toSource, 'HEAD');
    assert.is((await range(repo.dir, { from: '' })).from, null);
    const zero = await range(repo.dir, { from: ZERO, to: repo.shas[1]! });
    assert.equal([zero.from, zero.to], [null, repo.shas[1]]);
    assert.match(zero.fromSource, /all-zero/);
  } finally {
    await repo.cleanup();
  }
});

test('a missing to is E_GIT_REV_MISSING; a missing from in a full clone is E_GIT_BASE_MISSING', async () => {
  const repo = await threeCommits();
  try {
    const to = await rejection(range(repo.dir, { to: 'no-such-branch' }));
    assert.is(to.code, 'E_GIT_REV_MISSING');
    assert.match(to.message, /no-such-branch/);
    const missingSha = 'f'.repeat(40);
    const from = await rejection(range(repo.dir, { from: missingSha }));
    assert.is(from.code, 'E_GIT_BASE_MISSING');
    assert.match(from.message, missingSha);
    assert.match(from.hint, /--from/);
    const fromName = await rejection(range(repo.dir, { from: 'mian' }));
    assert.is(fromName.code, 'E_GIT_BASE_MISSING');
  } finally {
    await repo.cleanup();
  }
});

test('GitHub push event: before → after; flags still win', async () => {
  const repo = await threeCommits();
  const event = await githubEnv('push', { before: repo.shas[0], after: repo.shas[1], ref: 'refs/heads/main' });
  try {
    assert.equal(await range(repo.dir, { env: event.env }), {
      from: repo.shas[0]!,
      to: repo.shas[1]!,
      fromSource: 'GitHub push event (before)',
      toSource: 'GitHub push event (after)',
    });
    const mixed = await range(repo.dir, { env: event.env, to: 'HEAD' });
    assert.equal([mixed.from, mixed.to, mixed.toSource], [repo.shas[0], repo.shas[2], '--to']);
  } finally {
    await Promise.all([repo.cleanup(), event.cleanup()]);
  }
});

test('GitHub push of a new branch (all-zero before) has no base', async () => {
  const repo = await threeCommits();
  const event = await githubEnv('push', { before: ZERO, after: repo.shas[2], created: true });
  try {
    const resolved = await range(repo.dir, { env: event.env });
    assert.equal([resolved.from, resolved.to], [null, repo.shas[2]]);
    assert.match(resolved.fromSource, /GitHub push event \(before\) \(all-zero/);
  } finally {
    await Promise.all([repo.cleanup(), event.cleanup()]);
  }
});

test('GitHub pull_request event: base.sha → head.sha, also when GITHUB_EVENT_NAME is absent', async () => {
  const repo = await threeCommits();
  const payload = { number: 7, pull_request: { base: { sha: repo.shas[0], ref: 'main' }, head: { sha: repo.shas[2], ref: 'feature' } } };
  const named = await githubEnv('pull_request', payload);
  const unnamed = await githubEnv(undefined, payload);
  try {
    for (const env of [named.env, unnamed.env]) {
      const resolved = await range(repo.dir, { env });
      assert.equal([resolved.from, resolved.to], [repo.shas[0], repo.shas[2]]);
      assert.match(resolved.fromSource, /pull_request\.base\.sha/);
    }
  } finally {
    await Promise.all([repo.cleanup(), named.cleanup(), unnamed.cleanup()]);
  }
});

test('GitHub events without a base (workflow_dispatch) default to no base and HEAD', async () => {
  const repo = await threeCommits();
  const event = await githubEnv('workflow_dispatch', { inputs: {} });
  try {
    const resolved = await range(repo.dir, { env: event.env });
    assert.equal([resolved.from, resolved.to, resolved.toSource], [null, repo.shas[2], 'HEAD']);
  } finally {
    await Promise.all([repo.cleanup(), event.cleanup()]);
  }
});

test('an unreadable GitHub event payload is E_CI_EVENT', async () => {
  const repo = await threeCommits();
  try {
    const env = { GITHUB_ACTIONS: 'true', GITHUB_EVENT_PATH: join(repo.dir, 'nope.json') };
    assert.is((await rejection(range(repo.dir, { env }))).code, 'E_CI_EVENT');
  } finally {
    await repo.cleanup();
  }
});

test('GitLab: CI_COMMIT_BEFORE_SHA → CI_COMMIT_SHA, merge requests use the diff base, zeros mean no base', async () => {
  const repo = await threeCommits();
  const [a, b, c] = [repo.shas[0]!, repo.shas[1]!, repo.shas[2]!];
  try {
    const push = await range(repo.dir, { env: { GITLAB_CI: 'true', CI_COMMIT_BEFORE_SHA: b, CI_COMMIT_SHA: c } });
    assert.equal(push, { from: b, to: c, fromSource: 'GitLab CI_COMMIT_BEFORE_SHA', toSource: 'GitLab CI_COMMIT_SHA' });
    const mr = await range(repo.dir, { env: { GITLAB_CI: 'true', CI_COMMIT_BEFORE_SHA: ZERO, CI_MERGE_REQUEST_DIFF_BASE_SHA: a, CI_COMMIT_SHA: c } });
    assert.equal([mr.from, mr.fromSource], [a, 'GitLab CI_MERGE_REQUEST_DIFF_BASE_SHA']);
    const newBranch = await range(repo.dir, { env: { GITLAB_CI: 'true', CI_COMMIT_BEFORE_SHA: ZERO, CI_COMMIT_SHA: b } });
    assert.equal([newBranch.from, newBranch.to], [null, b]);
  } finally {
    await repo.cleanup();
  }
});

test('shallow clone with a remote: the missing base is fetched, then diffed and read', async () => {
  const source = await threeCommits();
  const clone = await cloneRepo(source.dir, { depth: 1 });
  try {
    const [a, c] = [source.shas[0]!, source.shas[2]!];
    assert.is((await runGit(clone.dir, ['rev-parse', '--is-shallow-repository'])).trim(), 'true');
    const event = { GITLAB_CI: 'true', CI_COMMIT_BEFORE_SHA: a, CI_COMMIT_SHA: c };
    const resolved = await resolveRange({ repoDir: clone.dir, env: event });
    assert.equal([resolved.from, resolved.to], [a, c]);
    assert.equal(await listChanges(clone.dir, a, c), [
      { status: 'added', path: 'api_svcdef.json' },
      { status: 'modified', path: 'web_svcdef.json' },
    ]);
    const reader = await openTree(clone.dir, a);
    assert.is((await reader.read('web_svcdef.json'))?.toString(), '1');
    reader.close();
  } finally {
    await Promise.all([source.cleanup(), clone.cleanup()]);
  }
});

test("shallow clone: a pull request's head that was not checked out is fetched too", async () => {
  const source = await threeCommits();
  await source.checkout('feature');
  const head = await source.commit({ 'feature_svcdef.json': 'f' });
  const clone = await cloneRepo(source.dir, { depth: 1, branch: 'main' });
  const event = await githubEnv('pull_request', { pull_request: { base: { sha: source.shas[1] }, head: { sha: head } } });
  try {
    const resolved = await resolveRange({ repoDir: clone.dir, env: event.env });
    assert.equal([resolved.from, resolved.to], [source.shas[1], head]);
  } finally {
    await Promise.all([source.cleanup(), clone.cleanup(), event.cleanup()]);
  }
});

test('shallow clone: a relative base (HEAD~1) is reached by deepening; an unknown to is E_GIT_REV_MISSING', async () => {
  const source = await threeCommits();
  const clone = await cloneRepo(source.dir, { depth: 1 });
  try {
    const resolved = await range(clone.dir, { from: 'HEAD~1' });
    assert.equal([resolved.from, resolved.to], [source.shas[1], source.shas[2]]);
    const error = await rejection(range(clone.dir, { to: 'd'.repeat(40) }));
    assert.is(error.code, 'E_GIT_REV_MISSING');
    assert.match(error.message, 'd'.repeat(40));
  } finally {
    await Promise.all([source.cleanup(), clone.cleanup()]);
  }
});

test('full clone: a base left behind by a force push is fetched by SHA', async () => {
  const source = await makeRepo([{ files: { 'web_svcdef.json': '1' } }]);
  const clone = await cloneRepo(source.dir);
  try {
    const abandoned = await source.commit({ 'web_svcdef.json': '2' });
    await source.reset(source.shas[0]!);
    const rewritten = await source.commit({ 'web_svcdef.json': '3' });
    const resolved = await range(clone.dir, { from: abandoned, to: rewritten });
    assert.equal([resolved.from, resolved.to], [abandoned, rewritten]);
    assert.is((await runGit(clone.dir, ['rev-parse', '--is-shallow-repository'])).trim(), 'false');
  } finally {
    await Promise.all([source.cleanup(), clone.cleanup()]);
  }
});

test('shallow clone without a remote: E_GIT_BASE_MISSING names the SHA and says what to change', async () => {
  const source = await threeCommits();
  const clone = await cloneRepo(source.dir, { depth: 1 });
  const a = source.shas[0]!;
  const event = await githubEnv('push', { before: a, after: source.shas[2] });
  try {
    await runGit(clone.dir, ['remote', 'remove', 'origin']);
    const github = await rejection(resolveRange({ repoDir: clone.dir, env: event.env }));
    assert.is(github.code, 'E_GIT_BASE_MISSING');
    assert.is(github.exitCode, 2);
    assert.match(github.message, a);
    assert.match(github.message, /no remote/);
    assert.match(github.hint, 'fetch-depth: 0');
    assert.match(github.hint, 'actions/checkout');
    assert.match(github.hint, 'git fetch --unshallow');
    const gitlab = await rejection(resolveRange({ repoDir: clone.dir, env: { GITLAB_CI: 'true', CI_COMMIT_BEFORE_SHA: a } }));
    assert.match(gitlab.hint, 'GIT_DEPTH: 0');
    const local = await rejection(resolveRange({ repoDir: clone.dir, from: a, env: {} }));
    assert.match(local.hint, /fetch-depth: 0.*GIT_DEPTH: 0.*git fetch --unshallow/);
  } finally {
    await Promise.all([source.cleanup(), clone.cleanup(), event.cleanup()]);
  }
});

test('shallow clone whose remote no longer has the base: E_GIT_BASE_MISSING after trying to fetch', async () => {
  const source = await threeCommits();
  const clone = await cloneRepo(source.dir, { depth: 1 });
  try {
    const missing = 'e'.repeat(40);
    const error = await rejection(range(clone.dir, { from: missing }));
    assert.is(error.code, 'E_GIT_BASE_MISSING');
    assert.match(error.message, missing);
    assert.match(error.message, /origin/);
    assert.match(error.hint, 'fetch-depth: 0');
  } finally {
    await Promise.all([source.cleanup(), clone.cleanup()]);
  }
});

test.run();
