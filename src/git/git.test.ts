import { mkdir, mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo } from '../../test/fakes/temp-repo.js';
import { GitmoxiError } from '../errors.js';
import { findRepoRoot, runGit } from './git.js';

async function rejection(promise: Promise<unknown>): Promise<GitmoxiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, GitmoxiError);
  return error as GitmoxiError;
}

test('runGit returns stdout untouched, as text or bytes, and feeds input', async () => {
  const repo = await makeRepo([{ files: { 'a.bin': Buffer.from([0, 255, 10]) } }]);
  try {
    assert.is(await runGit(repo.dir, ['rev-parse', 'HEAD']), `${repo.shas[0]}\n`);
    const bytes = await runGit(repo.dir, ['cat-file', 'blob', 'HEAD:a.bin'], { encoding: 'buffer' });
    assert.ok(Buffer.isBuffer(bytes));
    assert.equal([...bytes], [0, 255, 10]);
    const hashed = await runGit(repo.dir, ['hash-object', '--stdin'], { input: 'x' });
    assert.match(hashed, /^[0-9a-f]{40}\n$/);
  } finally {
    await repo.cleanup();
  }
});

test("a failing git command is E_GIT with git's stderr, or a result with allowFailure", async () => {
  const repo = await makeRepo([{ files: { a: '1' } }]);
  try {
    const error = await rejection(runGit(repo.dir, ['rev-parse', '--verify', 'nope']));
    assert.is(error.code, 'E_GIT');
    assert.match(error.message, /git rev-parse --verify nope exited with code 128: fatal: Needed a single revision/);
    const result = await runGit(repo.dir, ['merge-base', '--is-ancestor', 'HEAD', 'HEAD'], { allowFailure: true });
    assert.equal(result, { exitCode: 0, stdout: '', stderr: '' });
    const failed = await runGit(repo.dir, ['rev-parse', '--verify', 'nope'], { allowFailure: true });
    assert.is(failed.exitCode, 128);
    assert.match(failed.stderr, /Needed a single revision/);
  } finally {
    await repo.cleanup();
  }
});

test('a directory that does not exist is E_GIT even with allowFailure (git never ran)', async () => {
  const error = await rejection(runGit(join(tmpdir(), 'gitmoxi-no-such-dir'), ['status'], { allowFailure: true }));
  assert.is(error.code, 'E_GIT');
});

test('findRepoRoot finds the top of the work tree from a subfolder', async () => {
  const repo = await makeRepo([{ files: { 'apps/web/web_svcdef.json': '{}' } }]);
  try {
    assert.is(await findRepoRoot(join(repo.dir, 'apps/web')), repo.dir);
    assert.is(await findRepoRoot(repo.dir), repo.dir);
  } finally {
    await repo.cleanup();
  }
});

test('findRepoRoot outside a repository is E_GIT_NOT_A_REPO with a hint', async () => {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'gitmoxi-plain-')));
  try {
    // Assumes the system's temp folder is not itself inside a git work tree.
    await mkdir(join(dir, 'sub'));
    const error = await rejection(findRepoRoot(join(dir, 'sub')));
    assert.is(error.code, 'E_GIT_NOT_A_REPO');
    assert.match(error.hint, /--repo/);
    const missing = await rejection(findRepoRoot(join(dir, 'missing')));
    assert.is(missing.code, 'E_GIT_NOT_A_REPO');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('findRepoRoot accepts a bare repository (only objects are read)', async () => {
  const dir = await realpath(await mkdtemp(join(tmpdir(), 'gitmoxi-bare-')));
  try {
    await runGit(dir, ['init', '--quiet', '--bare']);
    assert.is(await findRepoRoot(dir), dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('temp repositories are reproducible: the same commits give the same SHAs', async () => {
  const spec = [{ files: { 'a.json': '1' } }, { files: { 'a.json': null, 'b/c.json': Buffer.from([1, 2]) }, message: 'second' }];
  const [one, two] = await Promise.all([makeRepo(spec), makeRepo(spec)]);
  try {
    assert.equal(one.shas, two.shas);
    assert.is(one.shas.length, 2);
    assert.is(
      await one.git(['log', '-1', '--format=%an <%ae> %ad %s', '--date=iso-strict']),
      'Gitmoxi Test <test@gitmoxi.invalid> 2024-01-01T00:02:00+00:00 second',
    );
  } finally {
    await Promise.all([one.cleanup(), two.cleanup()]);
  }
});

test.run();
