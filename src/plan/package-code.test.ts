/** Code.ZipFile naming a repository folder or file: packaged at the commit, part of the hash, watched for changes. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { makeRepo, type FileTree, type TempRepo } from '../../test/fakes/temp-repo.js';
import { makePlan } from './make-plan.js';
import { repoPath } from './package-code.js';

const repos: TempRepo[] = [];
test.after.each(async () => {
  for (const repo of repos.splice(0)) await repo.cleanup();
});

function unit(zipFile: string): FileTree {
  const lambdadef = {
    FunctionName: 'hello',
    Runtime: 'python3.12',
    Handler: 'app.handler',
    Role: 'arn:aws:iam::123456789012:role/x',
    Code: { ZipFile: zipFile },
  };
  return { 'functions/hello/hello_lambdadef.json': JSON.stringify(lambdadef) };
}

async function plan(repo: TempRepo, from?: string) {
  return makePlan({ repoDir: repo.dir, env: {}, defaultRegion: 'us-east-1', ...(from ? { from } : {}) });
}

test('a folder is zipped; a change inside it alone redeploys the unit with a new hash', async () => {
  const repo = await makeRepo([
    { files: { ...unit('functions/hello/src'), 'functions/hello/src/app.py': 'v1', 'README.md': 'x' } },
    { files: { 'README.md': 'y' } },
    { files: { 'functions/hello/src/app.py': 'v2' } },
  ]);
  repos.push(repo);
  const first = await makePlan({ repoDir: repo.dir, env: {}, defaultRegion: 'us-east-1', to: repo.shas[0] as string });
  const packaged = first.after.get('functions/hello/hello')?.definitions;
  assert.ok(packaged?.platform === 'lambda' && packaged.codePackage?.path === 'functions/hello/src');
  const unrelated = await makePlan({ repoDir: repo.dir, env: {}, defaultRegion: 'us-east-1', from: repo.shas[0] as string, to: repo.shas[1] as string });
  assert.equal(unrelated.plan.units, []);
  const changed = await plan(repo, 'HEAD~1');
  const [planned] = changed.plan.units;
  assert.equal([planned?.action, planned?.reason, planned?.changedRefs], ['deploy', 'ref-changed', ['functions/hello/src/app.py']]);
  assert.is.not(planned?.hash, first.plan.units[0]?.hash);
});

test('the same folder content gives the same hash at another commit', async () => {
  const repo = await makeRepo([
    { files: { ...unit('./functions/hello/src/'), 'functions/hello/src/app.py': 'v1' } },
    { files: { 'functions/hello/src/app.py': 'v1' }, message: 'no change' },
  ]);
  repos.push(repo);
  const a = await makePlan({ repoDir: repo.dir, env: {}, defaultRegion: 'us-east-1', to: repo.shas[0] as string, force: true });
  const b = await makePlan({ repoDir: repo.dir, env: {}, defaultRegion: 'us-east-1', to: repo.shas[1] as string, force: true });
  assert.is(a.plan.units[0]?.hash, b.plan.units[0]?.hash);
});

test('a path outside the repository or naming nothing is a problem of the lambdadef', async () => {
  for (const [path, message] of [
    ['../elsewhere', /must stay inside the repository/],
    ['functions/hello/missing', /neither a file nor a folder/],
  ] as const) {
    const repo = await makeRepo([{ files: unit(path) }]);
    repos.push(repo);
    // The unit is invalid (docs/isolation.md): listed with its problem, never deployed.
    const planned = (await plan(repo)).plan.units[0];
    assert.is(planned?.action, 'invalid');
    const problem = planned?.problems?.[0];
    assert.match(problem?.message ?? '', message);
    assert.is(problem?.location.file, 'functions/hello/hello_lambdadef.json');
  }
});

test('repoPath normalises and refuses paths that leave the repository', () => {
  assert.is(repoPath('./a/b/'), 'a/b');
  assert.is(repoPath('a/../b'), 'b');
  assert.is(repoPath('/etc'), null);
  assert.is(repoPath('a/../../b'), null);
  assert.is(repoPath('.'), null);
});

test.run();
