import type { ReportOutput } from '../report/output.js';

/**
 * The streams and environment a command works with. Commands write through this, never to process.* directly,
 * so e2e tests can run them in-process as well as in a subprocess. stdout and stderr are redacted and cannot
 * start a workflow command (src/report/safe-output.ts).
 */
export interface CommandIo extends ReportOutput {
  /** Where a question is answered (rollback's confirmation); absent = this process's stdin. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  cwd: string;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

/** A command's io before safeOutput (src/report/safe-output.ts) wraps its streams. */
export type RawIo = Omit<CommandIo, 'redactor' | 'workflowCommand'>;

/** Options every command accepts (docs/design.md#options), after config files and flags are merged. */
export interface GlobalOptions {
  repo: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  json: boolean;
  color: boolean;
  verbose: boolean;
}
