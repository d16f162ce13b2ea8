/**
 * Hides sensitive values (docs/security.md: values of sensitive Terraform outputs) in anything gitmoxi prints:
 * plans, diffs, rendered files, logs. A value is looked for as written and in the escaped forms rendering
 * produces: JSON (`"{{ password }}"` re-serialised, a `"` becomes `\"`), Jinja2's `tojson` (also `\u0027`,
 * `\u003c`, `\u00e9`) and Python's repr (`{{ list }}` prints `['…']`).
 *
 * Where a value may match, so that a short or common value does not turn every line into "(sensitive)":
 * - 1 to 3 characters: only where it stands alone (not next to a letter, digit or `_`); replacing every "on" or
 *   "42" inside unrelated words and numbers would make a plan unreadable while hiding little;
 * - a common word (`default`, `production`, `latest`: commonWords below): as a whole word, not inside a longer
 *   one, so that a sensitive cluster named "default" does not hide "defaults" in every hint;
 * - anything else: wherever it occurs, also inside longer words and numbers.
 * A value cut short by an error message (`'gk-9f8e…'`) is hidden too when at least 6 of its first characters
 * stand before the `…`. Empty values are ignored.
 */
import { GitmoxiError } from '../errors.js';
import { parseJsonSource, type JsonSource } from '../defs/json-source.js';
import { jinjaJsonString } from './jinja/jinja-tojson.js';
import { pythonStringRepr } from './jinja/python-str.js';

export const redactedMarker = '(sensitive)';

/** Below this length a value is replaced only as a whole token. */
const shortValueLength = 4;

/** The shortest beginning of a value that is hidden where a message cut the value off with `…`. */
const truncatedPrefixLength = 6;

export function redact(text: string, sensitiveValues: readonly string[]): string {
  return sensitiveMatcher(sensitiveValues)(text);
}

/**
 * A function that hides `values` (and their escaped forms) in a text; build it once for many texts. `encoders`
 * add forms a value takes in some output (a workflow command's percent-encoding).
 */
export function sensitiveMatcher(values: readonly string[], encoders: readonly ((value: string) => string)[] = []): (text: string) => string {
  const forms = new Set<string>();
  const raw = values.filter((value) => value !== '');
  for (const value of raw) {
    for (const form of escapedForms(value)) forms.add(form);
    for (const encode of encoders) forms.add(encode(value));
  }
  if (forms.size === 0) return (text) => text;
  // One pass, longest first: a replaced value can never be matched again, and the longest match wins.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(pattern);
  const regex = new RegExp(alternatives.join('|'), 'gu');
  const prefixes = [...forms].filter((form) => Array.from(form).length > truncatedPrefixLength);
  return (text) => hideTruncated(text.replace(regex, redactedMarker), prefixes);
}

/**
 * Words gitmoxi, ECS and Lambda print all the time, and names teams give clusters and environments. A value that
 * is one of them is still hidden, but only where it stands as a word of its own.
 */
const commonWords: ReadonlySet<string> = new Set(
  (
    'default service services cluster clusters deploy deployed deploying deployment rolling rollback running pending ' +
    'stopped failed stable latest healthy unhealthy draining primary active inactive enabled disabled true false null ' +
    'none production prod staging stage development test testing main master release unit units task tasks target ' +
    'targets group alarm alarms function alias live version revision image traffic canary linear blue green fargate ' +
    'public private internal external'
  ).split(' '),
);

function escapedForms(value: string): string[] {
  return [value, JSON.stringify(value).slice(1, -1), jinjaJsonString(value).slice(1, -1), pythonStringRepr(value).slice(1, -1)];
}

function pattern(form: string): string {
  const escaped = form.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  if (Array.from(form).length < shortValueLength) return `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`;
  if (commonWords.has(form.toLowerCase())) return `(?<!\\p{L})${escaped}(?!\\p{L})`;
  return escaped;
}

/** `…'` after the first characters of a value: error messages shorten long values, the beginning is still secret. */
function hideTruncated(text: string, prefixes: readonly string[]): string {
  if (prefixes.length === 0 || !text.includes('…')) return text;
  let result = '';
  let from = 0;
  for (let at = text.indexOf('…'); at >= 0; at = text.indexOf('…', at + 1)) {
    const cut = Math.max(0, ...prefixes.map((value) => cutLength(text, from, at, value)));
    result += cut > 0 ? `${text.slice(from, at - cut)}${redactedMarker}` : text.slice(from, at);
    from = at;
  }
  return result + text.slice(from);
}

/** How many characters before `at` are the beginning of `value` (0 when fewer than truncatedPrefixLength). */
function cutLength(text: string, from: number, at: number, value: string): number {
  for (let length = Math.min(value.length - 1, at - from); length >= truncatedPrefixLength; length--) {
    if (text.startsWith(value.slice(0, length), at - length)) return length;
  }
  return 0;
}

/**
 * Parses a ref file (a Terraform output file, a CDK outputs file): like parseJsonSource, but a syntax error never
 * quotes the offending line. A file that does not parse cannot say which of its values are sensitive, and
 * Terraform output files hold exactly those values.
 */
export function parseRefFile(text: string, file: string): JsonSource {
  try {
    return parseJsonSource(text, file, 'E_INPUT_REF_TYPE');
  } catch (error) {
    if (!(error instanceof GitmoxiError)) throw error;
    const [reason = 'invalid JSON'] = error.message.split('\n');
    const options = error.location === undefined ? {} : { location: error.location };
    throw new GitmoxiError(error.code, `${reason} (the line is not shown: a ref file can hold sensitive values)`, options);
  }
}
