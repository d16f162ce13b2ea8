/**
 * Starting git processes with node:child_process directly (never a shell). execa would do, but importing it
 * costs about 180 ms, more than Node's own start-up, on every gitmoxi invocation; git needs none of its features.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/**
 * Environment every git subprocess gets on top of ours: never prompt for credentials (a CI job would hang
 * until its timeout instead of failing), and English, unlocalised messages so stderr can be matched and shown.
 */
const gitEnv = { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } as const;

export interface GitProcessResult {
  /** Undefined when git never ran (not installed, or the folder does not exist). */
  exitCode: number | undefined;
  stdout: Buffer;
  stderr: string;
  error?: Error;
}

/** Runs git to completion, collecting stdout as bytes; stdin gets `input`, or is closed. */
export function runGitProcess(repoDir: string, args: readonly string[], input?: string, env?: Record<string, string>): Promise<GitProcessResult> {
  return new Promise((resolve) => {
    const child = spawnGit(repoDir, args, env);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let spawnError: Error | undefined;
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdin.on('error', () => undefined); // EPIPE when git exits without reading: its exit code says why
    child.on('error', (error) => {
      spawnError = error;
    });
    child.on('close', (code) => {
      const result: GitProcessResult = {
        exitCode: spawnError ? undefined : (code ?? undefined),
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if (spawnError) result.error = spawnError;
      resolve(result);
    });
    child.stdin.end(input);
  });
}

/** A git process whose streams the caller drives (cat-file --batch). */
export function spawnGit(repoDir: string, args: readonly string[], env?: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn('git', [...args], { cwd: repoDir, env: { ...process.env, ...env, ...gitEnv }, stdio: 'pipe', windowsHide: true });
}
