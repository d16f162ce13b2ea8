/**
 * Renders a definition file as Python's Jinja2 does for GitMoxi (`Environment(undefined=StrictUndefined)`),
 * so repositories written for the GitMoxi controller render byte for byte the same. This is the one module
 * that loads the engine (@huggingface/jinja); ./jinja/ holds the glue that gives it Jinja2's semantics, and
 * docs/templates.md explains the choice and lists what differs.
 */
import { Environment, Interpreter, parse, tokenize } from '@huggingface/jinja';
import { excerpt } from '../defs/json-source.js';
import { GitmoxiError, type ErrorCode } from '../errors.js';
import { compileTemplate, TemplateSyntaxError, type CompiledTemplate } from './jinja/compile-template.js';
import type { Engine, Value } from './jinja/engine-types.js';
import { checkRangeSize, RenderBudget, RenderLimitError, renderLimitHints, renderLimits, type RenderLimits } from './jinja/render-limits.js';
import { createInterpreterClass } from './jinja/template-interpreter.js';
import { UndefinedNameError } from './jinja/undefined-values.js';
import { dropTrailingNewline, hasTags, normaliseNewlines } from './jinja/template-source.js';
import { isWholeFloat } from './template-json.js';
import { createValueFactory, isMapping, isNumber, numberOf, pythonType, type ValueFactory } from './jinja/values.js';

const engine: Engine = { Environment, Interpreter, parse, tokenize };
const values = createValueFactory(engine);
const TemplateInterpreter = createInterpreterClass(engine, values);
const globals = createGlobals(values);

export interface TemplateOptions {
  /** What rendering may cost (./jinja/render-limits.ts); tests pass small ones. */
  limits?: RenderLimits;
}

/**
 * Renders `source` (the text of `file`) with `variables`. Throws GitmoxiError E_RENDER_SYNTAX,
 * E_RENDER_UNDEFINED (the message names the variable), E_RENDER_LIMIT or E_RENDER_FAILED, located at the
 * tag's line.
 */
export function renderTemplate(source: string, variables: Record<string, unknown>, file: string, options: TemplateOptions = {}): string {
  const text = normaliseNewlines(source);
  // Most definition files hold no tag at all: skip the engine (8,000 plain files must stay fast).
  if (!hasTags(text)) return dropTrailingNewline(text);
  const compiled = compile(text, file);
  const environment = new engine.Environment(globals);
  for (const [name, value] of Object.entries(variables)) environment.setVariable(name, values.fromJs(value, isWholeFloat(variables, name)));
  const interpreter = new TemplateInterpreter(environment, compiled, new RenderBudget(options.limits ?? renderLimits));
  try {
    return String(interpreter.run(compiled.program).value);
  } catch (error) {
    throw renderError(error, text, file, interpreter.line, interpreter.column);
  }
}

// A plan renders each template at two commits, mostly unchanged: reuse the compiled tree (the interpreter
// never mutates it). Bounded, oldest evicted first.
const compiledCache = new Map<string, CompiledTemplate>();
const compiledCacheSize = 256;

function compile(text: string, file: string): CompiledTemplate {
  const cached = compiledCache.get(text);
  if (cached !== undefined) return cached;
  try {
    const compiled = compileTemplate(engine, text);
    if (compiledCache.size >= compiledCacheSize) compiledCache.delete(compiledCache.keys().next().value ?? '');
    compiledCache.set(text, compiled);
    return compiled;
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    throw located('E_RENDER_SYNTAX', `template syntax error: ${error.message}`, { text, file, line: error.line, column: error.column }, error);
  }
}

function renderError(error: unknown, text: string, file: string, line: number, column: number): GitmoxiError {
  if (error instanceof UndefinedNameError) {
    const at = columnOfName(text, line, column, error.expression);
    return located('E_RENDER_UNDEFINED', error.message, { text, file, line, column: at }, error);
  }
  const limit = limitReached(error);
  if (limit !== undefined) {
    return located('E_RENDER_LIMIT', limit.message, { text, file, line, column, hint: renderLimitHints[limit.limit] }, error);
  }
  const message = error instanceof Error ? error.message : String(error);
  return located('E_RENDER_FAILED', `template error: ${message}`, { text, file, line, column }, error);
}

/**
 * The budget's own error, or what V8 throws when a template outgrows its resources between two checks of the
 * budget: the stack (expressions nested deeper than macros count) or the longest string V8 can hold (one
 * oversized `%` format).
 */
function limitReached(error: unknown): RenderLimitError | undefined {
  if (error instanceof RenderLimitError) return error;
  if (!(error instanceof RangeError)) return undefined;
  if (/call stack/i.test(error.message)) return new RenderLimitError('template calls macros too deep for the interpreter', 'macroDepth');
  if (/string length/i.test(error.message)) return new RenderLimitError('template builds a string too long to hold', 'textChars');
  return undefined;
}

/** Where a render error is: the template text and file, and the tag's line and column when known (0 = unknown). */
interface ErrorSite {
  text: string;
  file: string;
  line: number | undefined;
  column: number | undefined;
  /** Instead of the catalogue's hint for the code. */
  hint?: string;
}

/** The error, located, with the offending line shown under the message as parse errors show it. */
function located(code: ErrorCode, message: string, site: ErrorSite, cause: unknown): GitmoxiError {
  const { text, file, line, column } = site;
  const hint = site.hint === undefined ? {} : { hint: site.hint };
  if (line === undefined || line === 0) return new GitmoxiError(code, message, { location: { file }, cause, ...hint });
  const location = column === undefined || column === 0 ? { file, line } : { file, line, column };
  return new GitmoxiError(code, `${message}\n${excerpt(text, line, column ?? 1)}`, { location, cause, ...hint });
}

/** Points the caret at the undefined name inside its tag when it can be found there, else at the tag. */
function columnOfName(text: string, line: number, tagColumn: number, expression: string): number {
  const content = text.split('\n')[line - 1] ?? '';
  const lastName = /([A-Za-z_][A-Za-z0-9_]*)\W*$/.exec(expression)?.[1];
  if (lastName === undefined) return tagColumn;
  const found = new RegExp(`\\b${lastName}\\b`).exec(content.slice(Math.max(0, tagColumn - 1)));
  return found === null ? tagColumn : tagColumn + found.index;
}

/** Jinja2's globals that GitMoxi templates may use: the constants, range() and dict(); namespace() is built in. */
function createGlobals(factory: ValueFactory) {
  const environment = new engine.Environment();
  for (const [name, value] of [
    ['true', true],
    ['false', false],
    ['none', null],
    ['True', true],
    ['False', false],
    ['None', null],
  ] as const) {
    environment.setVariable(name, factory.fromJs(value));
  }
  environment.setVariable(
    'range',
    factory.func((args) => factory.list(pythonRange(args).map((n) => factory.int(n)))),
  );
  environment.setVariable(
    'dict',
    factory.func((args) => factory.dict(dictEntries(args))),
  );
  return environment;
}

function pythonRange(args: Value[]): number[] {
  const numbers = args.map((arg) => {
    if (!isNumber(arg) || arg.type === 'FloatValue') throw new TypeError(`'${pythonType(arg)}' object cannot be interpreted as an integer`);
    return numberOf(arg);
  });
  const [start, stop, step] = numbers.length === 1 ? [0, numbers[0] ?? 0, 1] : [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 1];
  if (step === 0) throw new Error('range() arg 3 must not be zero');
  checkRangeSize(start, stop, step);
  const result: number[] = [];
  for (let n = start; step > 0 ? n < stop : n > stop; n += step) result.push(n);
  return result;
}

/** dict(mapping) and dict(key=value, …): the engine passes keyword arguments as one trailing mapping. */
function dictEntries(args: Value[]): Map<string, Value> {
  const entries = new Map<string, Value>();
  for (const arg of args) {
    if (!isMapping(arg)) throw new TypeError(`'${pythonType(arg)}' object is not iterable as dict items`);
    for (const [key, value] of arg.value) entries.set(key, value);
  }
  return entries;
}
