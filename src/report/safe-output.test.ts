import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { memoryStream } from '../../test/fixtures/events/replay.js';
import { maskCommands, neutraliseCommands } from './github.js';
import { parseJsonLine } from './redactor.js';
import { safeOutput } from './safe-output.js';

const isJson = (line: string) => parseJsonLine(line) !== undefined;

function ioFor(env: NodeJS.ProcessEnv, maskTo: 'stdout' | 'stderr' = 'stdout') {
  const stdout = memoryStream();
  const stderr = memoryStream();
  const io = safeOutput({ stdout, stderr, env, cwd: '.', signal: new AbortController().signal }, { maskTo });
  return { io, stdout, stderr };
}

test('neutraliseCommands: a line starting with :: (after whitespace, after CR) gets a backslash; mid-line :: is data', () => {
  assert.is(
    neutraliseCommands('a\n::error::x\n  ::stop-commands::t\r::warning::y\nok a::b', isJson),
    'a\n\\::error::x\n  \\::stop-commands::t\r\\::warning::y\nok a::b',
  );
});

test('neutraliseCommands: the legacy ##[ form anywhere; inside a JSON line as an escape that decodes to the same text', () => {
  assert.is(neutraliseCommands('text ##[error]boom', isJson), 'text ##[\\error]boom');
  const json = JSON.stringify({ message: 'x ##[error]boom' });
  const safe = neutraliseCommands(json, isJson);
  assert.not.match(safe, '##[');
  assert.equal(JSON.parse(safe), { message: 'x ##[error]boom' });
});

test('maskCommands: the value escaped as command data, and each line of a multi-line value', () => {
  assert.equal(maskCommands('a%b'), ['::add-mask::a%25b']);
  assert.equal(maskCommands('-----BEGIN KEY-----\nabc\n-----END KEY-----'), [
    '::add-mask::-----BEGIN KEY-----%0Aabc%0A-----END KEY-----',
    '::add-mask::-----BEGIN KEY-----',
    '::add-mask::abc',
    '::add-mask::-----END KEY-----',
  ]);
});

test('under GitHub Actions a value is masked when registered, before the redacted line that uses it', () => {
  const { io, stdout } = ioFor({ GITHUB_ACTIONS: 'true' });
  io.stdout.write('before\n');
  io.redactor.add(['clu-s3cr3t-7788', 'on']);
  io.stdout.write('cluster clu-s3cr3t-7788 is on\n');
  assert.is(stdout.text(), 'before\n::add-mask::clu-s3cr3t-7788\ncluster (sensitive) is (sensitive)\n');
});

test('with --json the masks go to stderr; outside GitHub Actions there are none', () => {
  const json = ioFor({ GITHUB_ACTIONS: 'true' }, 'stderr');
  json.io.redactor.add(['clu-s3cr3t-7788']);
  json.io.stdout.write('{"cluster":"clu-s3cr3t-7788"}\n');
  assert.is(json.stdout.text(), '{"cluster":"(sensitive)"}\n');
  assert.is(json.stderr.text(), '::add-mask::clu-s3cr3t-7788\n');
  const local = ioFor({});
  local.io.redactor.add(['clu-s3cr3t-7788']);
  assert.is(local.stdout.text() + local.stderr.text(), '');
});

test("workflowCommand prints gitmoxi's own command line redacted; the same line as data is neutralised", () => {
  const { io, stdout, stderr } = ioFor({});
  io.redactor.add(['alm-s3cr3t-9911']);
  io.workflowCommand('::error title=t::alarm alm-s3cr3t-9911');
  io.stdout.write('::error title=t::alarm\n');
  io.stderr.write('::endgroup::\n');
  assert.is(stdout.text(), '::error title=t::alarm (sensitive)\n\\::error title=t::alarm\n');
  assert.is(stderr.text(), '\\::endgroup::\n');
});

test('a value percent-encoded in a workflow command is still found', () => {
  const { io, stdout } = ioFor({});
  io.redactor.add(['a:b,c%d-secret']);
  io.workflowCommand('::error file=x,title=a%3Ab%2Cc%25d-secret::a:b,c%25d-secret');
  assert.is(stdout.text(), '::error file=x,title=(sensitive)::(sensitive)\n');
});

test.run();
