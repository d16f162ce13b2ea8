/**
 * A whole repository history deployed commit by commit, as CI deploys it (`deploy --from PREV --to SHA`), against
 * one simulator. After every commit what runs is read back through the SDK and must be what the commit says (or,
 * for a unit held back or rolled back, what ran before), `status` must agree, and nothing outside a unit's current
 * identity may run or receive traffic.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runCli } from '../fakes/cli.js';
import { readLiveWorld, type LiveWorld } from '../fakes/replay-live.js';
import { replayHistory, startReplaySimulator, type ReplayStep } from '../fakes/replay-history.js';
import { makeRepo, type TempRepo } from '../fakes/temp-repo.js';
import { mutatingCalls, type Simulator } from '../fakes/sim-fixture.js';
import { targetGroupArns } from '../fakes/bluegreen-fixture.js';

interface StatusRow {
  unit: string;
  state: string;
}

async function statusAt(sim: Simulator, repo: TempRepo, sha: string) {
  const result = await runCli(['status', '--json', '--at', sha, '--endpoint-url', sim.endpoint, '--no-color'], { cwd: repo.dir });
  const rows = (JSON.parse(result.stdout) as { units: StatusRow[] }).units;
  return { code: result.code, states: Object.fromEntries(rows.map((r) => [r.unit, r.state])), rows, text: result.stdout + result.stderr };
}

/** What runs is exactly what the step says, and every routed target group belongs to a service a unit runs now. */
function assertRuns(world: LiveWorld, step: ReplayStep, where: string): void {
  const active = world.services.filter((s) => s.status === 'ACTIVE' || s.status === 'DRAINING');
  const running = Object.fromEntries(active.map((s) => [s.unit ?? `(untagged ${s.name})`, s]));
  const identities = Object.entries(step.runs)
    .map(([unit, r]) => `${unit} → service/${r.cluster}/${r.service}`)
    .sort();
  const listed = active.map((s) => `${s.unit} → service/${s.cluster}/${s.name}`).sort();
  assert.equal(listed, identities, `${where}: the services that exist, in every cluster`);
  const indexed = world.tagged.map((t) => `${t.unit} → ${t.arn.slice(t.arn.indexOf(':service/') + 1)}`).sort();
  assert.equal(indexed, identities, `${where}: what the tagging index holds for each unit`);
  const serving = new Set<string>();
  for (const [unit, expected] of Object.entries(step.runs)) {
    const live = running[unit];
    assert.equal(
      [live?.cluster, live?.name, live?.status, live?.image, live?.desired, live?.running, live?.generations],
      [expected.cluster, expected.service, 'ACTIVE', expected.image, expected.desired, expected.desired, 1],
      `${where}: ${unit} runs [cluster, service, status, image, desiredCount, running, deployments or task sets]`,
    );
    for (const group of live?.targetGroups ?? []) serving.add(group);
  }
  for (const [port, groups] of Object.entries(world.forwards)) {
    for (const group of groups) {
      assert.ok(serving.has(group), `${where}: listener ${port} forwards to ${group}, which no running unit's service serves`);
    }
  }
  // The blue/green unit's traffic: all of it on the PRIMARY task set's target group.
  const front = Object.entries(step.runs).find(([, r]) => r.blueGreen);
  if (front) {
    assert.equal(world.forwards[80], running[front[0]]?.targetGroups, `${where}: listener 80 forwards only to the PRIMARY task set`);
  }
}

test('a history of legacy keys, stray and invalid files, renames, a failed deploy and a deletion, commit by commit', async () => {
  const sim = await startReplaySimulator();
  const steps = replayHistory(targetGroupArns(sim));
  const repo = await makeRepo(steps.map((s) => ({ files: s.files, message: s.message })));
  try {
    for (const [index, step] of steps.entries()) {
      const sha = repo.shas[index] ?? '';
      const where = `commit ${index + 1} (${step.message})`;
      const range = index === 0 ? ['--to', sha] : ['--from', repo.shas[index - 1] ?? '', '--to', sha];
      const deployed = await runCli(['deploy', ...range, '--endpoint-url', sim.endpoint, '--no-color'], { cwd: repo.dir });
      const output = deployed.stdout + deployed.stderr;
      assert.is(deployed.code, step.exit, `${where}: exit code\n${output}`);

      assertRuns(await readLiveWorld(sim), step, where);

      const status = await statusAt(sim, repo, sha);
      assert.is(status.code, step.invalid.length > 0 ? 2 : 0, `${where}: status exit code\n${status.text}`);
      const expected: Record<string, string> = {};
      for (const unit of step.synced) expected[unit] = 'Synced';
      for (const unit of step.invalid) expected[unit] = 'Invalid';
      if (step.rolledBack) expected[step.rolledBack] = 'OutOfSync';
      assert.equal(status.states, expected, `${where}: status (no Orphaned row, no unit out of sync)\n${status.text}`);
      if (step.rolledBack) {
        const before = await statusAt(sim, repo, repo.shas[index - 1] ?? '');
        assert.is(before.states[step.rolledBack], 'Synced', `${where}: after the rollback the previous commit runs exactly\n${before.text}`);
      }
      for (const says of step.says) assert.match(output, says, `${where}: the output says ${says}\n${output}`);
      for (const unit of step.invalid)
        assert.match(deployed.stderr, new RegExp(`${unit}_\\w+\\.json`), `${where}: ${unit}'s problem, naming its file, on stderr\n${output}`);
    }
    // After the whole history, HEAD is exactly what runs: a forced deploy of every unit (the stray file included in
    // the scan) finds each one unchanged and changes nothing.
    sim.control.clearCalls();
    const forced = await runCli(['deploy', '--force', '--endpoint-url', sim.endpoint, '--no-color'], { cwd: repo.dir });
    assert.is(forced.code, 0, forced.stdout + forced.stderr);
    assert.equal(
      forced.stdout.match(/^apps\/\S+ +\S+/gm)?.map((row) => row.replace(/ +/, ' ')),
      ['apps/cart/cart unchanged', 'apps/front/front unchanged', 'apps/shop/shop unchanged'],
    );
    assert.equal(mutatingCalls(sim), [], 'the forced deploy changed nothing');
  } finally {
    await sim.close();
    await repo.cleanup();
  }
});

test.run();
