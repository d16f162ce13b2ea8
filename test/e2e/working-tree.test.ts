/**
 * Local dry runs: `plan --working-tree` and `render --working-tree` read the uncommitted checkout, leaving the
 * index and the files as they were; a plan without it warns about the unit files it left out, and outside CI a
 * plan without --from says how its from-commit was chosen.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { ecsUnit } from '../fakes/sim-fixture.js';
import { makeRepo, type TempRepo } from '../fakes/temp-repo.js';

const repos: TempRepo[] = [];
test.after.each(async () => {
  for (const repo of repos.splice(0)) await repo.cleanup();
});

/** A committed unit, then its image edited in the checkout and a new unit's files left untracked. */
async function dirtyRepo(): Promise<TempRepo> {
  const repo = await makeRepo([{ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }]);
  repos.push(repo);
  await writeFile(join(repo.dir, 'services/web/web_input.json'), JSON.stringify({ image: 'nginx:1.28' }, null, 2));
  for (const [path, text] of Object.entries(ecsUnit({ name: 'api', image: 'nginx:1.27' }))) await writeTree(repo, path, String(text));
  return repo;
}

async function writeTree(repo: TempRepo, path: string, text: string): Promise<void> {
  await mkdir(join(repo.dir, path, '..'), { recursive: true });
  await writeFile(join(repo.dir, path), text);
}

test('plan --working-tree: the uncommitted edit and the untracked unit, against HEAD; index and files untouched', async () => {
  const repo = await dirtyRepo();
  const statusBefore = await repo.git(['status', '--porcelain']);
  const result = await runCli(['plan', '--working-tree', '--no-color'], { cwd: repo.dir });
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /^deploy +services\/web\/web /m);
  assert.match(result.stdout, /^deploy +services\/api\/api /m);
  assert.match(result.stdout, /^\s+-\s+"image": "nginx:1\.27"/m);
  assert.match(result.stdout, /^\s+\+\s+"image": "nginx:1\.28"/m);
  assert.match(result.stderr, /^note: planning the working tree \(uncommitted edits included, as commit [0-9a-f]{12} on no branch\) against HEAD$/m);
  assert.not.match(result.stderr, /warning: uncommitted/);
  assert.is(await repo.git(['status', '--porcelain']), statusBefore);
  assert.is(await repo.git(['diff', '--cached', '--name-only']), '');
  assert.is(await repo.git(['rev-list', '--count', 'HEAD']), '1');
});

test('plan without --working-tree: one warning naming the left-out unit files, and how --from was chosen', async () => {
  const repo = await dirtyRepo();
  const result = await runCli(['plan', '--no-color'], { cwd: repo.dir });
  assert.is(result.code, 0, result.stdout + result.stderr);
  assert.not.match(result.stdout, /nginx:1\.28/);
  const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning:'));
  assert.is(warnings.length, 1, result.stderr);
  // Five files: the edited input and the four of the untracked unit; three are named.
  assert.match(
    warnings[0] ?? '',
    /^warning: uncommitted edits to unit files are not in this plan \(services\/\S+\.json, services\/\S+\.json, services\/\S+\.json, and 2 more\): .*pass --working-tree/,
  );
  assert.match(result.stderr, /^note: no --from, and no CI event to take one from: every unit at [0-9a-f]{12} is planned as new\. Pass --from/m);
});

test('a clean checkout with --from: no warning, no note', async () => {
  const repo = await makeRepo([{ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) }, { files: ecsUnit({ name: 'web', image: 'nginx:1.28' }) }]);
  repos.push(repo);
  const result = await runCli(['plan', '--from', 'HEAD~1', '--no-color'], { cwd: repo.dir });
  assert.is(result.code, 0, result.stderr);
  assert.is(result.stderr, '');
});

test('render --working-tree renders the edited input; --working-tree with --to is refused', async () => {
  const repo = await dirtyRepo();
  const rendered = await runCli(['render', 'services/web/web', '--working-tree'], { cwd: repo.dir });
  assert.is(rendered.code, 0, rendered.stderr);
  assert.match(rendered.stdout, /"image": "nginx:1\.28"/);
  const committed = await runCli(['render', 'services/web/web'], { cwd: repo.dir });
  assert.match(committed.stdout, /"image": "nginx:1\.27"/);
  const refused = await runCli(['plan', '--working-tree', '--to', 'HEAD'], { cwd: repo.dir });
  assert.is(refused.code, 2);
  assert.match(refused.stderr, /--working-tree and --to both say what to plan/);
  assert.equal(await readFile(join(repo.dir, 'services/web/web_input.json'), 'utf8'), JSON.stringify({ image: 'nginx:1.28' }, null, 2));
});

test.run();
