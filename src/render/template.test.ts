import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseJsonSource } from '../defs/json-source.js';
import { GitmoxiError, type ErrorCode } from '../errors.js';
import { templateValueOf } from './template-json.js';
import { renderTemplate } from './template.js';

// Golden files made by real Python Jinja2 (test/golden/make-jinja-golden.py, run by hand).
const goldenDir = new URL('../../test/golden/jinja/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, goldenDir), 'utf8');
const cases = readdirSync(goldenDir)
  .filter((name) => name.endsWith('.j2'))
  .map((name) => name.slice(0, -'.j2'.length))
  .sort();

/** Variables as the GitMoxi controller reads them: JSON through Python's json module (floats stay floats). */
function variablesOf(name: string): Record<string, unknown> {
  const file = `${name}.vars.json`;
  if (!existsSync(new URL(file, goldenDir))) return {};
  return templateValueOf(parseJsonSource(read(file), file)) as Record<string, unknown>;
}

function renderError(run: () => unknown): GitmoxiError {
  try {
    run();
  } catch (error) {
    if (error instanceof GitmoxiError) return error;
    throw error;
  }
  throw new Error('expected a GitmoxiError');
}

// Differences from Jinja2 that are documented in docs/templates.md, with what gitmoxi does instead.
const knownDifferences: Record<string, ErrorCode> = {
  'literal-exponent': 'E_RENDER_SYNTAX',
};

// What each golden error case must raise: the code and, for undefined names, the name the message gives.
const expectedErrors: Record<string, { code: ErrorCode; name?: string }> = {
  'error-runtime-divzero': { code: 'E_RENDER_FAILED' },
  'error-runtime-not-iterable': { code: 'E_RENDER_FAILED' },
  'error-runtime-type': { code: 'E_RENDER_FAILED' },
  'error-syntax-endfor': { code: 'E_RENDER_SYNTAX' },
  'error-syntax-line1': { code: 'E_RENDER_SYNTAX' },
  'error-syntax-unclosed': { code: 'E_RENDER_SYNTAX' },
  'error-syntax-unknown-tag': { code: 'E_RENDER_SYNTAX' },
  'error-unknown-filter': { code: 'E_RENDER_SYNTAX' },
  'error-undefined-attr': { code: 'E_RENDER_UNDEFINED', name: 'Stack.Missing' },
  'error-undefined-concat': { code: 'E_RENDER_UNDEFINED', name: 'nope' },
  'error-undefined-elif': { code: 'E_RENDER_UNDEFINED', name: 'nope' },
  'error-undefined-fallback': { code: 'E_RENDER_UNDEFINED', name: 'also_nope' },
  // Jinja2 fails inside json.dumps with a TypeError here; naming the variable is more useful.
  'error-undefined-in-filter': { code: 'E_RENDER_UNDEFINED', name: 'nope' },
  'error-undefined-in-for': { code: 'E_RENDER_UNDEFINED', name: 's.name' },
  'error-undefined-in-if': { code: 'E_RENDER_UNDEFINED', name: 'flag' },
  'error-undefined-key': { code: 'E_RENDER_UNDEFINED', name: "m['nope']" },
  'error-undefined-line1': { code: 'E_RENDER_UNDEFINED', name: 'missing' },
  'error-undefined-macro-arg': { code: 'E_RENDER_UNDEFINED', name: 'a' },
  'error-undefined-nested': { code: 'E_RENDER_UNDEFINED', name: 'a.b.c' },
  'error-undefined-second-iteration': { code: 'E_RENDER_UNDEFINED', name: 's.port' },
  'error-undefined-var': { code: 'E_RENDER_UNDEFINED', name: 'image_tag' },
};

test('the golden set is large enough to mean something', () => {
  assert.ok(cases.length >= 30, `${cases.length} cases`);
  for (const name of cases) {
    assert.ok(existsSync(new URL(`${name}.out`, goldenDir)) !== existsSync(new URL(`${name}.err`, goldenDir)), `${name}: one of .out/.err`);
  }
});

for (const name of cases.filter((c) => existsSync(new URL(`${c}.out`, goldenDir)) && !(c in knownDifferences))) {
  test(`golden ${name}: renders exactly as Jinja2`, () => {
    assert.is(renderTemplate(read(`${name}.j2`), variablesOf(name), `${name}.j2`), read(`${name}.out`));
  });
}

for (const name of cases.filter((c) => existsSync(new URL(`${c}.err`, goldenDir)))) {
  test(`golden ${name}: fails where Jinja2 fails, at the same line`, () => {
    const jinja2 = JSON.parse(read(`${name}.err`)) as { line: number };
    const expected = expectedErrors[name];
    assert.ok(expected, `add ${name} to expectedErrors`);
    const error = renderError(() => renderTemplate(read(`${name}.j2`), variablesOf(name), `defs/${name}.j2`));
    assert.is(error.code, expected?.code);
    assert.is(error.location?.file, `defs/${name}.j2`);
    assert.is(error.location?.line, jinja2.line);
    if (expected?.name !== undefined) assert.ok(error.message.startsWith(`undefined variable '${expected.name}'`), error.message);
  });
}

for (const [name, code] of Object.entries(knownDifferences)) {
  test(`known difference ${name}: documented behaviour`, () => {
    assert.is(renderError(() => renderTemplate(read(`${name}.j2`), {}, name)).code, code);
  });
}

test('a file without tags skips the engine but keeps Jinja2 newline handling', () => {
  assert.is(renderTemplate('{\n  "a": 1\n}\n', {}, 'f'), '{\n  "a": 1\n}');
  assert.is(renderTemplate('{"a": "x"}\r\n\r\n', {}, 'f'), '{"a": "x"}\n');
  // biome-ignore lint/suspicious/noTemplateCurlyInString: `${x}` is text that Jinja must leave alone.
  assert.is(renderTemplate('{"price": "${x}", "braces": "{ }"}', {}, 'f'), '{"price": "${x}", "braces": "{ }"}');
});

test('undefined variable: code, file, line, column and an excerpt', () => {
  const error = renderError(() => renderTemplate('{\n  "image": "nginx:{{ image_tag }}"\n}\n', {}, 'apps/web/web_taskdef.json'));
  assert.is(error.code, 'E_RENDER_UNDEFINED');
  assert.equal(error.location, { file: 'apps/web/web_taskdef.json', line: 2, column: 22 });
  assert.is(error.message.split('\n')[0], "undefined variable 'image_tag'");
  assert.match(error.message, /2 \| {3}"image": "nginx:\{\{ image_tag \}\}"\n\s+\^/);
});

test('an undefined attribute of a defined object is an error, naming the path', () => {
  const vars = { NetworkStack: { VpcId: 'vpc-1' } };
  const error = renderError(() => renderTemplate('{"vpc": "{{ NetworkStack.VpcId }}", "sg": "{{ NetworkStack.SecurityGroup }}"}', vars, 'f'));
  assert.is(error.code, 'E_RENDER_UNDEFINED');
  assert.ok(error.message.startsWith("undefined variable 'NetworkStack.SecurityGroup'"));
  assert.is(error.location?.line, 1);
});

test('an out-of-range index is undefined too', () => {
  const error = renderError(() => renderTemplate('{{ subnets[3] }}', { subnets: ['a'] }, 'f'));
  assert.ok(error.message.startsWith("undefined variable 'subnets[3]'"));
});

test('is defined and default let undefined names through; printing the fallback name still fails', () => {
  const template = '{% if tag is defined %}{{ tag }}{% else %}latest{% endif %} {{ region | default("us-east-1") }}';
  assert.is(renderTemplate(template, {}, 'f'), 'latest us-east-1');
  assert.is(renderTemplate(template, { tag: 'v2', region: 'eu-west-1' }, 'f'), 'v2 eu-west-1');
  const error = renderError(() => renderTemplate('{{ a | default(b) }}', {}, 'f'));
  assert.ok(error.message.startsWith("undefined variable 'b'"));
});

test('syntax errors give line and the column of the tag', () => {
  const error = renderError(() => renderTemplate('{\n  "a": 1,\n  "b": {{ x | }}\n}', { x: 1 }, 'f.json'));
  assert.is(error.code, 'E_RENDER_SYNTAX');
  assert.is(error.location?.line, 3);
  assert.is(error.location?.column, 8);
  assert.match(error.message, /^template syntax error: /);
});

test('an unknown filter is refused even in a branch that never runs, as Jinja2 does at compile time', () => {
  const error = renderError(() => renderTemplate('{% if false %}\n{{ x | tojsn }}\n{% endif %}', {}, 'f'));
  assert.is(error.code, 'E_RENDER_SYNTAX');
  assert.is(error.location?.line, 2);
  assert.match(error.message, /no filter named 'tojsn'/);
  assert.match(renderError(() => renderTemplate('{{ x | wordcount }}', { x: 'a b' }, 'f')).message, /not supported by gitmoxi/);
});

test('raw blocks render literally and keep the lines after them right', () => {
  assert.is(renderTemplate('a {%- raw -%}\n  {{ x }} {% if %}\n  {%- endraw %} b', {}, 'f'), 'a{{ x }} {% if %} b');
  const error = renderError(() => renderTemplate('{% raw -%}\n\n{{ x }}\n{%- endraw %}\n{{ missing }}', {}, 'f'));
  assert.is(error.location?.line, 5);
});

test('the engine-only generation tag is refused, as Jinja2 refuses it', () => {
  assert.is(renderError(() => renderTemplate('a\n{% generation %}x{% endgeneration %}', {}, 'f')).location?.line, 2);
});

test('tags Jinja2 does not know by default are refused', () => {
  assert.is(renderError(() => renderTemplate('{% for x in l %}{% break %}{% endfor %}', { l: [1] }, 'f')).code, 'E_RENDER_SYNTAX');
  assert.is(renderError(() => renderTemplate('{% with a = 1 %}{{ a }}{% endwith %}', {}, 'f')).code, 'E_RENDER_SYNTAX');
});

test('floats written 1.0 and integer-like keys keep their Python form through the input JSON', () => {
  const vars = templateValueOf(parseJsonSource('{"cpu": 1.0, "ports": {"8080": "alt", "80": "http"}}', 'in.json')) as Record<string, unknown>;
  assert.is(renderTemplate('{{ cpu }} {{ ports }} {% for p in ports %}{{ p }} {% endfor %}', vars, 'f'), "1.0 {'8080': 'alt', '80': 'http'} 8080 80 ");
  assert.is(renderTemplate('{{ cpu }}', { cpu: 1 }, 'f'), '1');
});

test('a compiled template is reused with other variables', () => {
  const template = '{"image": "{{ image }}"}';
  assert.is(renderTemplate(template, { image: 'a' }, 'f'), '{"image": "a"}');
  assert.is(renderTemplate(template, { image: 'b' }, 'f'), '{"image": "b"}');
});

test('range, dict and namespace are available as in Jinja2; variables may shadow globals', () => {
  assert.is(renderTemplate('{{ range(3) | list }} {{ dict(a=1) }} {% set ns = namespace(n=1) %}{{ ns.n }}', {}, 'f'), "[0, 1, 2] {'a': 1} 1");
  assert.is(renderTemplate('{{ range }}', { range: '10.0.0.0/16' }, 'f'), '10.0.0.0/16');
});

test.run();
