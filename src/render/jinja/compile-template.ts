/**
 * Template text → the engine's syntax tree, annotated for the interpreter. The engine keeps no positions, so
 * before parsing a marker comment carrying the line and column is put in front of every tag; the markers end
 * up in the tree where the tags were, and the interpreter reads them as it goes. The annotations record what
 * Jinja2 decides at compile time: which expressions are printed (with str()), where an undefined value may
 * appear (`is defined`, `| default`), and which filters and tests exist.
 */
import type { Engine, Node, Program, Token } from './engine-types.js';
import { checkFilterName } from './python-filters.js';
import { rewriteRawBlocks, scanTags, type ScannedTags, type TagPosition } from './template-source.js';

export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
    readonly column: number | undefined,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

export interface CompiledTemplate {
  program: Program;
  /** Expressions printed by `{{ }}`: their value is shown with Python's str(). */
  outputs: WeakSet<Node>;
  /** The only expressions whose value may be undefined: operands of `is defined` & co and of `default`. */
  undefinedAllowed: WeakSet<Node>;
  /** What `{% for %}` loops over: strings and tuples need converting to something the engine iterates. */
  iterables: WeakSet<Node>;
  /** `{% elif %}` branches: their marker sits at the end of the previous branch, so they carry their line. */
  branchLines: WeakMap<Node, TagPosition>;
}

/** Marker comments start with NUL, which no template comment contains. */
const markerPrefix = '\u0000';

export function isMarker(value: string): boolean {
  return value.charCodeAt(0) === 0;
}

export function markerPosition(value: string): TagPosition {
  const [line = 0, column = 0] = value.slice(1).split(':').map(Number);
  return { start: 0, end: 0, line, column };
}

// Tests that Jinja2's StrictUndefined lets through without raising (they do not touch the value).
const undefinedSafeTests = new Set('defined undefined none boolean false true integer float number string mapping callable'.split(' '));
const statementTypes = new Set(['Set', 'If', 'For', 'Macro', 'CallStatement', 'FilterStatement', 'Break', 'Continue', 'Comment', 'Program', 'StringLiteral']);
const bodyFields = ['body', 'alternate', 'defaultBlock'];

export function compileTemplate(engine: Engine, normalised: string): CompiledTemplate {
  const text = rewriteRawBlocks(normalised);
  rejectEngineOnlyTags(text);
  const scanned = scanTags(text);
  const tokens = tokenize(engine, text, scanned);
  const marked = addMarkers(tokens, scanned.tags);
  const program = parse(engine, marked);
  return annotate(program, new Set(new engine.Environment().tests.keys()));
}

/** The engine strips `{% generation %}` tags (a chat-template extension); Jinja2 refuses them. */
function rejectEngineOnlyTags(text: string): void {
  const match = /\{%-?\s*(?:end)?generation\s*-?%\}/.exec(text);
  if (match) {
    const line = text.slice(0, match.index).split('\n').length;
    throw new TemplateSyntaxError("Encountered unknown tag 'generation'.", line, undefined);
  }
}

function tokenize(engine: Engine, text: string, scanned: ScannedTags): Token[] {
  try {
    return engine.tokenize(text, { lstrip_blocks: false, trim_blocks: false });
  } catch (error) {
    const where = failingTag(engine, text, scanned);
    throw new TemplateSyntaxError(messageOf(error), where?.line, where?.column);
  }
}

/** Lexer errors carry no position: re-lex each tag alone to find the one that fails. */
function failingTag(engine: Engine, text: string, scanned: ScannedTags): TagPosition | undefined {
  if (scanned.unterminatedAt !== null) return scanned.tags.find((tag) => tag.start === scanned.unterminatedAt) ?? positionOf(text, scanned.unterminatedAt);
  return scanned.tags.find((tag) => {
    try {
      engine.tokenize(text.slice(tag.start, tag.end), {});
      return false;
    } catch {
      return true;
    }
  });
}

function positionOf(text: string, offset: number): TagPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { start: offset, end: offset, line, column: offset - before.lastIndexOf('\n') };
}

interface MarkedTokens {
  tokens: Token[];
  /** Position of the tag each token belongs to (undefined before the first tag, or when positions are unknown). */
  positions: (TagPosition | undefined)[];
}

function addMarkers(tokens: Token[], tags: TagPosition[]): MarkedTokens {
  const opens = tokens.filter((token) => token.type === 'OpenStatement' || token.type === 'OpenExpression').length;
  // Should the scan ever disagree with the lexer, render without positions rather than with wrong ones.
  if (opens !== tags.length) return { tokens, positions: [] };
  const marked: Token[] = [];
  const positions: (TagPosition | undefined)[] = [];
  let current: TagPosition | undefined;
  let next = 0;
  for (const token of tokens) {
    if (token.type === 'OpenStatement' || token.type === 'OpenExpression') {
      current = tags[next++];
      marked.push({ type: 'Comment', value: `${markerPrefix}${current?.line ?? 0}:${current?.column ?? 0}` });
      positions.push(current);
    }
    marked.push(token);
    positions.push(current);
  }
  return { tokens: marked, positions };
}

function parse(engine: Engine, marked: MarkedTokens): Program {
  try {
    return engine.parse(marked.tokens);
  } catch (error) {
    // Parse again, watching how far the parser read: that token's tag is where the error is.
    let furthest = 0;
    const watched = new Proxy(marked.tokens, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) furthest = Math.max(furthest, Number(key));
        const member: unknown = Reflect.get(target, key, receiver);
        return member;
      },
    });
    try {
      engine.parse(watched);
    } catch {
      // Same error as above.
    }
    const atEnd = furthest >= marked.tokens.length;
    const where = marked.positions[Math.min(furthest, marked.positions.length - 1)];
    const message = atEnd ? 'unexpected end of template: a block ({% for %}, {% if %}, …) is not closed' : messageOf(error);
    throw new TemplateSyntaxError(message, where?.line, where?.column);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function annotate(program: Program, engineTests: ReadonlySet<string>): CompiledTemplate {
  const compiled: CompiledTemplate = {
    program,
    outputs: new WeakSet(),
    undefinedAllowed: new WeakSet(),
    iterables: new WeakSet(),
    branchLines: new WeakMap(),
  };
  let position: TagPosition | undefined;
  const fail = (message: string): never => {
    throw new TemplateSyntaxError(message, position?.line, position?.column);
  };
  const visitBody = (body: Node[]): void => {
    for (const node of body) {
      if (node.type === 'Comment' && isMarker(node.value)) {
        position = markerPosition(node.value);
        continue;
      }
      if (!statementTypes.has(node.type)) compiled.outputs.add(node);
      visit(node);
    }
  };
  const visit = (node: Node): void => {
    checkNode(node, compiled, engineTests, fail);
    const members = new Map<string, unknown>(Object.entries(node));
    for (const [key, child] of members) if (!bodyFields.includes(key)) visitChild(child);
    for (const key of bodyFields) {
      const body = members.get(key);
      if (Array.isArray(body)) visitBody(body.filter(isNode));
    }
  };
  const visitChild = (child: unknown): void => {
    if (Array.isArray(child)) {
      child.forEach(visitChild);
    } else if (child instanceof Map) {
      for (const [key, value] of child) {
        visitChild(key);
        visitChild(value);
      }
    } else if (isNode(child)) {
      visit(child);
    }
  };
  visitBody(program.body);
  return compiled;
}

/**
 * Syntax nodes are objects with a string `type`. The operator tokens inside them pass too; they have no children
 * and no type checkNode acts on, so visiting them does nothing.
 */
function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string';
}

function checkNode(node: Node, compiled: CompiledTemplate, engineTests: ReadonlySet<string>, fail: (message: string) => never): void {
  if (node.type === 'FilterExpression') {
    const filter = node;
    const name = filterName(filter.filter);
    const problem = checkFilterName(name);
    if (problem !== null) fail(problem);
    if (name === 'default' || name === 'd') {
      // Jinja2 evaluates the fallback eagerly but only fails if an undefined one is used: `a | default(b)` is fine while `a` exists.
      compiled.undefinedAllowed.add(filter.operand);
      const args = filter.filter.type === 'CallExpression' ? filter.filter.args : [];
      for (const arg of args) compiled.undefinedAllowed.add(arg.type === 'KeywordArgumentExpression' ? arg.value : arg);
    }
  } else if (node.type === 'TestExpression') {
    const test = node;
    if (!engineTests.has(test.test.value)) fail(`no test named '${test.test.value}' (or not supported by gitmoxi)`);
    if (undefinedSafeTests.has(test.test.value)) compiled.undefinedAllowed.add(test.operand);
  } else if (node.type === 'Break' || node.type === 'Continue') {
    // Jinja2 knows these only with the loopcontrols extension, which GitMoxi does not enable.
    fail(`Encountered unknown tag '${node.type.toLowerCase()}'.`);
  } else if (node.type === 'For') {
    const iterable = node.iterable;
    compiled.iterables.add(iterable.type === 'SelectExpression' ? iterable.lhs : iterable);
  } else if (node.type === 'If') {
    const branch = node;
    const last = branch.body.at(-1);
    const next = branch.alternate[0];
    if (last?.type === 'Comment' && isMarker(last.value) && next?.type === 'If' && branch.alternate.length === 1) {
      compiled.branchLines.set(next, markerPosition(last.value));
    }
  }
}

/** A filter is `name` or `name(args)`. */
export function filterName(filter: Node): string {
  const target = filter.type === 'CallExpression' ? filter.callee : filter;
  return target.type === 'Identifier' ? target.value : '';
}
