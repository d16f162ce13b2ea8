import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo } from '../../test/fakes/temp-repo.js';
import { GitmoxiError } from '../errors.js';
import { isAncestor, listChanges, parseNameStatus, type FileChange } from './changes.js';

const svcdef = (image: string): string => `{\n  "serviceName": "web",\n  "image": "${image}",\n  "desiredCount": 2\n}\n`;

/** Changes sorted by path, so assertions do not depend on git's output order. */
function sorted(changes: FileChange[]): FileChange[] {
  return [...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

test('added, modified and deleted files', async () => {
  const repo = await makeRepo([
    { files: { 'apps/web/web_svcdef.json': svcdef('nginx:1'), 'apps/api/api_svcdef.json': svcdef('api:1') } },
    { files: { 'apps/web/web_svcdef.json': svcdef('nginx:2'), 'apps/api/api_svcdef.json': null, 'apps/new/new_lambdadef.json': '{}' } },
  ]);
  try {
    const changes = await listChanges(repo.dir, repo.shas[0]!, repo.shas[1]!);
    assert.equal(sorted(changes), [
      { status: 'deleted', path: 'apps/api/api_svcdef.json' },
      { status: 'added', path: 'apps/new/new_lambdadef.json' },
      { status: 'modified', path: 'apps/web/web_svcdef.json' },
    ]);
  } finally {
    await repo.cleanup();
  }
});

test('a renamed file, with and without edits, carries its old path and similarity', async () => {
  const big = svcdef('nginx:1').repeat(5);
  const repo = await makeRepo([
    { files: { 'a/one_svcdef.json': big, 'b/two_svcdef.json': `${big}x` } },
    { files: { 'a/one_svcdef.json': null, 'a/uno_svcdef.json': big, 'b/two_svcdef.json': null, 'b/dos_svcdef.json': `${big}y` } },
  ]);
  try {
    const changes = sorted(await listChanges(repo.dir, repo.shas[0]!, repo.shas[1]!));
    assert.equal(changes[0], { status: 'renamed', path: 'a/uno_svcdef.json', oldPath: 'a/one_svcdef.json', similarity: 100 });
    assert.is(changes[1]?.status, 'renamed');
    assert.is(changes[1]?.oldPath, 'b/two_svcdef.json');
    assert.ok((changes[1]?.similarity ?? 0) > 90 && (changes[1]?.similarity ?? 100) < 100);
  } finally {
    await repo.cleanup();
  }
});

test('renaming a folder renames every file in it', async () => {
  const repo = await makeRepo([
    {
      files: {
        'apps/web/web_svcdef.json': svcdef('nginx:1'),
        'apps/web/web_taskdef.json': '{"family": "web"}\n',
        'apps/web/web_input.json': '{"image": "nginx"}\n',
      },
    },
    {
      files: {
        'apps/web/web_svcdef.json': null,
        'apps/web/web_taskdef.json': null,
        'apps/web/web_input.json': null,
        'apps/frontend/web_svcdef.json': svcdef('nginx:1'),
        'apps/frontend/web_taskdef.json': '{"family": "web"}\n',
        'apps/frontend/web_input.json': '{"image": "nginx"}\n',
      },
    },
  ]);
  try {
    const changes = sorted(await listChanges(repo.dir, repo.shas[0]!, repo.shas[1]!));
    assert.equal(
      changes.map((c) => [c.status, c.oldPath, c.path]),
      [
        ['renamed', 'apps/web/web_input.json', 'apps/frontend/web_input.json'],
        ['renamed', 'apps/web/web_svcdef.json', 'apps/frontend/web_svcdef.json'],
        ['renamed', 'apps/web/web_taskdef.json', 'apps/frontend/web_taskdef.json'],
      ],
    );
  } finally {
    await repo.cleanup();
  }
});

test('whitespace-only edits and mode changes are modifications', async () => {
  const repo = await makeRepo([
    { files: { 'web_svcdef.json': '{"a": 1}\n', 'run.sh': 'echo hi\n' } },
    { files: { 'web_svcdef.json': '{"a":  1}\n' } },
    { files: { 'web_svcdef.json': '{"a":  1}\r\n' } },
  ]);
  try {
    assert.equal(await listChanges(repo.dir, repo.shas[0]!, repo.shas[1]!), [{ status: 'modified', path: 'web_svcdef.json' }]);
    assert.equal(await listChanges(repo.dir, repo.shas[1]!, repo.shas[2]!), [{ status: 'modified', path: 'web_svcdef.json' }]);
    await repo.git(['update-index', '--chmod=+x', 'run.sh']);
    await repo.git(['commit', '-q', '-m', 'chmod']);
    assert.equal(await listChanges(repo.dir, repo.shas[2]!, 'HEAD'), [{ status: 'modified', path: 'run.sh' }]);
  } finally {
    await repo.cleanup();
  }
});

test("a merge commit compares trees: the merged branch's files show up against the first parent", async () => {
  const repo = await makeRepo([{ files: { 'apps/web/web_svcdef.json': svcdef('nginx:1') } }]);
  try {
    await repo.checkout('feature');
    await repo.commit({ 'apps/api/api_svcdef.json': svcdef('api:1') });
    await repo.commit({ 'apps/web/web_svcdef.json': svcdef('nginx:2') });
    await repo.checkout('main');
    const mainTip = await repo.commit({ 'README.md': 'hello\n' });
    const merge = await repo.merge('feature');
    assert.equal(sorted(await listChanges(repo.dir, mainTip, merge)), [
      { status: 'added', path: 'apps/api/api_svcdef.json' },
      { status: 'modified', path: 'apps/web/web_svcdef.json' },
    ]);
    // Against the second parent only main's own change differs.
    assert.equal(await listChanges(repo.dir, `${merge}^2`, merge), [{ status: 'added', path: 'README.md' }]);
  } finally {
    await repo.cleanup();
  }
});

test('a from that is not an ancestor of to (force push) gives the tree difference', async () => {
  const repo = await makeRepo([
    { files: { 'web_svcdef.json': svcdef('nginx:1'), 'api_svcdef.json': svcdef('api:1') } },
    { files: { 'web_svcdef.json': svcdef('nginx:2'), 'old_svcdef.json': '{}' } },
  ]);
  try {
    const [base, abandoned] = [repo.shas[0]!, repo.shas[1]!];
    await repo.reset(base);
    const rewritten = await repo.commit({ 'api_svcdef.json': svcdef('api:2') });
    assert.is(await isAncestor(repo.dir, abandoned, rewritten), false);
    assert.is(await isAncestor(repo.dir, base, rewritten), true);
    assert.equal(sorted(await listChanges(repo.dir, abandoned, rewritten)), [
      { status: 'modified', path: 'api_svcdef.json' },
      { status: 'deleted', path: 'old_svcdef.json' },
      { status: 'modified', path: 'web_svcdef.json' },
    ]);
  } finally {
    await repo.cleanup();
  }
});

test('no from: every file at to is added, including nested ones', async () => {
  const repo = await makeRepo([{ files: { 'a.json': '1', 'deep/er/b_svcdef.json': '{}' } }, { files: { 'a.json': null, 'c.json': '3' } }]);
  try {
    assert.equal(sorted(await listChanges(repo.dir, null, repo.shas[1]!)), [
      { status: 'added', path: 'c.json' },
      { status: 'added', path: 'deep/er/b_svcdef.json' },
    ]);
  } finally {
    await repo.cleanup();
  }
});

const ODD_NAMES = [
  'with space/web svc_svcdef.json',
  'ünïcødé/日本_svcdef.json',
  '-leading-dash_svcdef.json',
  'new\nline_svcdef.json',
  "quote\"s and 'single'_svcdef.json",
  'tab\there_svcdef.json',
  'back\\slash_svcdef.json',
];

test('file names with spaces, unicode, quotes, tabs, newlines and leading dashes come back verbatim', async () => {
  const files = Object.fromEntries(ODD_NAMES.map((name) => [name, `{"name": ${JSON.stringify(name)}}`]));
  const repo = await makeRepo([{ files: { 'keep.txt': 'x' } }, { files }]);
  try {
    const added = await listChanges(repo.dir, repo.shas[0]!, repo.shas[1]!);
    assert.equal(added.map((c) => c.path).sort(), [...ODD_NAMES].sort());
    assert.ok(added.every((c) => c.status === 'added'));
    const deletions = Object.fromEntries(ODD_NAMES.map((name) => [name, null]));
    const later = await repo.commit(deletions);
    const deleted = await listChanges(repo.dir, repo.shas[1]!, later);
    assert.equal(deleted.map((c) => c.path).sort(), [...ODD_NAMES].sort());
  } finally {
    await repo.cleanup();
  }
});

test('a file replaced by a symlink is type-changed', async () => {
  const repo = await makeRepo([{ files: { 'shared.json': '{}', 'web_input.json': '{"a": 1}' } }]);
  try {
    await repo.commit({ 'web_input.json': null });
    await symlink('shared.json', join(repo.dir, 'web_input.json'));
    const replaced = await repo.commit({});
    assert.equal(await listChanges(repo.dir, repo.shas[0]!, replaced), [{ status: 'type-changed', path: 'web_input.json' }]);
  } finally {
    await repo.cleanup();
  }
});

test('only commits are compared: uncommitted work and the checked-out branch do not matter', async () => {
  const repo = await makeRepo([{ files: { 'web_svcdef.json': '1' } }, { files: { 'web_svcdef.json': '2' } }]);
  try {
    await repo.checkout('elsewhere', repo.shas[0]!);
    await writeFile(join(repo.dir, 'web_svcdef.json'), 'dirty');
    await writeFile(join(repo.dir, 'untracked_svcdef.json'), '{}');
    assert.equal(await listChanges(repo.dir, repo.shas[0]!, repo.shas[1]!), [{ status: 'modified', path: 'web_svcdef.json' }]);
    assert.equal(await listChanges(repo.dir, repo.shas[1]!, repo.shas[1]!), []);
  } finally {
    await repo.cleanup();
  }
});

test("an unknown revision is an E_GIT error carrying git's message", async () => {
  const repo = await makeRepo([{ files: { a: '1' } }]);
  try {
    const error = await listChanges(repo.dir, 'no-such-branch', 'HEAD').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(error, GitmoxiError);
    assert.is((error as GitmoxiError).code, 'E_GIT');
    assert.match((error as GitmoxiError).message, /no-such-branch/);
    const ancestorError = await isAncestor(repo.dir, 'nope', 'HEAD').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.is((ancestorError as GitmoxiError).code, 'E_GIT');
  } finally {
    await repo.cleanup();
  }
});

test('parseNameStatus reads every status, copies as additions', () => {
  const output = ['A', 'a', 'M', 'm', 'D', 'd', 'T', 't', 'R075', 'old', 'new', 'C100', 'src', 'copy', ''].join('\0');
  assert.equal(parseNameStatus(output), [
    { status: 'added', path: 'a' },
    { status: 'modified', path: 'm' },
    { status: 'deleted', path: 'd' },
    { status: 'type-changed', path: 't' },
    { status: 'renamed', path: 'new', oldPath: 'old', similarity: 75 },
    { status: 'added', path: 'copy' },
  ]);
  assert.equal(parseNameStatus(''), []);
  assert.throws(() => parseNameStatus('X\0weird\0'));
});

test.run();
