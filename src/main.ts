/**
 * Builds the dependencies, runs the command, maps errors to exit codes. The only place that exits the process.
 */
import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';
import type { CommandIo, RawIo } from './cli/io.js';
import { ExitCode, GitmoxiError } from './errors.js';
import { packageVersion } from './package-root.js';
import { printError } from './report/error-text.js';
import { problemAnnotations } from './report/github.js';
import { safeOutput } from './report/safe-output.js';

export async function main(argv: readonly string[]): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    // A second Ctrl-C means "now": the first one is already bringing deployments to a safe state.
    if (interrupts > 1) process.exit(ExitCode.Interrupted);
    controller.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // The SDK warns Node 20 users about its 2027 plans on every run; that is for gitmoxi's maintainers, not its users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const io: RawIo = { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), signal: controller.signal };
  const code = await run(argv.slice(2), io);
  // stdout to a pipe is asynchronous: exiting before it drains would cut a large `plan --json` short.
  await Promise.all([flush(process.stdout), flush(process.stderr)]);
  process.exit(code);
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.write('', () => resolve())) stream.once('drain', () => resolve());
  });
}

/**
 * Runs one invocation and returns its exit code (README: exit codes); never throws. Everything the command prints
 * goes through one redactor (docs/security.md).
 */
export async function run(args: readonly string[], rawIo: RawIo): Promise<number> {
  const result: { exitCode: number } = { exitCode: ExitCode.Ok };
  const json = args.includes('--json');
  const io: CommandIo = safeOutput(rawIo, { maskTo: json ? 'stderr' : 'stdout' });
  const program = buildProgram(io, packageVersion(), result);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return result.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with code 0.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Invalid;
    }
    const verbose = args.includes('--verbose');
    if (error instanceof GitmoxiError) {
      printError(error, io, { json, verbose, color: false });
      // On the pull request's files, where the fix goes; stdout carries NDJSON only with --json.
      if (io.env.GITHUB_ACTIONS === 'true' && !json) for (const line of problemAnnotations(error)) io.workflowCommand(line);
      return error.exitCode;
    }
    const internal = new GitmoxiError('E_INTERNAL', error instanceof Error ? error.message : String(error), { cause: error });
    printError(internal, io, { json, verbose: true, color: false });
    return internal.exitCode;
  }
}
