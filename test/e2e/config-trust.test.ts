/**
 * Configuration is data and cannot redirect credentials; `--report` writes only into an existing folder. The CLI
 * as a subprocess against the simulator and real git repositories.
 */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { deploySession } from '../fakes/deploy-session.js';
import { ecsUnit, liveService, mutatingCalls, startEcsSimulator } from '../fakes/sim-fixture.js';

const session = deploySession(test, startEcsSimulator);
const { repoWith, deploy } = session;

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** A configuration module that leaves a marker file behind when it is run. */
const markerModule = (marker: string) =>
  `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport default { verbose: true };\n`;

test('a gitmoxi.config.mjs in the repository is not run: exit 2 and no marker', async () => {
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  const marker = join(repo.dir, 'marker');
  await repo.commit({ 'gitmoxi.config.mjs': markerModule(marker) });
  const result = await deploy(repo);
  assert.not.ok(await exists(marker), 'the module ran');
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, 'gitmoxi.config.mjs: a configuration file that is code is not run from the repository');
  assert.match(result.stderr, '--config gitmoxi.config.mjs');
  assert.equal(mutatingCalls(session.sim), []);
});

test("a module named with --config is the operator's choice: it is loaded", async () => {
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  const marker = join(repo.dir, 'marker');
  await writeFile(join(repo.dir, 'ops.mjs'), markerModule(marker));
  const result = await runCli(['plan', '--config', 'ops.mjs'], { cwd: repo.dir });
  assert.is(result.code, 0, result.stderr);
  assert.ok(await exists(marker));
});

test('endpointUrl in package.json is refused with file and line; --allow-repo-endpoint accepts it', async () => {
  const packageJson = `{\n  "name": "deployments",\n  "gitmoxi": {\n    "endpointUrl": "http://127.0.0.1:9"\n  }\n}\n`;
  const repo = await repoWith({ files: { ...ecsUnit({ name: 'web', image: 'nginx:1.27' }), 'package.json': packageJson } });
  const refused = await deploy(repo);
  assert.is(refused.code, 2, refused.stdout + refused.stderr);
  assert.match(refused.stderr, "package.json:4:5: endpointUrl in a repository's configuration file is refused");
  assert.match(refused.stderr, '--allow-repo-endpoint');
  assert.equal(mutatingCalls(session.sim), []);
  const allowed = await runCli(['plan', '--allow-repo-endpoint', '--json'], { cwd: repo.dir });
  assert.is(allowed.code, 0, allowed.stderr);
});

test('profile in a YAML file is refused too, naming its line', async () => {
  const repo = await repoWith({ files: { 'gitmoxi.config.yaml': 'region: us-east-1\nprofile: attacker\n' } });
  const result = await runCli(['plan'], { cwd: repo.dir });
  assert.is(result.code, 2);
  assert.match(result.stderr, "gitmoxi.config.yaml:2:1: profile in a repository's configuration file is refused");
});

test('in CI the configuration comes from the --to commit, not from the working tree', async () => {
  const repo = await repoWith({ files: { 'gitmoxi.config.json': '{ "verbose": true }\n' } });
  // An earlier CI step rewrote the file in the working tree: it must not count.
  await writeFile(join(repo.dir, 'gitmoxi.config.json'), '{ "endpointUrl": "http://127.0.0.1:9" }\n');
  // CI is cleared so that this holds when the suite itself runs in CI.
  const outside = await runCli(['plan'], { cwd: repo.dir, env: { CI: '' } });
  assert.is(outside.code, 2, 'outside CI the working tree is read');
  const inCi = await runCli(['plan'], { cwd: repo.dir, env: { CI: 'true' } });
  assert.is(inCi.code, 0, inCi.stderr);
  const atTo = await runCli(['plan', '--to', 'HEAD'], { cwd: repo.dir, env: { GITLAB_CI: 'true' } });
  assert.is(atTo.code, 0, atTo.stderr);
});

test('concurrency, busyTimeout and report are read from the file; a bad value names file and line', async () => {
  const repo = await repoWith({ files: { 'gitmoxi.config.json': '{\n  "concurrency": 0\n}\n' } });
  const bad = await runCli(['plan'], { cwd: repo.dir });
  assert.is(bad.code, 2);
  assert.match(bad.stderr, 'gitmoxi.config.json:2:3: invalid configuration: concurrency:');
  await repo.commit({ 'gitmoxi.config.json': '{ "concurrency": 2, "busyTimeout": 0, "report": "missing/deploy.json" }\n' });
  const result = await deploy(repo);
  assert.is(result.code, 2, result.stdout + result.stderr);
  assert.match(result.stderr, 'missing does not exist');
});

test('--report into a folder that does not exist: exit 2 before anything is deployed, no folder made', async () => {
  const repo = await repoWith({ files: ecsUnit({ name: 'web', image: 'nginx:1.27' }) });
  const report = join(repo.dir, 'out', 'deploy.json');
  const refused = await deploy(repo, '--report', report);
  assert.is(refused.code, 2, refused.stdout + refused.stderr);
  assert.match(refused.stderr, `the folder ${join(repo.dir, 'out')} does not exist`);
  assert.not.ok(await exists(join(repo.dir, 'out')));
  assert.equal(mutatingCalls(session.sim), []);
  assert.is(await liveService(session.sim, 'web'), null);

  await mkdir(join(repo.dir, 'out'));
  const written = await deploy(repo, '--report', report);
  assert.is(written.code, 0, written.stdout + written.stderr);
  assert.is((JSON.parse(await readFile(report, 'utf8')) as { exitCode: number }).exitCode, 0);
});

test.run();
