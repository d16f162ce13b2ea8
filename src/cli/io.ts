/**
 * The streams and environment a command works with. Commands write through this, never to process.* directly,
 * so e2e tests can run them in-process as well as in a subprocess.
 */
export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

/** Options every command accepts (SPEC §7), after config files and flags are merged. */
export interface GlobalOptions {
  repo: string;
  region?: string;
  profile?: string;
  endpointUrl?: string;
  json: boolean;
  color: boolean;
  verbose: boolean;
}
