/**
 * Hides sensitive values (SPEC §3: values of sensitive Terraform outputs) in anything gitmoxi prints: plans,
 * diffs, rendered files, logs. A value is looked for as written and in the escaped forms rendering produces:
 * JSON (`"{{ password }}"` re-serialised, a `"` becomes `\"`), Jinja2's `tojson` (also `\u0027`, `\u003c`,
 * `\u00e9`) and Python's repr (`{{ list }}` prints `['…']`).
 *
 * Values of 1 to 3 characters are replaced only where they stand alone (not next to a letter, digit or `_`):
 * replacing every "on" or "42" inside unrelated words and numbers would make a plan unreadable while hiding
 * little. Longer values are replaced wherever they occur. Empty values are ignored.
 */
import { jinjaJsonString } from './jinja/jinja-tojson.js';
import { pythonStringRepr } from './jinja/python-str.js';

export const redactedMarker = '(sensitive)';

/** Below this length a value is replaced only as a whole token. */
export const shortValueLength = 4;

export function redact(text: string, sensitiveValues: readonly string[]): string {
  const forms = new Set<string>();
  for (const value of sensitiveValues) {
    if (value === '') continue;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
    forms.add(jinjaJsonString(value).slice(1, -1));
    forms.add(pythonStringRepr(value).slice(1, -1));
  }
  if (forms.size === 0) return text;
  // One pass, longest first: a replaced value can never be matched again, and the longest match wins.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(pattern);
  return text.replace(new RegExp(alternatives.join('|'), 'gu'), redactedMarker);
}

function pattern(form: string): string {
  const escaped = form.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return Array.from(form).length < shortValueLength ? `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])` : escaped;
}
