/**
 * How an error reaches the user: on stderr, every collected problem as `path:line:col: message (hint)`,
 * then the hint. With --json, the same as one JSON object on stdout so CI can parse it.
 */
import type { ReportOutput } from './output.js';
import { formatLocation, formatProblem, type GitmoxiError } from '../errors.js';
import { recordOf } from '../is-record.js';

export interface ErrorPrintOptions {
  json: boolean;
  verbose: boolean;
  color: boolean;
}

export function printError(error: GitmoxiError, io: ReportOutput, options: ErrorPrintOptions): void {
  io.stderr.write(formatError(error, options.verbose));
  if (options.json) io.stdout.write(`${JSON.stringify(errorJson(error))}\n`);
}

export function formatError(error: GitmoxiError, verbose: boolean): string {
  const lines: string[] = [];
  const where = error.location ? formatLocation(error.location) : '';
  lines.push(`error[${error.code}]: ${where ? `${where}: ` : ''}${error.message}`);
  for (const problem of error.problems) lines.push(`  ${formatProblem(problem)}`);
  lines.push(`hint: ${error.hint}`);
  if (verbose && error.cause instanceof Error) {
    const cause = error.cause;
    const requestId = recordOf(recordOf(cause).$metadata).requestId;
    lines.push(`cause: ${cause.name}: ${cause.message}${typeof requestId === 'string' && requestId !== '' ? ` (request id ${requestId})` : ''}`);
    if (error.code === 'E_INTERNAL' && cause.stack) lines.push(cause.stack);
  }
  return `${lines.join('\n')}\n`;
}

function errorJson(error: GitmoxiError): unknown {
  return {
    schemaVersion: 1,
    error: {
      code: error.code,
      message: error.message,
      hint: error.hint,
      exitCode: error.exitCode,
      location: error.location ?? null,
      problems: error.problems.map((p) => ({ ...p, text: formatProblem(p) })),
    },
  };
}
