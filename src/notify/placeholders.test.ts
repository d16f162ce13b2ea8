import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fillTemplate, formatPlaceholders } from './placeholders.js';

const values = { message: 'web deployed abc123', stage: 'success', unit: 'apps/web/web', commit: 'abc123' };

const table: [string, string][] = [
  ['{message}', 'web deployed abc123'],
  ['*{stage}*: {message}', '*success*: web deployed abc123'],
  ['{unit} at {commit}', 'apps/web/web at abc123'],
  // Python's str.format: doubled braces are literal braces.
  ['{{stage}} is {stage}', '{stage} is success'],
  ['{{}}', '{}'],
  // Forgiving where Python raises: unknown names, format specs, conversions and lone braces stay as written.
  ['{channel} {message}', '{channel} web deployed abc123'],
  ['{message:>30}', '{message:>30}'],
  ['{message!r}', '{message!r}'],
  ['{0}', '{0}'],
  ['{ stage }', '{ stage }'],
  ['a { b } c', 'a { b } c'],
  ['{stage', '{stage'],
  ['no placeholders', 'no placeholders'],
  ['{constructor} {toString}', '{constructor} {toString}'],
];

for (const [template, expected] of table) {
  test(`formatPlaceholders: ${JSON.stringify(template)} → ${JSON.stringify(expected)}`, () => {
    assert.is(formatPlaceholders(template, values), expected);
  });
}

test('a replaced value is not formatted again', () => {
  assert.is(formatPlaceholders('{message}', { message: '{stage}', stage: 'start' }), '{stage}');
});

test('fillTemplate: every string value of a Slack template, at any depth; keys, numbers and booleans untouched', () => {
  const template = {
    text: '{stage}: {message}',
    '{stage}': 'key stays',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*{unit}* `{commit}`' } }, 42, true, null],
  };
  assert.equal(fillTemplate(template, values), {
    text: 'success: web deployed abc123',
    '{stage}': 'key stays',
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*apps/web/web* `abc123`' } }, 42, true, null],
  });
  assert.is(template.text, '{stage}: {message}', 'the template itself is not changed');
});

test('fillTemplate: a template that is a bare string is formatted too', () => {
  assert.is(fillTemplate('{stage}', values), 'success');
});

test.run();
