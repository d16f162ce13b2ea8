/**
 * Operator rollback of a Lambda unit: a half-finished alias shift goes back fully to the version it shifts away
 * from (the new version is deleted); otherwise the alias goes back to the previous published version that still
 * exists, or the one named.
 */
import { GitmoxiError } from '../../errors.js';
import type { LambdaAliasState, LambdaFunctionState, LambdaPort } from '../ports.js';
import { tagKeys } from '../tags.js';

export interface LambdaRollbackPlan {
  platform: 'lambda';
  functionName: string;
  functionArn: string;
  alias: string;
  inFlight: boolean;
  fromVersion: string;
  toVersion: string;
  /** Versions deleted after the alias moved: the new version of a half-finished shift. */
  deleteVersions: string[];
  rolledBackCommit: string | null;
}

const maxProbes = 20;

export async function planLambdaRollback(lambda: LambdaPort, fn: LambdaFunctionState, alias: LambdaAliasState, toVersion: number | undefined): Promise<LambdaRollbackPlan> {
  const shifting = Object.entries(alias.additionalWeights).filter(([, weight]) => weight > 0).map(([version]) => version);
  const base = { platform: 'lambda' as const, functionName: fn.functionName, functionArn: fn.functionArn, alias: alias.name };
  if (shifting.length > 0 && toVersion === undefined) {
    return { ...base, inFlight: true, fromVersion: shifting.join(', '), toVersion: alias.functionVersion, deleteVersions: shifting, rolledBackCommit: null };
  }
  const current = Number.parseInt(alias.functionVersion, 10);
  const target = toVersion !== undefined ? await existing(lambda, fn.functionName, toVersion) : await previousVersion(lambda, fn.functionName, current);
  if (target === null) {
    throw new GitmoxiError('E_USAGE', toVersion === undefined ? `${fn.functionName}:${alias.name} → ${alias.functionVersion} has no earlier published version left to go back to` : `${fn.functionName} has no version ${toVersion}`, {
      hint: 'gitmoxi deletes the old version after a successful shift; pass --to-version N with a version that exists, or deploy the previous commit with gitmoxi deploy --to <commit> --unit <prefix> --force.',
    });
  }
  return { ...base, inFlight: false, fromVersion: alias.functionVersion, toVersion: target, deleteVersions: [], rolledBackCommit: fn.tags[tagKeys.commit] ?? null };
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
export async function applyLambdaRollback(lambda: LambdaPort, plan: LambdaRollbackPlan, pin: string): Promise<{ ok: boolean; message: string }> {
  await lambda.routeAlias(plan.functionName, plan.alias, plan.toVersion, null);
  for (const version of plan.deleteVersions) await lambda.deleteVersion(plan.functionName, version);
  // The version that runs now was deployed from some earlier commit that the function's tags no longer name.
  await lambda.untagResource(plan.functionArn, [tagKeys.hash, tagKeys.commit]);
  await lambda.tagResource(plan.functionArn, { [tagKeys.pinned]: pin });
  return { ok: true, message: `${plan.functionName}:${plan.alias} → ${plan.toVersion}` };
}
