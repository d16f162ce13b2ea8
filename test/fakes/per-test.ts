/**
 * A simulator and temporary repositories that belong to one test: started or made by the test as it needs them,
 * closed and removed after it, whatever it ended with. For suites whose tests each want their own scenario (the
 * deploy suites that share one scenario use deploySession).
 */
import type { Test } from 'uvu';
import { startSimulator } from '../../src/sim/server.js';
import type { Scenario } from '../../src/sim/types.js';
import { type Simulator, testClock, timeScale } from './sim-fixture.js';
import { type CommitSpec, makeRepo, type TempRepo } from './temp-repo.js';

export interface PerTest {
  /** The current test's simulator, started on the virtual clock (`scale`: its speed while nobody waits on it). */
  start(scenario: Scenario, scale?: number): Promise<Simulator>;
  /** A repository of these commits, removed after the test. */
  repoWith(...commits: CommitSpec[]): Promise<TempRepo>;
}

export function perTest(suite: Test): PerTest {
  let sim: Simulator | undefined;
  const repos: TempRepo[] = [];
  suite.after.each(async () => {
    await sim?.close();
    sim = undefined;
    for (const repo of repos.splice(0)) await repo.cleanup();
  });
  return {
    async start(scenario, scale = timeScale) {
      sim = await startSimulator({ clock: testClock(scale), scenario });
      return sim;
    },
    async repoWith(...commits) {
      const repo = await makeRepo(commits);
      repos.push(repo);
      return repo;
    },
  };
}
