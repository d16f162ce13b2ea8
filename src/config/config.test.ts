import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GitmoxiError, formatLocation } from '../errors.js';
import { isCi, loadConfig, type LoadConfigOptions } from './config.js';

async function withFolder(files: Record<string, string>, run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'gitmoxi-config-'));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const options = (dir: string, extra: Partial<LoadConfigOptions> = {}): LoadConfigOptions => ({ repo: dir, cwd: dir, env: {}, ...extra });

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, GitmoxiError);
  const e = error as GitmoxiError;
  return `${e.location ? formatLocation(e.location) : '?'}: ${e.message}`;
}

test('the first data file in cosmiconfig order wins; package.json counts only with a "gitmoxi" key', async () => {
  const files = {
    'package.json': '{ "name": "x" }\n',
    '.gitmoxirc': '{ "region": "eu-west-1" }\n',
    'gitmoxi.config.json': '{ "region": "us-west-2" }\n',
  };
  await withFolder(files, async (dir) => {
    assert.equal(await loadConfig(options(dir)), { config: { region: 'eu-west-1' }, file: '.gitmoxirc' });
  });
});

test('every key of the file, with its types; an unknown key or a bad value names file, line and column', async () => {
  const yaml = 'region: eu-west-1\ncolor: false\nverbose: true\nconcurrency: 8\nbusyTimeout: 0\nreport: out/deploy.json\n';
  await withFolder({ 'gitmoxi.config.yaml': yaml }, async (dir) => {
    const { config } = await loadConfig(options(dir));
    assert.equal(config, { region: 'eu-west-1', color: false, verbose: true, concurrency: 8, busyTimeout: 0, report: 'out/deploy.json' });
  });
  await withFolder({ 'gitmoxi.config.yml': 'region: eu-west-1\nconcurency: 3\n' }, async (dir) => {
    assert.match(await refusal(loadConfig(options(dir))), /^gitmoxi\.config\.yml:2:1: invalid configuration: concurency: .*\(did you mean concurrency\?\)/);
  });
  await withFolder({ 'gitmoxi.config.json': '{\n  "busyTimeout": -1\n}\n' }, async (dir) => {
    assert.match(await refusal(loadConfig(options(dir))), /^gitmoxi\.config\.json:2:3: invalid configuration: busyTimeout: /);
  });
});

test('a code file in the repository is refused, not run; a named one is loaded', async () => {
  const module = 'globalThis.gitmoxiConfigRan = true;\nexport default { region: "ap-south-1", endpointUrl: "http://127.0.0.1:4566" };\n';
  await withFolder({ '.gitmoxirc.mjs': module }, async (dir) => {
    assert.match(await refusal(loadConfig(options(dir))), /^\.gitmoxirc\.mjs: a configuration file that is code is not run/);
    assert.is((globalThis as { gitmoxiConfigRan?: boolean }).gitmoxiConfigRan, undefined);
    const named = await loadConfig(options(dir, { explicitPath: '.gitmoxirc.mjs' }));
    assert.equal(named.config, { region: 'ap-south-1', endpointUrl: 'http://127.0.0.1:4566' });
  });
});

test('endpointUrl and profile: refused from the repository, allowed with the flag or from a named file', async () => {
  const json = '{\n  "region": "eu-west-1",\n  "profile": "prod",\n  "endpointUrl": "http://127.0.0.1:4566"\n}\n';
  await withFolder({ 'gitmoxi.config.json': json }, async (dir) => {
    const message = await refusal(loadConfig(options(dir)));
    assert.match(message, "gitmoxi.config.json:4:3: endpointUrl and profile in a repository's configuration file are refused");
    const allowed = await loadConfig(options(dir, { allowRepoEndpoint: true }));
    assert.is(allowed.config.endpointUrl, 'http://127.0.0.1:4566');
    const named = await loadConfig(options(dir, { env: { GITMOXI_CONFIG: 'gitmoxi.config.json' } }));
    assert.is(named.config.profile, 'prod');
  });
});

test('a named TypeScript module is refused by name, with the fix', async () => {
  await withFolder({ 'gitmoxi.config.ts': 'export default { region: "eu-west-1" } satisfies object;\n' }, async (dir) => {
    const error = await loadConfig(options(dir, { explicitPath: 'gitmoxi.config.ts' })).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.instance(error, GitmoxiError);
    assert.match((error as GitmoxiError).message, /gitmoxi\.config\.ts: TypeScript configuration modules are not supported$/);
    assert.match((error as GitmoxiError).hint, '.mjs file');
  });
});

test('a named file that does not exist says so', async () => {
  await withFolder({}, async (dir) => {
    assert.match(await refusal(loadConfig(options(dir, { explicitPath: 'nope.json' }))), 'cannot read the configuration file');
  });
});

test('isCi: CI=true or GitHub Actions / GitLab CI', () => {
  assert.equal(
    [{}, { CI: 'true' }, { CI: 'false' }, { GITHUB_ACTIONS: 'true' }, { GITLAB_CI: 'true' }, { CI: '' }].map((env) => isCi(env)),
    [false, true, false, true, true, false],
  );
});

test.run();
