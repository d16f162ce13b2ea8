/**
 * Names a user gives (remote, branch, revisions) reach git as names, never as options: `--remote
 * '--upload-pack=CMD'` must not run CMD. The CLI as a subprocess, against a clone whose origin is a real repository.
 */
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { cloneRepo, makeRepo } from '../fakes/temp-repo.js';

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

async function clonedRepo() {
  const upstream = await makeRepo([{ files: { 'README.md': 'deployments\n' } }]);
  const clone = await cloneRepo(upstream.dir);
  return { upstream, clone, cleanup: async () => (await clone.cleanup(), await upstream.cleanup()) };
}

test("poll --remote '--upload-pack=CMD' does not run CMD: exit 2, the remote refused", async () => {
  const { clone, cleanup } = await clonedRepo();
  const marker = join(clone.dir, 'marker');
  try {
    const result = await runCli(['poll', '--endpoint-url', 'http://127.0.0.1:9', '--remote', `--upload-pack=touch ${marker}`], { cwd: clone.dir });
    assert.not.ok(await exists(marker), 'the injected command ran');
    assert.is(result.code, 2, result.stdout + result.stderr);
    assert.match(result.stderr, "a remote name cannot start with '-'");
  } finally {
    await cleanup();
  }
});

test('poll --branch that looks like an option, or a remote that is not configured, is refused before any fetch', async () => {
  const { clone, cleanup } = await clonedRepo();
  const marker = join(clone.dir, 'marker');
  try {
    const branch = await runCli(['poll', '--endpoint-url', 'http://127.0.0.1:9', '--branch', `--upload-pack=touch ${marker}`], { cwd: clone.dir });
    assert.is(branch.code, 2, branch.stderr);
    assert.match(branch.stderr, 'not a valid branch name');
    const remote = await runCli(['poll', '--endpoint-url', 'http://127.0.0.1:9', '--remote', 'upstream'], { cwd: clone.dir });
    assert.is(remote.code, 2, remote.stderr);
    assert.match(remote.stderr, 'the repository has no remote of that name');
    assert.match(remote.stderr, 'Use one of: origin');
    assert.not.ok(await exists(marker));
  } finally {
    await cleanup();
  }
});

test.run();
