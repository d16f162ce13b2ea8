/**
 * zod issues → the messages gitmoxi prints. zod's own texts ("Invalid input: expected number, received string")
 * name neither the field nor the value; ours always say where (`trafficShiftingConfig.percent`), what was
 * expected and what was found, and suggest the closest key or value when there is one.
 */
import type { z } from 'zod';
import { isGitmoxiIssueParams, type UnknownKeyParams } from './custom-issues.js';
import { suggest } from './did-you-mean.js';
import type { JsonPath } from './json-source.js';

type Issue = z.core.$ZodIssue;

/** One problem in a definition: where (a JSON path into the file) and what, ready to print. */
export interface DescribedIssue {
  path: JsonPath;
  message: string;
  hint?: string;
}

export type DefinitionCheck<T> = { ok: true; data: T } | { ok: false; issues: DescribedIssue[] };

/** Parses `value` with `schema` and describes every issue (zod already collects them all; nothing stops early). */
export function parseDefinition<S extends z.ZodType>(schema: S, value: unknown): DefinitionCheck<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, issues: withoutEchoes(result.error.issues).flatMap((issue) => describeIssue(issue, value)) };
}

/**
 * zod still runs a list's size checks on a value of the wrong type (a string has a length too), so a string
 * where a list belongs would also be told it has too many "characters": only the type is worth saying.
 */
function withoutEchoes(issues: readonly Issue[]): Issue[] {
  const mistyped = new Set(issues.filter((i) => i.code === 'invalid_type').map((i) => JSON.stringify(i.path)));
  return issues.filter((i) => !((i.code === 'too_big' || i.code === 'too_small') && mistyped.has(JSON.stringify(i.path))));
}

/** `a.b[0].c`, with bracketed quotes for keys that are not identifiers (`Tags['team:owner']`). */
export function formatJsonPath(path: JsonPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `['${segment}']`;
  }
  return text;
}

/** The described issues for one zod issue (a union contributes the issues of its closest branch). */
function describeIssue(issue: Issue, root: unknown): DescribedIssue[] {
  const path = toJsonPath(issue.path);
  if (issue.code === 'invalid_union' && issue.discriminator === undefined) return describeUnion(issue, path, root);
  if (issue.code === 'invalid_key' || issue.code === 'invalid_element') {
    return issue.issues.flatMap((inner) => describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, root));
  }
  const found = valueAt(root, path);
  const described = describeAt(issue, path, found);
  const where = formatJsonPath(path);
  const message = where === '' ? rootMessage(described.text) : `${where}: ${described.text}`;
  return [described.hint === undefined ? { path, message } : { path, message, hint: described.hint }];
}

interface Text {
  text: string;
  hint?: string;
}

function describeAt(issue: Issue, path: JsonPath, found: Found): Text {
  const got = found.present ? `, got ${formatValue(found.value)}` : '';
  switch (issue.code) {
    case 'invalid_type':
      if (!found.present) return { text: 'is required' };
      if (issue.expected === 'int' && typeof found.value === 'number') return { text: `must be a whole number${got}` };
      if (issue.expected === 'array' && typeof found.value === 'string' && found.value.trimStart().startsWith('[')) {
        // `"subnets": "{{ subnets }}"` renders Python's repr of the list, quoted: GitMoxi templates write `| tojson`.
        return { text: `must be a list, not the text of one${got}`, hint: 'Render a list with tojson and without quotes: "subnets": {{ subnets | tojson }}.' };
      }
      return { text: `must be ${expectedName(issue.expected)}${got}` };
    case 'too_small':
      return { text: describeBound('small', issue.origin, Number(issue.minimum), issue.inclusive !== false, found) };
    case 'too_big':
      return { text: describeBound('big', issue.origin, Number(issue.maximum), issue.inclusive !== false, found) };
    case 'invalid_value':
      return { text: describeChoice(issue.values, found) };
    case 'invalid_union':
      return { text: describeChoice('options' in issue ? (issue.options ?? []) : [], found) };
    case 'unrecognized_keys':
      return { text: `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => `'${k}'`).join(', ')}` };
    case 'invalid_format':
      return { text: `must be a valid ${issue.format}${got}` };
    case 'not_multiple_of':
      return { text: `must be a multiple of ${issue.divisor}${got}` };
    case 'custom':
      return describeCustom(issue, path, got);
    case 'invalid_key':
    case 'invalid_element':
      return { text: issue.message };
    default:
      return assertNever(issue);
  }
}

function describeCustom(issue: z.core.$ZodIssueCustom, path: JsonPath, got: string): Text {
  const params: unknown = issue.params;
  if (!isGitmoxiIssueParams(params)) return { text: issue.message };
  switch (params.rule) {
    case 'unknown-key':
      return describeUnknownKey(String(path[path.length - 1] ?? ''), params);
    case 'range':
      return { text: `must be between ${params.min} and ${params.max}${got}` };
    case 'expectation':
      return { text: `must be ${params.expected}${got}` };
    case 'duration':
      return {
        text: `must be at most ${params.max} seconds (${params.max / 3600} h)${got}`,
        hint: 'Intervals and timeouts are in seconds: was this written in milliseconds?',
      };
    default:
      return assertNever(params);
  }
}

function describeUnknownKey(key: string, params: UnknownKeyParams): Text {
  const explanation = params.explanations[key];
  if (explanation !== undefined) return { text: `unknown key '${key}'`, hint: explanation };
  const close = suggest(key, params.candidates);
  return { text: `unknown key '${key}'${close === undefined ? '' : ` (did you mean '${close}'?)`}`, hint: allowedKeysHint(params) };
}

/** Every unknown key says what is allowed instead, even when no candidate is close. */
function allowedKeysHint(params: UnknownKeyParams): string {
  const older = new Set(params.older ?? []);
  const keys = params.candidates.filter((k) => !older.has(k));
  // An AWS structure has dozens of members: the API reference lists them better than a message can.
  if (params.owner === 'aws') return 'Allowed here: the members of this AWS API structure, as the AWS API reference lists them.';
  const legacy = older.size > 0 ? '; older GitMoxi spellings are listed in docs/legacy-keys.md' : '';
  return keys.length === 0 ? 'This object takes no keys.' : `Allowed here: ${keys.join(', ')}${legacy}.`;
}

function describeBound(side: 'small' | 'big', origin: string, bound: number, inclusive: boolean, found: Found): string {
  const value = found.present ? found.value : undefined;
  if (origin === 'array' || origin === 'set' || origin === 'string') {
    const unit = origin === 'string' ? 'character' : 'item';
    const size = Array.isArray(value) || typeof value === 'string' ? value.length : undefined;
    if (side === 'small' && bound === 1 && inclusive) return 'must not be empty';
    const limit = side === 'small' ? 'at least' : 'at most';
    return `must have ${limit} ${bound} ${unit}${bound === 1 ? '' : 's'}${size === undefined ? '' : `, got ${size}`}`;
  }
  const got = found.present ? `, got ${formatValue(value)}` : '';
  if (side === 'small') return `${inclusive ? 'must be at least' : 'must be greater than'} ${bound}${got}`;
  return `${inclusive ? 'must be at most' : 'must be less than'} ${bound}${got}`;
}

function describeChoice(values: readonly unknown[], found: Found): string {
  const choices = values.map(formatValue);
  const expectation = choices.length === 1 ? `must be ${choices[0]}` : `must be one of ${choices.join(', ')}`;
  if (!found.present) return `is required (${expectation.replace(/^must be /, '')})`;
  const words = values.filter((v): v is string => typeof v === 'string');
  const close = typeof found.value === 'string' ? suggest(found.value, words) : undefined;
  return `${expectation}, got ${formatValue(found.value)}${close === undefined ? '' : ` (did you mean '${close}'?)`}`;
}

/** A plain union (`string | number`): one message when every branch only disagrees on the type, else the closest branch. */
function describeUnion(issue: Extract<Issue, { code: 'invalid_union' }>, path: JsonPath, root: unknown): DescribedIssue[] {
  const branches = issue.errors;
  const typeOnly = branches.every((b) => b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0);
  const found = valueAt(root, path);
  if (typeOnly || branches.length === 0) {
    const names = branches.flatMap((b) => (b[0]?.code === 'invalid_type' ? [expectedName(b[0].expected)] : []));
    const text = found.present ? `must be ${names.join(' or ')}, got ${formatValue(found.value)}` : 'is required';
    const where = formatJsonPath(path);
    return [{ path, message: where === '' ? rootMessage(text) : `${where}: ${text}` }];
  }
  const closest = [...branches].sort((a, b) => a.length - b.length)[0] ?? [];
  return closest.flatMap((inner) => describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, root));
}

function rootMessage(text: string): string {
  return text.startsWith('must be') ? `the file ${text.replace(/^must be/, 'must contain')}` : text;
}

function expectedName(expected: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    object: 'an object',
    record: 'an object',
    array: 'a list',
    tuple: 'a list',
    null: 'null',
  };
  return names[expected] ?? expected;
}

/** How a value from the file is quoted in messages: strings in quotes, lists and objects by kind. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 60)}…` : value}'`;
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

type Found = { present: true; value: unknown } | { present: false };

function valueAt(root: unknown, path: JsonPath): Found {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof segment === 'number' && Array.isArray(current) && segment < current.length) current = current[segment];
    else if (typeof segment === 'string' && isRecord(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return { present: false };
  }
  return { present: true, value: current };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toJsonPath(path: readonly PropertyKey[]): JsonPath {
  return path.flatMap((segment) => (typeof segment === 'symbol' ? [] : [segment]));
}

function assertNever(value: never): never {
  throw new Error(`unhandled issue ${JSON.stringify(value)}`);
}
