/**
 * The custom issues gitmoxi's schemas raise, as data rather than text: `describe-issue.ts` turns them into
 * messages, so the wording lives in one place and tests can assert on either.
 */
import { z } from 'zod';

/** An object key that is not part of the schema (nor, for AWS bodies, of the AWS model). */
export interface UnknownKeyParams {
  rule: 'unknown-key';
  candidates: readonly string[];
  /** Keys we know and refuse with a specific explanation (misplaced settings, spellings GitMoxi never deployed). */
  explanations: Readonly<Record<string, string>>;
  /** Candidates accepted but not advertised: GitMoxi's older spellings (docs/legacy-keys.md). */
  older?: readonly string[];
  /** Whose keys these are, for the hint: gitmoxi's own settings, or an AWS API structure passed through. */
  owner: 'gitmoxi' | 'aws';
}

/** A number outside an inclusive range; reported as "must be between min and max". */
interface RangeParams {
  rule: 'range';
  min: number;
  max: number;
}

/** A value of the right type but the wrong form; reported as "must be <expected>, got <value>". */
interface ExpectationParams {
  rule: 'expectation';
  expected: string;
}

/** A number of seconds above `max`; reported with a hint, because the usual cause is milliseconds. */
interface DurationParams {
  rule: 'duration';
  max: number;
}

export type GitmoxiIssueParams = UnknownKeyParams | RangeParams | ExpectationParams | DurationParams;

export function isGitmoxiIssueParams(value: unknown): value is GitmoxiIssueParams {
  if (typeof value !== 'object' || value === null || !('rule' in value)) return false;
  return value.rule === 'unknown-key' || value.rule === 'range' || value.rule === 'expectation' || value.rule === 'duration';
}

/** One day: the longest wait, timeout or interval any setting may ask for. */
const maxDurationSeconds = 86_400;

/**
 * A positive number of seconds, at most `max`. Without the upper bound a waitInterval of 1e12 would plan
 * happily and then hold a deployment (and its lock) for ever.
 */
export function seconds(max: number = maxDurationSeconds) {
  const params: DurationParams = { rule: 'duration', max };
  return z
    .number()
    .positive()
    .check((ctx) => {
      if (ctx.value > max) ctx.issues.push({ code: 'custom', input: ctx.value, params, message: `must be at most ${max} seconds` });
    });
}

/** Accepts any value and raises an unknown-key issue for it: used as the catch-all of closed objects. */
function unknownKeySchema(
  candidates: readonly string[],
  explanations: Readonly<Record<string, string>> = {},
  options: { older?: readonly string[]; owner?: 'gitmoxi' | 'aws' } = {},
) {
  const params: UnknownKeyParams = { rule: 'unknown-key', candidates, explanations, owner: options.owner ?? 'gitmoxi' };
  if (options.older !== undefined) params.older = options.older;
  return z.unknown().check((ctx) => {
    ctx.issues.push({ code: 'custom', input: ctx.value, params, message: 'unknown key' });
  });
}

/** A number in [min, max] (integers only when `integer`), reported as one range rather than two bounds. */
export function numberBetween(min: number, max: number, options: { integer?: boolean } = {}) {
  const params: RangeParams = { rule: 'range', min, max };
  const base = options.integer === true ? z.number().int() : z.number();
  return base.check((ctx) => {
    if (ctx.value < min || ctx.value > max) {
      ctx.issues.push({ code: 'custom', input: ctx.value, params, message: `must be between ${min} and ${max}` });
    }
  });
}

/** A string that must match `pattern`; `expected` completes "must be …" (e.g. "an AWS region such as us-east-1"). */
export function matching(pattern: RegExp, expected: string) {
  const params: ExpectationParams = { rule: 'expectation', expected };
  return z.string().check((ctx) => {
    if (!pattern.test(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, params, message: `must be ${expected}` });
  });
}

/**
 * An object whose unknown keys are errors (with "did you mean"), unlike zod's strictObject, which reports all
 * unknown keys of an object as one issue located at the object: here each key is its own issue, located at the key.
 */
export function closedObject<S extends z.core.$ZodLooseShape>(
  shape: S,
  explanations: Readonly<Record<string, string>> = {},
  options: { older?: readonly (keyof S & string)[] } = {},
): z.ZodObject<S, z.core.$strict> {
  const schema = z.object(shape).catchall(unknownKeySchema(Object.keys(shape), explanations, options));
  // The catch-all never accepts a key, so a parsed value has exactly the shape's keys: the type of a strict object.
  return schema as unknown as z.ZodObject<S, z.core.$strict>;
}

/**
 * An AWS request body (or a structure inside one). The keys in `shape` are checked; the other keys of the AWS
 * model (`modelKeys`) pass through unchecked; any other key is an error with "did you mean".
 *
 * Why unknown keys are errors here: the AWS SDK for JavaScript serialises only the members it models and silently
 * drops the rest, so a misspelt `desiredCont` would be ignored without a word; boto3 (which GitMoxi uses) refuses
 * unknown parameters outright, so a repository that works with GitMoxi has none. `modelKeys` must follow the
 * pinned SDK's model (the union with botocore's): a key the SDK does not know would be dropped just the same.
 */
export function awsObject<S extends z.core.$ZodLooseShape>(
  shape: S,
  modelKeys: readonly string[],
  explanations: Readonly<Record<string, string>> = {},
): z.ZodObject<S, z.core.$loose> {
  const passthrough: Record<string, z.ZodOptional<z.ZodUnknown>> = {};
  for (const key of modelKeys) if (!(key in shape)) passthrough[key] = z.unknown().optional();
  const schema = z.object({ ...passthrough, ...shape }).catchall(unknownKeySchema(modelKeys, explanations, { owner: 'aws' }));
  // Model keys outside `shape` come through as unknown: the type of a loose object over `shape`.
  return schema as unknown as z.ZodObject<S, z.core.$loose>;
}
