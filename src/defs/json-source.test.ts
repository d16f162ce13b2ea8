import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { formatProblem, GitmoxiError } from '../errors.js';
import { parseJsonSource, refuseDuplicateKeys } from './json-source.js';
import { maxJsonDepth } from './json-structure.js';

function thrown(run: () => unknown): GitmoxiError {
  try {
    run();
  } catch (error) {
    if (error instanceof GitmoxiError) return error;
    throw error;
  }
  throw new Error('expected a GitmoxiError');
}

test('a key written twice names both lines, and the value still parses', () => {
  const text = ['{', '  "serviceName": "web",', '  "desiredCount": 2,', '  "serviceName": "web-canary"', '}'].join('\n');
  const source = parseJsonSource(text, 'svc/web_svcdef.json');
  assert.equal(source.duplicateKeys.map(formatProblem), [
    "svc/web_svcdef.json:4:3: key 'serviceName' is written twice in one object, on lines 2 and 4: the second would silently win (Keep one of the two keys: JSON parsers disagree on which one wins.)",
  ]);
  assert.is(source.duplicateKeys[0]?.code, 'E_JSON_DUPLICATE_KEY');
});

test('duplicates are per object; equal keys in sibling objects, in values or escaped differently', () => {
  const siblings = parseJsonSource('{"a": {"x": 1}, "b": {"x": 2}, "c": ["x", "x"], "d": "x"}', 'f.json');
  assert.equal(siblings.duplicateKeys, []);
  const escaped = parseJsonSource('{"name": 1,\n "n\\u0061me": 2}', 'f.json');
  assert.equal(
    escaped.duplicateKeys.map((p) => p.location.line),
    [2],
  );
  const nested = parseJsonSource('{"a": [{"k": 1, "k": 2}], "k": 3}', 'f.json');
  assert.equal(
    nested.duplicateKeys.map((p) => p.message),
    ["key 'k' is written twice in one object, on lines 1 and 1: the second would silently win"],
  );
  const braces = parseJsonSource('{"s": "{\\"k\\": 1, \\"k\\": 2}", "t": "}"}', 'f.json');
  assert.equal(braces.duplicateKeys, []);
});

test('refuseDuplicateKeys throws the first with the others attached', () => {
  const error = thrown(() => refuseDuplicateKeys(parseJsonSource('{"a": 1, "a": 2, "b": 1, "b": 2}', 'infra/out.json')));
  assert.is(error.code, 'E_JSON_DUPLICATE_KEY');
  assert.is(error.location?.file, 'infra/out.json');
  assert.is(error.problems.length, 1);
});

test('100,000 levels of nesting: E_JSON_TOO_DEEP naming file and line, no stack overflow', () => {
  const deep = `{"a":\n${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
  const error = thrown(() => parseJsonSource(deep, 'svc/web_taskdef.json'));
  assert.is(error.code, 'E_JSON_TOO_DEEP');
  assert.equal(error.location, { file: 'svc/web_taskdef.json', line: 2, column: maxJsonDepth });
  assert.match(error.message, `deeper than ${maxJsonDepth} levels`);
});

test('deep and broken JSON is too deep too (the syntax explainer recurses)', () => {
  const error = thrown(() => parseJsonSource('['.repeat(50_000), 'f.json'));
  assert.is(error.code, 'E_JSON_TOO_DEEP');
});

test(`${maxJsonDepth} levels are fine`, () => {
  const source = parseJsonSource(`${'['.repeat(maxJsonDepth)}${']'.repeat(maxJsonDepth)}`, 'f.json');
  assert.ok(Array.isArray(source.value));
});

test.run();
