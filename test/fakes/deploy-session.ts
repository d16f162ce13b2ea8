/**
 * The set-up every deploy e2e suite shares: a fresh simulator per test, temporary repositories cleaned up after
 * it, and the CLI run against that simulator, to completion or left running for tests that act mid-deployment.
 */
import { execa } from 'execa';
import type { Test } from 'uvu';
import { projectRoot, runCli, type CliResult } from './cli.js';
import type { Simulator } from './sim-fixture.js';
import { makeRepo, type CommitSpec, type TempRepo } from './temp-repo.js';

export interface DeploySession {
  /** The current test's simulator. */
  readonly sim: Simulator;
  repoWith(...commits: CommitSpec[]): Promise<TempRepo>;
  deploy(repo: TempRepo, ...args: string[]): Promise<CliResult>;
  deployInBackground(repo: TempRepo, ...args: string[]): ReturnType<typeof runInBackground>;
}

function runInBackground(repo: TempRepo, endpoint: string, args: string[]) {
  return execa('node', [`${projectRoot}bin/gitmoxi.js`, 'deploy', '--endpoint-url', endpoint, '--no-color', ...args], {
    cwd: repo.dir,
    reject: false,
    env: { GITHUB_ACTIONS: '', GITLAB_CI: '', AWS_REGION: '', AWS_DEFAULT_REGION: '' },
  });
}

export function deploySession(suite: Test, start: () => Promise<Simulator>): DeploySession {
  let current: Simulator | undefined;
  const repos: TempRepo[] = [];
  suite.before.each(async () => {
    current = await start();
  });
  suite.after.each(async () => {
    await current?.close();
    for (const repo of repos.splice(0)) await repo.cleanup();
  });
  const session: DeploySession = {
    get sim() {
      if (current === undefined) throw new Error('the simulator starts before each test');
      return current;
    },
    async repoWith(...commits) {
      const repo = await makeRepo(commits);
      repos.push(repo);
      return repo;
    },
    deploy: (repo, ...args) => runCli(['deploy', '--endpoint-url', session.sim.endpoint, '--no-color', ...args], { cwd: repo.dir }),
    deployInBackground: (repo, ...args) => runInBackground(repo, session.sim.endpoint, args),
  };
  return session;
}
