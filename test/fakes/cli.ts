/**
 * Runs a gitmoxi command for a test: in this process by default, through the same `run` the launcher calls
 * (src/main.ts), or as a subprocess of the built CLI (`bin/gitmoxi.js` → dist/, the way CI runs it) when the test
 * asks for one or sets environment that only a process of its own can honour. `npm test` builds before it runs the
 * tests. In-process runs cost no node start-up and no bundle load: the e2e suite's time is its simulations'.
 */
import { readFile, readdir } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { execa } from 'execa';
import { releaseRegionPorts } from '../../src/aws/region-ports.js';
import { run } from '../../src/main.js';
import type { FileTree } from './temp-repo.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(projectRoot, 'bin', 'gitmoxi.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment variables that would make a test depend on the machine or CI it runs on. */
const cleared = [
  'CI',
  'GITMOXI_CONFIG',
  'GITHUB_ACTIONS',
  'GITHUB_EVENT_PATH',
  'GITLAB_CI',
  'CI_COMMIT_BEFORE_SHA',
  'CI_COMMIT_SHA',
  'CI_MERGE_REQUEST_DIFF_BASE_SHA',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'FORCE_COLOR',
  'NO_COLOR',
  'GITHUB_STEP_SUMMARY',
];

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  /** Run the built CLI in a process of its own: for what only a process shows (the bundle, signals, exit). */
  subprocess?: boolean;
}

// The SDK's credential and region chains, and git, read this process's environment: an in-process run must not
// see the developer's own AWS profile or region any more than a subprocess run does.
for (const name of cleared) delete process.env[name];
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Variables gitmoxi reads only through its CommandIo's env, which an in-process run can set per run. */
const perRun = /^(GITHUB_[A-Z_]+|GITLAB_CI|CI|CI_[A-Z_]+|GITMOXI_CONFIG|AWS_REGION|AWS_DEFAULT_REGION|AWS_ENDPOINT_URL|RUNNER_TEMP)$/;

/** Whether an in-process run is under way: a second one at the same time runs as a process of its own. */
let inProcessBusy = false;

export async function runCli(args: string[], options: RunOptions): Promise<CliResult> {
  // The SDK clients and their rate-limit buckets are cached per process and released at a command's end: two runs
  // at once must not share them, or the first to end would close the other's clients.
  const ownProcess = options.subprocess === true || inProcessBusy || Object.keys(options.env ?? {}).some((name) => !perRun.test(name));
  return ownProcess ? runSubprocess(args, options) : runInProcess(args, options);
}

async function runInProcess(args: string[], options: RunOptions): Promise<CliResult> {
  inProcessBusy = true;
  try {
    const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !cleared.includes(name)));
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await run(args, {
      stdout,
      stderr,
      stdin: closedStdin,
      env: { ...base, ...options.env },
      cwd: options.cwd,
      signal: new AbortController().signal,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    // What a process's exit would drop: clients cached for an endpoint that a later test's simulator may reuse.
    releaseRegionPorts();
    inProcessBusy = false;
  }
}

/** Not a terminal: nobody answers a question, as with a subprocess's `stdin: 'ignore'`. */
const closedStdin = Object.assign(Readable.from([]), { isTTY: false });

class Capture extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function runSubprocess(args: string[], options: RunOptions): Promise<CliResult> {
  const env: Record<string, string | undefined> = Object.fromEntries(cleared.map((name) => [name, undefined]));
  const result = await execa('node', [bin, ...args], {
    cwd: options.cwd,
    env: { ...env, ...options.env },
    reject: false,
    stdin: 'ignore',
  });
  return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** The files of an example repository under examples/, as a FileTree for makeRepo. */
export async function exampleTree(name: string): Promise<FileTree> {
  const root = join(projectRoot, 'examples', name);
  const tree: FileTree = {};
  const walk = async (dir: string, prefix: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(join(dir, entry.name), path);
      else tree[path] = await readFile(join(dir, entry.name));
    }
  };
  await walk(root, '');
  return tree;
}
