/**
 * `--report FILE`: the run as one JSON document for CI artefacts and later tooling: what the plan said, what
 * happened to each unit (with its failure report), and the exit code with its meaning. Versioned: bump
 * `reportSchemaVersion` on any incompatible change. Times are epoch milliseconds, as in the events.
 */
import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runExitCode } from '../events/exit-code.js';
import type { UnitResult } from '../events/results.js';
import { GitmoxiError } from '../errors.js';
import type { Plan, PlannedUnit } from '../plan/types.js';
import { exitCodeMeaning } from './summary.js';

export const reportSchemaVersion = 1;

/** The plan without its diffs and rendered text: the report says what ran, the plan output says why. */
interface PlanSummary {
  repo: string;
  from: string | null;
  to: string;
  summary: Plan['summary'];
  units: Pick<PlannedUnit, 'prefix' | 'platform' | 'strategy' | 'action' | 'reason' | 'region' | 'hash'>[];
}

export interface DeployReport {
  schemaVersion: typeof reportSchemaVersion;
  exitCode: number;
  exitCodeMeaning: string;
  interrupted: boolean;
  plan: PlanSummary;
  results: UnitResult[];
}

export interface ReportInput {
  plan: Plan;
  results: readonly UnitResult[];
  /** True when the run was stopped by SIGINT/SIGTERM. */
  interrupted: boolean;
}

function summarisePlan(plan: Plan): PlanSummary {
  return {
    repo: plan.repo,
    from: plan.from,
    to: plan.to,
    summary: plan.summary,
    units: plan.units.map(({ prefix, platform, strategy, action, reason, region, hash }) => ({ prefix, platform, strategy, action, reason, region, hash })),
  };
}

export function buildReport(input: ReportInput): DeployReport {
  // The exit code is derived where the engine derives it, so the report cannot disagree with the process.
  const exitCode = runExitCode(input.results, input.interrupted);
  return {
    schemaVersion: reportSchemaVersion,
    exitCode,
    exitCodeMeaning: exitCodeMeaning(exitCode),
    interrupted: input.interrupted,
    plan: summarisePlan(input.plan),
    results: [...input.results],
  };
}

/**
 * Refuses a report path whose folder does not exist or cannot be written, before anything is deployed. Folders
 * are never created: a path from a configuration file or a typo must not make folders anywhere on the machine.
 */
export async function checkReportFolder(path: string): Promise<void> {
  const folder = dirname(path);
  const refuse = (why: string, hint: string) => new GitmoxiError('E_USAGE', `--report ${path}: ${why}`, { hint });
  const target = await stat(path).catch(() => null);
  if (target?.isDirectory()) throw refuse('is a folder, not a file', `Name a file in it: --report ${path.replace(/\/$/, '')}/report.json`);
  const folderStat = await stat(folder).catch(() => null);
  if (folderStat === null) throw refuse(`the folder ${folder} does not exist`, `Create it first (mkdir -p ${folder}) or name a file in an existing folder.`);
  if (!folderStat.isDirectory()) throw refuse(`${folder} is not a folder`, 'Name a file in an existing folder.');
  const writable = await access(folder, constants.W_OK).then(
    () => true,
    () => false,
  );
  if (!writable) throw refuse(`the folder ${folder} is not writable`, 'Choose a folder you can write to.');
}

/** Writes the report into its folder, which checkReportFolder found before the run. */
export async function writeReportFile(path: string, input: ReportInput): Promise<DeployReport> {
  const report = buildReport(input);
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  return report;
}
