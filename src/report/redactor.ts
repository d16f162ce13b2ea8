/**
 * The one redactor of a gitmoxi run: it knows every sensitive value of the units in play, and every string that
 * leaves gitmoxi (stdout, stderr, the --report file, the step summary, annotations) passes through it. Commands
 * register values as soon as units are rendered, before anything derived from them is printed. See
 * docs/security.md.
 */
import { redactedMarker, sensitiveMatcher } from '../render/redact.js';
import { sensitiveParts } from '../render/sensitive-parts.js';
import { escapeData, escapeProperty } from './github.js';

export interface Redactor {
  /** Registers values never to print, with the pieces of ARNs and image references among them. */
  add(values: readonly string[]): void;
  /** The text with every registered value (in any escaped form it is known to take) replaced by `(sensitive)`. */
  text(text: string): string;
  /**
   * A copy of a JSON-like value with every string redacted and every number that is a registered value replaced
   * by the string `(sensitive)`, so that redacted JSON is still valid JSON.
   */
  value<T>(value: T): T;
  /** Whether `value` (a whole value) is registered. */
  has(value: string): boolean;
  /** How many values are registered: none (most runs), and output passes through untouched. */
  readonly size: number;
}

/** `onAdded` sees each new value once, before any text containing it can be printed (GitHub's `::add-mask::`). */
export function createRedactor(onAdded: (value: string) => void = () => {}): Redactor {
  const values = new Set<string>();
  let matcher: ((text: string) => string) | null = null;
  const text = (input: string): string => {
    if (values.size === 0) return input;
    // Workflow commands percent-encode their data and properties: a value with `%`, `:` or `,` changes there.
    matcher ??= sensitiveMatcher([...values], [escapeData, escapeProperty]);
    return matcher(input);
  };
  const walk = (input: unknown): unknown => {
    if (typeof input === 'string') return text(input);
    if (typeof input === 'number') return values.has(JSON.stringify(input)) ? redactedMarker : input;
    if (Array.isArray(input)) return input.map(walk);
    if (input !== null && typeof input === 'object' && Object.getPrototypeOf(input) === Object.prototype) {
      return Object.fromEntries(Object.entries(input).map(([key, item]) => [text(key), walk(item)]));
    }
    return input;
  };
  return {
    add(added) {
      for (const value of added.flatMap((v) => [v, ...sensitiveParts(v)])) {
        if (value === '' || values.has(value)) continue;
        values.add(value);
        matcher = null;
        onAdded(value);
      }
    },
    text,
    value: <T>(input: T) => (values.size === 0 ? input : (walk(input) as T)),
    has: (value) => values.has(value),
    get size() {
      return values.size;
    },
  };
}

/**
 * A chunk of output: each line that is a JSON document is redacted as data (valid JSON stays valid, numbers
 * included), any other line as text. Lines are what gitmoxi writes, so a value is never split between chunks.
 */
export function redactOutput(redactor: Redactor, chunk: string): string {
  if (redactor.size === 0) return chunk;
  return chunk
    .split('\n')
    .map((line) => {
      const json = parseJsonLine(line);
      if (json === undefined) return redactor.text(line);
      const redacted = redactor.value(json.value);
      const text = JSON.stringify(redacted);
      // Unchanged data keeps its exact text (key order, spacing): only a line that hid something is rewritten.
      return text === JSON.stringify(json.value) ? line : text;
    })
    .join('\n');
}

export function parseJsonLine(line: string): { value: unknown } | undefined {
  const start = line.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return { value };
  } catch {
    return undefined;
  }
}
