import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { memoryStream } from '../../test/fixtures/events/replay.js';
import type { RenderedUnit } from '../plan/render-unit.js';
import { parseJsonSource } from '../defs/json-source.js';
import { safeOutput } from './safe-output.js';
import { findTokens, registerUnitSecrets } from './unit-secrets.js';

const tokens = {
  aws: 'ASIAIOSFODNN7EXAMPLE',
  github: `ghp_${'a1B2'.repeat(9)}`,
  pat: `github_pat_${'x'.repeat(40)}`,
  slack: 'xoxb-1234567890-abcdefghij',
  key: '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
};

test('findTokens: each credential shape, with the key path where it sits', () => {
  const value = {
    env: [
      { name: 'A', value: tokens.aws },
      { name: 'B', value: `Bearer ${tokens.github}` },
    ],
    pat: tokens.pat,
    slack: tokens.slack,
    key: tokens.key,
    plain: 'AKIA-not-a-key',
  };
  const found = findTokens(value, 'x_taskdef.json', []).map((f) => [f.key, f.what, f.value]);
  assert.equal(found, [
    ['env[0].value', 'an AWS access key ID', tokens.aws],
    ['env[1].value', 'a GitHub token', tokens.github],
    ['pat', 'a GitHub token', tokens.pat],
    ['slack', 'a Slack token', tokens.slack],
    ['key', 'a private key', tokens.key],
  ]);
});

test('findTokens: a value that is already sensitive is not reported', () => {
  assert.equal(findTokens({ a: tokens.aws }, 'f', [tokens.aws]), []);
});

test('registerUnitSecrets: sensitive values and tokens are redacted; one warning per token, without the token', () => {
  const stdout = memoryStream();
  const stderr = memoryStream();
  const io = safeOutput({ stdout, stderr, env: {}, cwd: '.', signal: new AbortController().signal }, { maskTo: 'stdout' });
  const unit = (prefix: string): RenderedUnit => ({
    prefix,
    commit: 'c',
    platform: 'ecs',
    documents: [{ kind: 'taskdef', path: `${prefix}_taskdef.json`, source: parseJsonSource(JSON.stringify({ k: tokens.aws }), `${prefix}_taskdef.json`) }],
    definitions: null,
    sensitiveValues: ['db-pass-1234'],
    refFiles: [],
    problems: [],
  });
  const register = registerUnitSecrets(io);
  register(unit('a/a'));
  register(unit('b/b'));
  registerUnitSecrets(io)(unit('c/c'));
  io.stdout.write(`${tokens.aws} db-pass-1234\n`);
  assert.is(stdout.text(), '(sensitive) (sensitive)\n');
  const warnings = stderr.text().trim().split('\n');
  assert.is(warnings.length, 1);
  assert.match(warnings[0] ?? '', /^warning: a\/a_taskdef\.json: k holds what looks like an AWS access key ID/);
});

test.run();
