import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { GitmoxiError } from '../errors.js';
import { renderLimits, type RenderLimits } from './jinja/render-limits.js';
import { renderTemplate } from './template.js';

function limitError(source: string, variables: Record<string, unknown> = {}, limits?: RenderLimits): GitmoxiError {
  try {
    renderTemplate(source, variables, 'app_taskdef.json', limits === undefined ? {} : { limits });
  } catch (error) {
    if (error instanceof GitmoxiError) return error;
    throw error;
  }
  throw new Error('expected the template to stop at a limit');
}

const small = (limits: Partial<RenderLimits>): RenderLimits => ({ ...renderLimits, ...limits });

test('range() of 100,000,000 items stops at once, naming the file and line', () => {
  const error = limitError('{\n  "a": [\n{% for i in range(100000000) %}{{ i }},{% endfor %}0]\n}');
  assert.is(error.code, 'E_RENDER_LIMIT');
  assert.is(error.exitCode, 2);
  assert.equal(error.location, { file: 'app_taskdef.json', line: 3, column: 1 });
  assert.match(error.message, 'range() of 100,000,000 items: more than the 100,000 a template may make');
  assert.match(error.hint, 'large range');
});

test('range() up to the limit renders', () => {
  assert.is(renderTemplate('{{ range(100000) | length }}', {}, 'x.json'), '100000');
});

test('nested loops stop at the step budget, at the line of the inner loop', () => {
  const error = limitError('[\n{% for i in range(100000) %}\n  {% for j in range(100000) %}{{ j }}{% endfor %}\n{% endfor %}]');
  assert.is(error.code, 'E_RENDER_LIMIT');
  assert.match(error.message, 'template takes more than 2,000,000 evaluation steps to render');
  assert.is(error.location?.line, 3);
});

test('the step budget counts nodes and loop items, the same on every machine', () => {
  const limits = small({ steps: 5_000 });
  assert.is(renderTemplate('{% for i in range(100) %}{{ i }}{% endfor %}', {}, 'x.json', { limits }).length, 190);
  assert.match(limitError('{% for i in range(1000) %}{{ i }}{% endfor %}', {}, limits).message, 'more than 5,000 evaluation steps');
});

test('printed text over 1 MiB stops rendering', () => {
  const chunk = 'x'.repeat(1000);
  const template = (n: number) => `{% for i in range(${n}) %}{{ chunk }}{% endfor %}`;
  assert.is(renderTemplate(template(1000), { chunk }, 'x.json').length, 1_000_000);
  const error = limitError(template(1100), { chunk });
  assert.is(error.code, 'E_RENDER_LIMIT');
  assert.match(error.message, 'template renders more than 1 MiB of text');
});

test('a string that doubles in a loop stops at 1 MiB', () => {
  const error = limitError('{% set ns = namespace(s="x") %}\n{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}');
  assert.match(error.message, 'template builds a string of more than 1 MiB');
  assert.is(error.location?.line, 2);
});

test('a list that doubles in a loop stops at 100,000 items', () => {
  const error = limitError('{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = ns.l + ns.l %}{% endfor %}');
  assert.match(error.message, 'template builds a list of more than 100,000 items');
});

test('a format wider than any string stops as a limit, not a crash', () => {
  const error = limitError('{{ "%999999999s" % "x" }}');
  assert.is(error.code, 'E_RENDER_LIMIT');
  assert.match(error.message, 'too long');
});

test('a macro that calls itself forever is named, with the line of the call', () => {
  const error = limitError('{% macro f(n) %}\n  {{ f(n + 1) }}\n{% endmacro %}\n{{ f(0) }}');
  assert.is(error.code, 'E_RENDER_LIMIT');
  assert.match(error.message, "macro 'f' calls itself more than 100 deep");
  assert.equal(error.location, { file: 'app_taskdef.json', line: 2, column: 3 });
  assert.match(error.hint, 'stops calling itself');
});

test('macros calling each other forever are named too', () => {
  const error = limitError('{% macro f() %}{{ g() }}{% endmacro %}{% macro g() %}{{ f() }}{% endmacro %}{{ f() }}');
  assert.match(error.message, /macro '[fg]' calls itself more than 100 deep/);
});

test('recursion 100 deep renders', () => {
  const template = '{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{% endif %}.{% endmacro %}{{ f(99) }}';
  assert.is(renderTemplate(template, {}, 'x.json'), '.'.repeat(100));
});

test.run();
