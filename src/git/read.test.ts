import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, type TempRepo } from '../../test/fakes/temp-repo.js';
import { GitmoxiError } from '../errors.js';
import { openTree, type TreeReader } from './read.js';

const ODD_NAMES = [
  'with space/web svc_svcdef.json',
  'ünïcødé/日本_svcdef.json',
  '-leading-dash_svcdef.json',
  'new\nline_svcdef.json',
  'carriage\r',
  "quote\"s and 'single'_svcdef.json",
  'trailing space ',
  'colon:in:name.json',
];

/** Opens a reader, runs `body`, and always closes the reader and deletes the repository. */
async function withReader(repo: TempRepo, rev: string, body: (reader: TreeReader) => Promise<void>, nulInput?: boolean): Promise<void> {
  const reader = await openTree(repo.dir, rev, nulInput === undefined ? {} : { nulInput });
  try {
    await body(reader);
  } finally {
    reader.close();
    await repo.cleanup();
  }
}

const text = (buffer: Buffer | null | undefined): string | null => (buffer ? buffer.toString('utf8') : null);

test('read returns the committed bytes; absent paths and folders read as null', async () => {
  const repo = await makeRepo([{ files: { 'apps/web/web_svcdef.json': '{"a": 1}\n', 'empty.json': '' } }]);
  await withReader(repo, 'main', async (reader) => {
    assert.is(reader.commit, repo.shas[0]);
    assert.is(text(await reader.read('apps/web/web_svcdef.json')), '{"a": 1}\n');
    assert.is(text(await reader.read('empty.json')), '');
    assert.is(await reader.read('apps/web/nope.json'), null);
    assert.is(await reader.read('apps/web'), null);
    assert.is(await reader.read('apps/web/web_svcdef.json/x'), null);
  });
});

test('reads come from the commit, not from the working tree or the checked-out branch', async () => {
  const repo = await makeRepo([{ files: { 'web_svcdef.json': 'one' } }, { files: { 'web_svcdef.json': 'two', 'later.json': 'l' } }]);
  await writeFile(join(repo.dir, 'web_svcdef.json'), 'uncommitted');
  await writeFile(join(repo.dir, 'untracked.json'), 'u');
  await withReader(repo, repo.shas[0]!, async (reader) => {
    assert.is(text(await reader.read('web_svcdef.json')), 'one');
    assert.is(await reader.read('later.json'), null);
    assert.is(await reader.read('untracked.json'), null);
    assert.equal(await reader.list(), ['web_svcdef.json']);
  });
});

test('list gives every regular file and skips symlinks and submodules', async () => {
  const repo = await makeRepo([{ files: { 'b/two.json': '2', 'a.json': '1', 'run.sh': '#!/bin/sh\n' } }]);
  await repo.git(['update-index', '--chmod=+x', 'run.sh']);
  await symlink('a.json', join(repo.dir, 'link.json'));
  await repo.git(['add', 'link.json']);
  // A submodule is a gitlink entry (mode 160000) naming a commit of another repository.
  await repo.git(['update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},vendor/sub`]);
  await repo.git(['commit', '-q', '-m', 'links']);
  await withReader(repo, 'HEAD', async (reader) => {
    assert.equal(await reader.list(), ['a.json', 'b/two.json', 'run.sh']);
    assert.is(await reader.read('vendor/sub'), null);
  });
});

test('symlinks are followed inside the repository; dangling or escaping ones read as null', async () => {
  const repo = await makeRepo([{ files: { 'infra/terraform_output.json': '{"vpc": {"value": "v"}}' } }]);
  await mkdir(join(repo.dir, 'apps'));
  await symlink('../infra/terraform_output.json', join(repo.dir, 'apps/outputs.json'));
  await symlink('../infra', join(repo.dir, 'apps/infra-dir'));
  await symlink('missing.json', join(repo.dir, 'dangling.json'));
  await symlink('../../etc/passwd', join(repo.dir, 'apps/escape.json'));
  await symlink('/etc/passwd', join(repo.dir, 'absolute.json'));
  await repo.commit({});
  await withReader(repo, 'HEAD', async (reader) => {
    // Twice: before list() each path is asked as commit:path, after it through the listing.
    for (const round of ['by path', 'through the listing']) {
      assert.is(text(await reader.read('apps/outputs.json')), '{"vpc": {"value": "v"}}', round);
      assert.is(text(await reader.read('apps/infra-dir/terraform_output.json')), '{"vpc": {"value": "v"}}', round);
      assert.is(await reader.read('dangling.json'), null, round);
      assert.is(await reader.read('apps/escape.json'), null, round);
      assert.is(await reader.read('absolute.json'), null, round);
      assert.is(await reader.read('apps'), null, round);
      assert.equal(await reader.list(), ['infra/terraform_output.json']);
    }
  });
});

test('odd file names are listed and read verbatim (NUL-terminated protocol)', async () => {
  const files = Object.fromEntries(ODD_NAMES.map((name) => [name, `content of ${name}`]));
  const repo = await makeRepo([{ files }]);
  await withReader(
    repo,
    'HEAD',
    async (reader) => {
      // Twice: before list() each path is asked as commit:path, after it through the listing.
      for (const round of ['by path', 'through the listing']) {
        const contents = await reader.readMany([...ODD_NAMES, 'missing\nname']);
        for (const name of ODD_NAMES) assert.is(text(contents.get(name)), `content of ${name}`, `${round}: ${JSON.stringify(name)}`);
        assert.is(contents.get('missing\nname'), null);
        assert.equal((await reader.list()).sort(), [...ODD_NAMES].sort());
      }
    },
    true,
  );
});

test('odd file names are read verbatim without -z too (the path for git before 2.38)', async () => {
  const files = Object.fromEntries(ODD_NAMES.map((name) => [name, `content of ${name}`]));
  const repo = await makeRepo([{ files }]);
  await withReader(
    repo,
    'HEAD',
    async (reader) => {
      const contents = await reader.readMany([...ODD_NAMES, 'missing\nname', 'absent']);
      assert.equal([...contents.keys()], [...ODD_NAMES, 'missing\nname', 'absent']);
      for (const name of ODD_NAMES) assert.is(text(contents.get(name)), `content of ${name}`, JSON.stringify(name));
      assert.is(contents.get('missing\nname'), null);
      assert.is(contents.get('absent'), null);
    },
    false,
  );
});

test('readMany reads a thousand files in input order, with absent ones as null', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 1000; i++) files[`apps/svc-${i % 50}/unit-${i}_svcdef.json`] = `{"serviceName": "unit-${i}"}\n`;
  const repo = await makeRepo([{ files }]);
  await withReader(repo, 'HEAD', async (reader) => {
    const paths = (await reader.list()).reverse();
    assert.is(paths.length, 1000);
    const contents = await reader.readMany([...paths, 'nope.json']);
    assert.equal([...contents.keys()], [...paths, 'nope.json']);
    for (const path of paths) assert.is(text(contents.get(path)), files[path]);
    assert.is(contents.get('nope.json'), null);
  });
});

test('concurrent reads on one reader each get their own answer', async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 200; i++) files[`f${i}.json`] = String(i).repeat(i + 1);
  const repo = await makeRepo([{ files }]);
  await withReader(repo, 'HEAD', async (reader) => {
    const names = Object.keys(files);
    const [single, many, other] = await Promise.all([
      Promise.all(names.map((name) => reader.read(name))),
      reader.readMany(names.slice(0, 100)),
      reader.read('missing'),
    ]);
    for (const [i, name] of names.entries()) assert.is(text(single[i]), files[name]);
    for (const [name, content] of many) assert.is(text(content), files[name]);
    assert.is(other, null);
  });
});

test('binary files and a 5 MB file come back byte for byte', async () => {
  const binary = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7) % 256));
  const large = Buffer.alloc(5 * 1024 * 1024);
  for (let i = 0; i < large.length; i++) large[i] = (i * 31 + (i >> 9)) % 256;
  const repo = await makeRepo([{ files: { 'bin.dat': binary, 'big/large.bin': large, 'after.json': 'after' } }]);
  await withReader(repo, 'HEAD', async (reader) => {
    const contents = await reader.readMany(['bin.dat', 'big/large.bin', 'after.json', 'big/large.bin']);
    assert.ok(contents.get('bin.dat')?.equals(binary));
    assert.ok(contents.get('big/large.bin')?.equals(large));
    assert.is(text(contents.get('after.json')), 'after');
    assert.ok((await reader.read('big/large.bin'))?.equals(large));
  });
});

test('two readers on different commits of one repository', async () => {
  const repo = await makeRepo([{ files: { 'a.json': 'v1' } }, { files: { 'a.json': 'v2' } }]);
  const old = await openTree(repo.dir, 'HEAD~1');
  await withReader(repo, 'HEAD', async (current) => {
    const [before, after] = await Promise.all([old.read('a.json'), current.read('a.json')]);
    old.close();
    assert.is(text(before), 'v1');
    assert.is(text(after), 'v2');
  });
});

test('an unknown revision is E_GIT_REV_MISSING; reading after close fails', async () => {
  const repo = await makeRepo([{ files: { 'a.json': '1' } }]);
  try {
    const error = await openTree(repo.dir, 'no-such-branch').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(error, GitmoxiError);
    assert.is((error as GitmoxiError).code, 'E_GIT_REV_MISSING');
    const reader = await openTree(repo.dir, 'HEAD');
    reader.close();
    const afterClose = await reader.read('a.json').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(afterClose, GitmoxiError);
  } finally {
    await repo.cleanup();
  }
});

test.run();
