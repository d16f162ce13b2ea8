/**
 * The output plumbing every command writes through: stdout and stderr redacted by the run's redactor and unable
 * to start a workflow command, a separate way for gitmoxi's own workflow commands (`::group::`, `::error`), and
 * `::add-mask::` for each sensitive value under GitHub Actions. See docs/security.md.
 */
import { maskCommands, neutraliseCommands } from './github.js';
import type { RawOutput, ReportOutput } from './output.js';
import { createRedactor, parseJsonLine, redactOutput } from './redactor.js';

export interface SafeOutputOptions {
  /**
   * Where `::add-mask::` goes. The runner reads workflow commands from stdout and stderr alike; with --json,
   * stdout carries NDJSON only, so the masks go to stderr.
   */
  maskTo: 'stdout' | 'stderr';
}

/** The raw output (and whatever else the caller keeps beside it) with its streams wrapped. */
export function safeOutput<T extends RawOutput>(raw: T, options: SafeOutputOptions): T & ReportOutput {
  const github = raw.env.GITHUB_ACTIONS === 'true';
  // The mask line is the one place a value is printed: the runner must see it before any line that could hold it.
  const mask = (value: string) => {
    if (github && value.length >= maskableLength) raw[options.maskTo].write(`${maskCommands(value).join('\n')}\n`);
  };
  const redactor = createRedactor(mask);
  const filter = (chunk: string) => neutraliseCommands(redactOutput(redactor, chunk), (line) => parseJsonLine(line) !== undefined);
  const stdout = filteredStream(raw.stdout, filter);
  return {
    ...raw,
    stdout,
    stderr: filteredStream(raw.stderr, filter),
    redactor,
    workflowCommand: (line) => {
      // A command's own line is redacted but not neutralised; its data was escaped when it was formatted.
      raw.stdout.write(`${redactor.text(line)}\n`);
    },
  };
}

/**
 * GitHub masks a registered value wherever it appears in the job's log, later steps included: a 1 to 3 character
 * value would turn every "42" or "on" into `***`. gitmoxi's own redactor still hides those where they stand alone.
 */
const maskableLength = 4;

type WriteCallback = (error?: Error | null) => void;

/**
 * The stream with its `write` filtered; everything else (isTTY, columns, events) is the stream's own, so listr2
 * and readline work on it as on the original. listr2 swaps `write` to hold back other output while it draws:
 * the proxy keeps its own, so nothing bypasses the filter.
 */
function filteredStream<T extends NodeJS.WritableStream>(stream: T, filter: (text: string) => string): T {
  const original = stream.write.bind(stream);
  const write = (chunk: string | Uint8Array, encoding?: BufferEncoding | WriteCallback, callback?: WriteCallback): boolean => {
    const done = typeof encoding === 'function' ? encoding : callback;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
    return original(filter(text), 'utf8', done);
  };
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, property, value) {
      if (property === 'write') return true;
      return Reflect.set(target, property, value, target);
    },
  });
}
