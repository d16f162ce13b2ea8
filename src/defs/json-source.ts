/**
 * JSON parsing that remembers where every value came from, so a problem found later (a schema error, a
 * cross-field rule) can be reported as `file:line:col`. jsonc-parser gives the offsets; comments and trailing
 * commas are refused because AWS's own parsers refuse them.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { errorCatalogue, GitmoxiError, type ErrorCode, type Problem, type SourceLocation } from '../errors.js';
import { maxJsonDepth, scanJsonStructure } from './json-structure.js';

export type JsonPath = readonly (string | number)[];

export interface JsonSource {
  file: string;
  text: string;
  value: unknown;
  /**
   * Keys written twice in one object (E_JSON_DUPLICATE_KEY, naming both lines). They do not stop parsing, so the
   * file's other problems are reported in the same pass; callers decide whether to refuse the file.
   */
  duplicateKeys: Problem[];
  /** Where the value at `path` starts; falls back to the nearest existing parent, then to the file start. */
  locate(path: JsonPath): SourceLocation;
}

/**
 * Parses `text` as strict JSON; throws E_JSON_INVALID (or `code`) with line, column and the offending line, and
 * E_JSON_TOO_DEEP for text nested deeper than maxJsonDepth.
 */
export function parseJsonSource(text: string, file: string, code: ErrorCode = 'E_JSON_INVALID'): JsonSource {
  // The native parser is many times faster (and, unlike jsonc-parser, does not recurse); jsonc-parser runs only
  // to explain an error or to locate a problem, which most documents never need. Both accept exactly strict JSON.
  const structure = scanJsonStructure(text);
  if (structure.tooDeepAt !== undefined) throw tooDeep(text, file, structure.tooDeepAt);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidJson(text, file, code);
  }
  const duplicateKeys = structure.duplicates.map(({ key, first, second }): Problem => {
    const [firstAt, secondAt] = [positionAt(text, first), positionAt(text, second)];
    const message = `key '${key}' is written twice in one object, on lines ${firstAt.line} and ${secondAt.line}: the second would silently win`;
    return { code: 'E_JSON_DUPLICATE_KEY', message, location: { file, ...secondAt }, hint: errorCatalogue.E_JSON_DUPLICATE_KEY.hint };
  });
  let tree: { root: Node | undefined; lineStarts: number[] } | undefined;
  return {
    file,
    text,
    value,
    duplicateKeys,
    locate(path) {
      tree ??= { root: parseTree(text, [], { disallowComments: true }), lineStarts: computeLineStarts(text) };
      let node: Node | undefined;
      const root = tree.root;
      // Locating happens only for text that parsed; an empty tree points at the start.
      for (let depth = path.length; root !== undefined && depth >= 0 && node === undefined; depth--) {
        node = findNode(root, path.slice(0, depth));
      }
      // Point at the key of a property rather than its value: that is where an editor's eye goes.
      const target = node?.parent?.type === 'property' ? node.parent : node;
      return { file, ...positionFromStarts(tree.lineStarts, target?.offset ?? 0) };
    },
  };
}

/**
 * jsonc-parser's findNodeAtLocation, except that of a key written twice the last one is found: that is the one
 * whose value JSON.parse kept, so the one a problem with the value is about.
 */
function findNode(root: Node, path: JsonPath): Node | undefined {
  let node: Node | undefined = root;
  for (const segment of path) {
    if (node === undefined) return undefined;
    if (typeof segment === 'number') {
      node = node.type === 'array' ? node.children?.[segment] : undefined;
    } else if (node.type === 'object') {
      const property: Node | undefined = node.children?.findLast((p) => p.children?.[0]?.value === segment);
      node = property?.children?.[1];
    } else {
      return undefined;
    }
  }
  return node;
}

function tooDeep(text: string, file: string, offset: number): GitmoxiError {
  const message = `nests deeper than ${maxJsonDepth} levels of objects and lists`;
  return new GitmoxiError('E_JSON_TOO_DEEP', message, { location: { file, ...positionAt(text, offset) } });
}

/** Throws the first duplicate key of `source` with the others attached: for files whose other checks need none. */
export function refuseDuplicateKeys(source: JsonSource): void {
  const [first, ...rest] = source.duplicateKeys;
  if (first === undefined) return;
  throw new GitmoxiError(first.code, first.message, { location: first.location, problems: rest });
}

function invalidJson(text: string, file: string, code: ErrorCode): GitmoxiError {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const where = positionAt(text, first?.offset ?? 0);
  const reason = first ? describeParseError(printParseErrorCode(first.error)) : 'not valid JSON';
  return new GitmoxiError(code, `invalid JSON: ${reason}\n${excerpt(text, where.line, where.column)}`, { location: { file, ...where } });
}

/** 1-based line and column of a character offset. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  return positionFromStarts(computeLineStarts(text), offset);
}

/** The offending line with a caret under the column, for error messages. */
export function excerpt(text: string, line: number, column: number): string {
  const content = text.split(/\r?\n/)[line - 1] ?? '';
  const shown = content.length > 200 ? `${content.slice(0, 200)}…` : content;
  const gutter = `${line} | `;
  return `${gutter}${shown}\n${' '.repeat(gutter.length + Math.max(0, Math.min(column, 201) - 1))}^`;
}

/** Offsets at which each line starts, for turning offsets into line and column. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionFromStarts(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected (a trailing comma?)',
    ValueExpected: 'value expected (a trailing comma or an empty template value?)',
    ColonExpected: "':' expected",
    CommaExpected: "',' expected",
    CloseBraceExpected: "'}' expected",
    CloseBracketExpected: "']' expected",
    EndOfFileExpected: 'text after the end of the JSON value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string (control characters must be escaped)',
  };
  return words[code] ?? code;
}
