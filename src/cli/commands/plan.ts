import { ExitCode } from '../../errors.js';
import { makePlan, type MakePlanOptions } from '../../plan/make-plan.js';
import { formatPlan } from '../../report/plan-text.js';
import { publishPlan } from '../../report/publish-plan.js';
import { explainLocalPlan, localPlanOptions, type LocalPlanOptions } from './plan-local.js';
import { registerUnitSecrets } from '../../report/unit-secrets.js';
import { reportInvalidUnits } from './invalid-units.js';
import type { CommandIo, GlobalOptions } from '../io.js';

export interface PlanOptions {
  from?: string;
  to?: string;
  unit?: string[];
  force?: boolean;
}

/**
 * `gitmoxi plan`: what a deploy would do, and the diff of the rendered definitions. Touches nothing. Invalid units
 * are part of the plan (with their problems); they make the exit code 2, as the deploy of this plan would.
 */
export async function plan(options: LocalPlanOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const { plan: result } = await makePlan(makePlanOptions(await localPlanOptions(options, global, io), global, io));
  await explainLocalPlan(result, options, io);
  if (global.json) io.stdout.write(`${JSON.stringify(result)}\n`);
  else io.stdout.write(formatPlan(result, { color: global.color }));
  await publishPlan(result, io, { json: global.json, summary: !global.json });
  return reportInvalidUnits(result, ExitCode.Ok, io, 'planned', { warnings: global.json, json: global.json });
}

/** The planner's options from the flags plan and deploy share. */
export function makePlanOptions(options: PlanOptions, global: GlobalOptions, io: CommandIo): MakePlanOptions {
  return {
    repoDir: global.repo,
    env: io.env,
    defaultRegion: global.region ?? null,
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    ...(options.unit ? { units: options.unit.map(normaliseUnit) } : {}),
    force: options.force ?? false,
    onRendered: registerUnitSecrets(io),
  };
}

/** Accepts `apps/web/web`, `./apps/web/web` or a file of the unit such as `apps/web/web_svcdef.json`. */
export function normaliseUnit(unit: string): string {
  const trimmed = unit.replace(/^\.\//, '').replace(/\\/g, '/');
  const match = /^(.*)_(svcdef|taskdef|depdef|input|lambdadef|lambdaeventsourcedef|lambdadepdef|lambdainput)\.json$/.exec(trimmed);
  return match?.[1] ?? trimmed;
}
