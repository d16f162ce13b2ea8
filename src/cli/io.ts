import type { Redactor } from '../report/redactor.js';

/**
 * The streams and environment a command works with. Commands write through this, never to process.* directly,
 * so e2e tests can run them in-process as well as in a subprocess. stdout and stderr are redacted and cannot
 * start a workflow command (src/report/safe-output.ts).
 */
export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Where a question is answered (rollback's confirmation); absent = this process's stdin. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Every sensitive value of the run: register values here as soon as they are known (docs/security.md). */
  redactor: Redactor;
  /** Prints one of gitmoxi's own GitHub workflow commands (already escaped) on stdout, as a line of its own. */
  workflowCommand(line: string): void;
}

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
