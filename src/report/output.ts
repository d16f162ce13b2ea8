/**
 * What renderers and publishers write to: the command's streams, its environment (CI detection), the run's
 * redactor and the channel for gitmoxi's own workflow commands. A command's CommandIo is one; report/ asks for no
 * more, so it does not depend on the CLI.
 */
import type { Redactor } from './redactor.js';

type Stream = NodeJS.WritableStream & { isTTY?: boolean };

/** The process's own streams and environment, before safeOutput (safe-output.ts) wraps them. */
export interface RawOutput {
  stdout: Stream;
  stderr: Stream;
  env: NodeJS.ProcessEnv;
}

export interface ReportOutput extends RawOutput {
  /** Every sensitive value of the run: register values here as soon as they are known (docs/security.md). */
  redactor: Redactor;
  /** Prints one of gitmoxi's own GitHub workflow commands (already escaped) on stdout, as a line of its own. */
  workflowCommand(line: string): void;
}
