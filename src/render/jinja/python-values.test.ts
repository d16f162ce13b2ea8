import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { renderTemplate } from '../template.js';
import { parsePythonFloat, parsePythonInt } from './python-numbers.js';
import { pythonFloatRepr, pythonStringRepr } from './python-str.js';
import { pythonReplace } from './python-strings.js';

// Expected values were printed by CPython 3 (repr(), int(s, base), float(s), "%..." % args).

test('repr(float)', () => {
  const cases: [number, string][] = [
    [1.0, '1.0'],
    [0.1, '0.1'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [123456789012345.6, '123456789012345.6'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [-2.5, '-2.5'],
    [1e22, '1e+22'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0.30000000000000004, '0.30000000000000004'],
    [100, '100.0'],
    [-0, '-0.0'],
    [Infinity, 'inf'],
    [NaN, 'nan'],
  ];
  for (const [value, expected] of cases) assert.is(pythonFloatRepr(value), expected, String(value));
});

test('repr(str)', () => {
  const cases: [string, string][] = [
    ['a', "'a'"],
    ["it's", `"it's"`],
    ['say "hi"', `'say "hi"'`],
    [`both ' "`, `'both \\' "'`],
    ['back\\slash', "'back\\\\slash'"],
    ['tab\t nl\n cr\r', "'tab\\t nl\\n cr\\r'"],
    ['\x00\x1f\x7f', "'\\x00\\x1f\\x7f'"],
    ['\x85\xa0 nbsp', "'\\x85\\xa0 nbsp'"],
    ['\u200b zw', "'\\u200b zw'"],
    ['\u2028', "'\\u2028'"],
    ['emoji 😀', "'emoji 😀'"],
    ['café', "'café'"],
    ['\ud7ff', "'\\ud7ff'"],
  ];
  for (const [value, expected] of cases) assert.is(pythonStringRepr(value), expected, JSON.stringify(value));
});

test('int(text, base)', () => {
  const cases: [string, number, number | undefined][] = [
    ['42', 10, 42],
    [' -7 ', 10, -7],
    ['1_000', 10, 1000],
    ['0x1A', 16, 26],
    ['0x1A', 0, 26],
    ['1A', 16, 26],
    ['012', 0, undefined],
    ['0', 0, 0],
    ['0b101', 0, 5],
    ['0o17', 8, 15],
    ['12', 2, undefined],
    ['', 10, undefined],
    ['1__0', 10, undefined],
    ['_1', 10, undefined],
    ['+5', 10, 5],
    ['3.7', 10, undefined],
  ];
  for (const [text, base, expected] of cases) assert.is(parsePythonInt(text, base), expected, `${text} base ${base}`);
});

test('float(text)', () => {
  const cases: [string, number | undefined][] = [
    ['1', 1],
    ['1.5', 1.5],
    [' 2e3 ', 2000],
    ['1_0.5', 10.5],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['abc', undefined],
    ['.5', 0.5],
    ['5.', 5],
    ['1e', undefined],
    ['e5', undefined],
    ['', undefined],
    ['.', undefined],
    ['1__0', undefined],
  ];
  for (const [text, expected] of cases) assert.is(parsePythonFloat(text), expected, text);
  assert.ok(Number.isNaN(parsePythonFloat('nan')));
});

test('str.replace with a count and with an empty needle', () => {
  assert.is(pythonReplace('a:b:c:d', ':', '-', 1), 'a-b:c:d');
  assert.is(pythonReplace('a:b:c:d', ':', '-', -1), 'a-b-c-d');
  assert.is(pythonReplace('aaa', '', '-', -1), '-a-a-a-');
  assert.is(pythonReplace('aaa', '', '-', 2), '-a-aa');
});

test('printf-style formatting through the format filter', () => {
  const cases: [string, string][] = [
    ['"%s-%s" | format("a", 1)', 'a-1'],
    ['"%d" | format(3.9)', '3'],
    ['"%5.2f" | format(3.14159)', ' 3.14'],
    ['"%-6s|" | format("ab")', 'ab    |'],
    ['"%05d" | format(-42)', '-0042'],
    ['"%+d" | format(5)', '+5'],
    ['"%x %X %o %#x" | format(255, 255, 8, 255)', 'ff FF 10 0xff'],
    ['"%e" | format(12345.678)', '1.234568e+04'],
    ['"%g" | format(0.0001234)', '0.0001234'],
    ['"%g" | format(123456789.0)', '1.23457e+08'],
    ['"%.3g" | format(2.5)', '2.5'],
    ['"%10.4e" | format(-0.000123)', '-1.2300e-04'],
    ['"%.0f %.0f %.0f %.1f" | format(0.5, 1.5, 2.5, 0.25)', '0 2 2 0.2'],
    ['"%r" | format("x")', "'x'"],
    ['"%%d" | format()', '%d'],
    ['"%c" | format(65)', 'A'],
    ['"%.2s" | format("abc")', 'ab'],
    ['"%(a)s=%(b)d" | format(a="x", b=2)', 'x=2'],
    ['"%s" | format(true)', 'True'],
    ['"%s" | format(none)', 'None'],
    ['"%i" | format(true)', '1'],
    ['"%g" | format(100000.0)', '100000'],
    ['"%g" | format(1000000.0)', '1e+06'],
    ['"%#g" | format(1.0)', '1.00000'],
    ['"%.2f" | format(1000000000000000000000.0)', '1000000000000000000000.00'],
    ['"%s:%s" % ("repo", "tag")', 'repo:tag'],
    ['"%s" % [1, 2]', '[1, 2]'],
  ];
  for (const [expression, expected] of cases) assert.is(renderTemplate(`{{ ${expression} }}`, {}, 'f'), expected, expression);
});

test('formatting errors are render errors', () => {
  for (const expression of ['"%s %s" | format(1)', '"%s" | format(1, 2)', '"%d" | format("x")']) {
    try {
      renderTemplate(`{{ ${expression} }}`, {}, 'f');
      assert.unreachable(expression);
    } catch (error) {
      assert.is((error as { code?: string }).code, 'E_RENDER_FAILED', expression);
    }
  }
});

test.run();
