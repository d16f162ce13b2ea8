/**
 * Runs the built CLI (`bin/gitmoxi.js`, which loads `dist/`) as a subprocess, the way CI runs it.
 * `npm test` builds before it runs the tests.
 */
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { execa } from 'execa';
import type { FileTree } from './temp-repo.js';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(projectRoot, 'bin', 'gitmoxi.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment variables that would make a test depend on the machine or CI it runs on. */
const cleared = ['CI', 'GITMOXI_CONFIG', 'GITHUB_ACTIONS', 'GITHUB_EVENT_PATH', 'GITLAB_CI', 'CI_COMMIT_BEFORE_SHA', 'CI_COMMIT_SHA', 'CI_MERGE_REQUEST_DIFF_BASE_SHA', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'FORCE_COLOR', 'NO_COLOR', 'GITHUB_STEP_SUMMARY'];

export async function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
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
