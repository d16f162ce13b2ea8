/**
 * Operator rollback of a Lambda unit: a half-finished alias shift goes back fully to the version it shifts away from
 * (the new version is deleted); otherwise the alias goes back to the previous published version that still exists, or
 * the one named. A successful deployment deletes the version it replaced (docs/design.md#lambda), so usually none is
 * left: then the earlier content, rendered from git by the caller, is published again as a new version and the alias
 * moved to it at once.
 */
import type { LambdaUnitDefinitions } from '../../defs/validate.js';
import { GitmoxiError } from '../../errors.js';
import type { DeployContext } from '../context.js';
import { deployLambda } from '../lambda/deploy-lambda.js';
import type { LambdaAliasState, LambdaFunctionState, LambdaPort } from '../ports/lambda-port.js';
import type { Ending } from '../../events/results.js';
import { tagKeys } from '../tags.js';

export interface LambdaRollbackPlan {
  platform: 'lambda';
  functionName: string;
  functionArn: string;
  alias: string;
  inFlight: boolean;
  fromVersion: string;
  /** Null when no earlier version exists: the earlier content must be published again. */
  toVersion: string | null;
  /** Versions deleted after the alias moved: the new version of a half-finished shift. */
  deleteVersions: string[];
  rolledBackCommit: string | null;
}

const maxProbes = 20;

export async function planLambdaRollback(
  lambda: LambdaPort,
  fn: LambdaFunctionState,
  alias: LambdaAliasState,
  toVersion: number | undefined,
): Promise<LambdaRollbackPlan> {
  const shifting = Object.entries(alias.additionalWeights)
    .filter(([, weight]) => weight > 0)
    .map(([version]) => version);
  const base = { platform: 'lambda' as const, functionName: fn.functionName, functionArn: fn.functionArn, alias: alias.name };
  if (shifting.length > 0 && toVersion === undefined) {
    return { ...base, inFlight: true, fromVersion: shifting.join(', '), toVersion: alias.functionVersion, deleteVersions: shifting, rolledBackCommit: null };
  }
  const current = Number.parseInt(alias.functionVersion, 10);
  const target = toVersion !== undefined ? await existing(lambda, fn.functionName, toVersion) : await previousVersion(lambda, fn.functionName, current);
  if (target === null && toVersion !== undefined) {
    throw new GitmoxiError('E_USAGE', `${fn.functionName} has no version ${toVersion}`, {
      hint: 'Pass --to-version N with a version that exists (aws lambda list-versions-by-function), or leave it out to go back to the previous content.',
    });
  }
  return {
    ...base,
    inFlight: false,
    fromVersion: alias.functionVersion,
    toVersion: target,
    deleteVersions: [],
    rolledBackCommit: fn.tags[tagKeys.commit] ?? null,
  };
}

async function existing(lambda: LambdaPort, functionName: string, version: number): Promise<string | null> {
  return (await lambda.describeVersion(functionName, String(version)))?.version ?? null;
}

async function previousVersion(lambda: LambdaPort, functionName: string, current: number): Promise<string | null> {
  if (!Number.isInteger(current)) return null;
  for (let version = current - 1; version >= Math.max(1, current - maxProbes); version -= 1) {
    const found = await existing(lambda, functionName, version);
    if (found !== null) return found;
  }
  return null;
}

/** UpdateAlias to the target version with no routing, delete what a half-finished shift published, then tag. */
export async function applyLambdaRollback(lambda: LambdaPort, plan: LambdaRollbackPlan & { toVersion: string }): Promise<{ ok: boolean; message: string }> {
  await lambda.routeAlias(plan.functionName, plan.alias, plan.toVersion, null);
  for (const version of plan.deleteVersions) await lambda.deleteVersion(plan.functionName, version);
  // A revert leaves the version the tags describe; going back to an older version runs no tip's content.
  if (!plan.inFlight) await lambda.untagResource(plan.functionArn, [tagKeys.hash, tagKeys.commit]);
  return { ok: true, message: `${plan.functionName}:${plan.alias} → ${plan.toVersion}` };
}

/**
 * The earlier content (definitions rendered at an earlier commit, in `ctx.planned`/`ctx.commit`) deployed as a
 * normal Lambda update, but all at once and without alarms: they are most likely firing, which is why someone
 * rolls back. The function is then tagged with that commit and its hash, which is what it truly runs.
 */
export async function republishLambda(ctx: DeployContext, defs: LambdaUnitDefinitions): Promise<{ ok: boolean; message: string; result: Ending }> {
  const depdef = { ...defs.depdef, trafficShiftingConfig: { type: 'ALL_AT_ONCE' as const, percent: 100, waitInterval: 0 }, alarmNames: [] };
  const result = await deployLambda(ctx, { ...defs, depdef });
  const version = result.revision?.slice(result.revision.lastIndexOf(':') + 1) ?? '?';
  if (result.outcome === 'deployed' || result.outcome === 'unchanged')
    return { ok: true, message: `${defs.depdef.alias ?? 'the function'} → version ${version}, built from ${ctx.commit.slice(0, 12)}`, result };
  return {
    ok: false,
    message: `publishing the earlier content failed (${result.error?.message ?? result.outcome}); what ran before the rollback still runs`,
    result,
  };
}
