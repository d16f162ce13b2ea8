import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { finishedRun, loadEvents } from '../../test/fixtures/events/replay.js';
import { planSchemaVersion, type Plan, type PlannedUnit } from '../plan/types.js';
import { GitmoxiError } from '../errors.js';
import { buildReport, checkReportFolder, reportSchemaVersion, writeReportFile } from './report-file.js';

function plannedUnit(prefix: string): PlannedUnit {
  return {
    prefix,
    platform: 'ecs',
    strategy: 'ecs-rolling',
    action: 'deploy',
    reason: 'modified',
    region: 'us-east-1',
    identity: { platform: 'ecs', region: 'us-east-1', cluster: 'prod', serviceName: prefix.split('/').at(-1) ?? '' },
    changedFiles: [{ path: `${prefix}_taskdef.json`, status: 'modified' }],
    changedRefs: [],
    hash: 'f'.repeat(64),
    diff: '--- a\n+++ b\n-"image": "web:1"\n+"image": "web:2"\n',
    warnings: [],
  };
}

const plan: Plan = {
  schemaVersion: planSchemaVersion,
  repo: 'deployments',
  from: 'a'.repeat(40),
  to: 'b'.repeat(40),
  units: [plannedUnit('services/web/web'), plannedUnit('services/api/api')],
  warnings: [],
  summary: { deploy: 2, delete: 0, 'settings-only': 0, 'not-deployable': 0, invalid: 0 },
};

test('writeReportFile: a versioned report with results and the exit code', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gitmoxi-report-'));
  try {
    const { results } = finishedRun(loadEvents('breaker-rollback'));
    const path = join(dir, 'deploy.json');
    await writeReportFile(path, { plan, results, interrupted: false });
    const written = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    assert.is(written.schemaVersion, reportSchemaVersion);
    assert.is(written.exitCode, 1);
    assert.is(written.exitCodeMeaning, 'at least one unit failed and every failed unit was rolled back to its previous healthy state');
    assert.equal(written.results, results);
    assert.equal(written.plan, {
      repo: 'deployments',
      from: plan.from,
      to: plan.to,
      summary: plan.summary,
      units: plan.units.map(({ prefix }) => ({
        prefix,
        platform: 'ecs',
        strategy: 'ecs-rolling',
        action: 'deploy',
        reason: 'modified',
        region: 'us-east-1',
        hash: 'f'.repeat(64),
      })),
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('checkReportFolder: a missing folder, a folder as the path or a file as the folder is refused; nothing is made', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gitmoxi-report-'));
  const refusal = (path: string) =>
    checkReportFolder(path).then(
      () => 'accepted',
      (error: unknown) => (error instanceof GitmoxiError ? `${error.code}: ${error.message}` : String(error)),
    );
  try {
    assert.is(await refusal(join(dir, 'deploy.json')), 'accepted');
    assert.is(
      await refusal(join(dir, 'out', 'deploy.json')),
      `E_USAGE: --report ${join(dir, 'out', 'deploy.json')}: the folder ${join(dir, 'out')} does not exist`,
    );
    assert.is(await stat(join(dir, 'out')).catch(() => null), null);
    assert.match(await refusal(dir), 'is a folder, not a file');
    await writeFile(join(dir, 'file'), '');
    assert.match(await refusal(join(dir, 'file', 'deploy.json')), 'is not a folder');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('buildReport: the exit code agrees with the run in every recorded case', () => {
  for (const name of ['rolling-success', 'breaker-rollback', 'not-restored', 'interrupted'] as const) {
    const finished = finishedRun(loadEvents(name));
    assert.is(buildReport({ plan, results: finished.results, interrupted: finished.interrupted }).exitCode, finished.exitCode, name);
  }
});

test('buildReport: the plan diff is left out', () => {
  assert.not.match(JSON.stringify(buildReport({ plan, results: [], interrupted: false })), '"diff"');
});

test.run();
