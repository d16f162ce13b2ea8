import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { z } from 'zod';
import { closedObject } from './custom-issues.js';
import { formatJsonPath, formatValue, parseDefinition } from './describe-issue.js';

function messages(schema: z.ZodType, value: unknown): string[] {
  const result = parseDefinition(schema, value);
  return result.ok ? [] : result.issues.map((issue) => issue.message);
}

const paths: [(string | number)[], string][] = [
  [[], ''],
  [['trafficShiftingConfig', 'percent'], 'trafficShiftingConfig.percent'],
  [['targetGroupArnPairs', 0, 1], 'targetGroupArnPairs[0][1]'],
  [['Tags', 'team:owner'], "Tags['team:owner']"],
  [['containerDefinitions', 0, 'logConfiguration', 'options', 'awslogs-group'], "containerDefinitions[0].logConfiguration.options['awslogs-group']"],
];

for (const [path, expected] of paths) {
  test(`formatJsonPath ${expected || '(root)'}`, () => assert.is(formatJsonPath(path), expected));
}

test('formatValue quotes strings and names lists and objects', () => {
  assert.equal(
    [formatValue('a'), formatValue(3), formatValue(true), formatValue(null), formatValue([]), formatValue({})],
    ["'a'", '3', 'true', 'null', 'a list', 'an object'],
  );
  assert.is(formatValue('x'.repeat(70)), `'${'x'.repeat(60)}…'`);
});

const schema = closedObject({
  name: z.string(),
  count: z.number().int().min(1).optional(),
  size: z.union([z.string(), z.number()]).optional(),
  items: z.array(z.string()).min(1).max(2).optional(),
  mode: z.enum(['ON', 'OFF']).optional(),
});

const cases: [string, unknown, string[]][] = [
  ['a file that is not an object', [], ['the file must contain an object, got a list']],
  ['missing required key', {}, ['name: is required']],
  ['wrong type names the value', { name: 5 }, ['name: must be a string, got 5']],
  ['a string where a number belongs', { name: 'a', count: '2' }, ["count: must be a number, got '2'"]],
  ['fraction for an integer', { name: 'a', count: 1.5 }, ['count: must be a whole number, got 1.5']],
  ['below a minimum', { name: 'a', count: 0 }, ['count: must be at least 1, got 0']],
  ['union of types', { name: 'a', size: true }, ['size: must be a string or a number, got true']],
  ['empty list', { name: 'a', items: [] }, ['items: must not be empty']],
  ['too long a list', { name: 'a', items: ['a', 'b', 'c'] }, ['items: must have at most 2 items, got 3']],
  ['enum with a suggestion', { name: 'a', mode: 'OFFF' }, ["mode: must be one of 'ON', 'OFF', got 'OFFF' (did you mean 'OFF'?)"]],
  ['unknown key with a suggestion', { name: 'a', nmae: 'b' }, ["nmae: unknown key 'nmae' (did you mean 'name'?)"]],
  ['unknown key without one', { name: 'a', zzzzzz: 1 }, ["zzzzzz: unknown key 'zzzzzz'"]],
];

for (const [name, value, expected] of cases) {
  test(`describe: ${name}`, () => assert.equal(messages(schema, value), expected));
}

test('describe: every issue of a value is reported, not only the first', () => {
  assert.equal(messages(schema, { count: 0, mode: 'X', extra: 1 }), [
    'name: is required',
    'count: must be at least 1, got 0',
    "mode: must be one of 'ON', 'OFF', got 'X'",
    "extra: unknown key 'extra'",
  ]);
});

test('describe: a union of objects reports the closest branch', () => {
  const union = z.union([closedObject({ a: z.string() }), closedObject({ b: z.number(), c: z.number() })]);
  assert.equal(messages(z.object({ u: union }), { u: { a: 1 } }), ['u.a: must be a string, got 1']);
});

test.run();
