import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GitmoxiError } from '../errors.js';
import { parseRefFile, redact, redactedMarker } from './redact.js';
import { renderTemplate } from './template.js';

test('every occurrence is replaced', () => {
  assert.is(redact('user=hunter22 again hunter22.', ['hunter22']), `user=${redactedMarker} again ${redactedMarker}.`);
});

test('nothing to hide: the text is unchanged; empty values are ignored', () => {
  assert.is(redact('a "" b', []), 'a "" b');
  assert.is(redact('a "" b', ['']), 'a "" b');
});

test('the longest value wins where values overlap', () => {
  assert.is(redact('token=abcdefgh', ['abcd', 'abcdefgh']), `token=${redactedMarker}`);
  assert.is(redact('xabcdefy', ['cdef', 'abcdef']), `x${redactedMarker}y`);
});

test('regular-expression characters in a value are literal', () => {
  assert.is(redact('p=a.b*c+(d)|e and axbbc', ['a.b*c+(d)|e']), `p=${redactedMarker} and axbbc`);
});

test('a value with quotes and backslashes is found in its JSON-escaped form', () => {
  const secret = 'pa"ss\\word';
  assert.is(redact(JSON.stringify({ password: secret }), [secret]), `{"password":"${redactedMarker}"}`);
});

test("a value is found as Jinja2's tojson prints it (HTML-safe, ASCII-only)", () => {
  const secret = "it's-café<&>";
  const rendered = renderTemplate('{"password": {{ password | tojson }}}', { password: secret }, 'f');
  assert.is(rendered, '{"password": "it\\u0027s-caf\\u00e9\\u003c\\u0026\\u003e"}');
  assert.is(redact(rendered, [secret]), `{"password": "${redactedMarker}"}`);
});

test('a value is found as Python prints it inside a list', () => {
  const secret = "o'brien\\x";
  const rendered = renderTemplate('{{ users }}', { users: [secret] }, 'f');
  assert.is(redact(rendered, [secret]), `["${redactedMarker}"]`);
});

test('values shorter than 4 characters are replaced only where they stand alone', () => {
  const text = '{"flag": "on", "monitor": "onion", "port": 42, "count": 420}';
  assert.is(redact(text, ['on', '42']), `{"flag": "${redactedMarker}", "monitor": "onion", "port": ${redactedMarker}, "count": 420}`);
});

test('property: no sensitive value of 4 or more characters survives, in any escaped form', () => {
  // Secrets use characters absent from the marker, so an occurrence in the output can only be a leak.
  const secretChar = fc.constantFrom(...'ABCDXYZ019"\\\'é'.split(''));
  const secret = fc.string({ unit: secretChar, minLength: 4, maxLength: 10 });
  const filler = fc.string({ unit: fc.constantFrom(...'ABxyz ",:{}[]\\'.split('')), maxLength: 6 });
  const form = fc.constantFrom<(s: string) => string>(
    (s) => s,
    (s) => JSON.stringify(s).slice(1, -1),
  );
  fc.assert(
    fc.property(fc.array(secret, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(filler, fc.nat(), form), { maxLength: 8 }), (secrets, pieces) => {
      const text = pieces.map(([before, pick, encode]) => before + encode(secrets[pick % secrets.length] ?? '')).join('');
      const output = redact(text, secrets);
      for (const value of secrets) {
        assert.not.ok(output.includes(value), `${JSON.stringify(value)} survived in ${JSON.stringify(output)}`);
        assert.not.ok(output.includes(JSON.stringify(value).slice(1, -1)), `escaped ${JSON.stringify(value)} survived`);
      }
    }),
    { numRuns: 300 },
  );
});

test('a common word is hidden only where it stands as a word; any other value also inside words and numbers', () => {
  assert.is(redact('cluster default; defaults apply', ['default']), `cluster ${redactedMarker}; defaults apply`);
  assert.is(redact('port 54321 and x5432y', ['5432']), `port ${redactedMarker}1 and x${redactedMarker}y`);
  assert.is(redact('name paymentsvc-task', ['paymentsvc']), `name ${redactedMarker}-task`);
});

test('a value an error message cut short with … is hidden from its first 6 characters on', () => {
  const secret = 'gk-9f8e7d6c5b4a39281706f5e4d3c2b1a0-long-enough-to-be-cut-by-a-message';
  assert.is(redact(`Timeout: must be a number, got '${secret.slice(0, 60)}…'`, [secret]), `Timeout: must be a number, got '${redactedMarker}…'`);
  assert.is(redact("got 'gk-9f…'", [secret]), "got 'gk-9f…'");
  assert.is(redact('an ellipsis… alone', [secret]), 'an ellipsis… alone');
});

test('parseRefFile: a syntax error names file, line and column but never shows the line', () => {
  const text = '{\n  "db_password": {"value": "hunter2-s3cr3t, "sensitive": true}\n}';
  try {
    parseRefFile(text, 'infra/terraform_output.json');
    assert.unreachable('parsed');
  } catch (error) {
    assert.instance(error, GitmoxiError);
    const e = error as GitmoxiError;
    assert.is(e.code, 'E_INPUT_REF_TYPE');
    assert.equal([e.location?.file, e.location?.line], ['infra/terraform_output.json', 2]);
    assert.not.match(e.message, 'hunter2');
    assert.match(e.message, /^invalid JSON: .*the line is not shown/);
  }
});

test.run();
