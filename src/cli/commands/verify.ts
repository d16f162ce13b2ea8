import { createAccountReads } from '../../aws/account-reads-adapter.js';
import { destroyAwsClients } from '../../aws/clients.js';
import { ExitCode, GitmoxiError } from '../../errors.js';
import type { RenderedUnit } from '../../plan/render-unit.js';
import type { PlannedUnit } from '../../plan/types.js';
import type { AccountReads } from '../../verify/account-reads.js';
import { verifyUnits, type UnitVerification } from '../../verify/verify-units.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { reportInvalidUnits } from './invalid-units.js';
import { planEveryUnitAt } from './plan-at.js';

export interface VerifyOptions {
  at?: string;
}

/**
 * `gitmoxi verify [UNIT...]`: read-only pre-flight of each unit at a commit against its account (docs/verify.md).
 * Exit 0 when every check passes; 2 with every problem listed otherwise, as a failing `deploy --verify` does.
 */
export async function verify(units: string[], options: VerifyOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const { plan, after } = await planEveryUnitAt(units, options.at, global, io);
  const readsFor = accountReadsFor(global);
  try {
    const results = await verifyUnits(plan.units, after, readsFor, global.region ?? null);
    const found = results.some((r) => r.problems.length > 0) ? ExitCode.Invalid : ExitCode.Ok;
    if (global.json) {
      // One document: the problems are in it, with their locations; the exit code says whether there are any.
      io.stdout.write(`${JSON.stringify({ schemaVersion: 1, commit: plan.to, units: results })}\n`);
      return reportInvalidUnits(plan, found, io, 'shown', { warnings: false, json: true });
    }
    io.stdout.write(formatVerification(plan.to, results));
    // Units whose files are invalid were not verified: they are reported too, and the run fails.
    const code = reportInvalidUnits(plan, found, io, 'shown', { warnings: true, json: false });
    failOnProblems(results);
    return code;
  } finally {
    readsFor.close();
    destroyAwsClients();
  }
}

/** `deploy --verify`: the same checks over the units the plan deploys; throws E_PREFLIGHT (exit 2) on a problem. */
export async function verifyBeforeDeploy(units: readonly PlannedUnit[], after: ReadonlyMap<string, RenderedUnit>, global: GlobalOptions): Promise<void> {
  const readsFor = accountReadsFor(global);
  try {
    failOnProblems(await verifyUnits(units, after, readsFor, global.region ?? null));
  } finally {
    readsFor.close();
  }
}

/** One AccountReads per region, sharing the run's connection settings; `close` closes them all. */
function accountReadsFor(global: GlobalOptions): ((region: string) => AccountReads) & { close(): void } {
  const cache = new Map<string, AccountReads>();
  const readsFor = (region: string) => {
    let reads = cache.get(region);
    if (reads === undefined) {
      reads = createAccountReads({
        region,
        ...(global.profile ? { profile: global.profile } : {}),
        ...(global.endpointUrl ? { endpointUrl: global.endpointUrl } : {}),
      });
      cache.set(region, reads);
    }
    return reads;
  };
  return Object.assign(readsFor, {
    close: () => {
      for (const reads of cache.values()) reads.close();
    },
  });
}

function failOnProblems(results: readonly UnitVerification[]): void {
  const problems = results.flatMap((r) => r.problems);
  if (problems.length === 0) return;
  const failed = results.filter((r) => r.problems.length > 0).length;
  throw new GitmoxiError(
    'E_PREFLIGHT',
    `verify: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${failed} unit${failed === 1 ? '' : 's'}: nothing was changed`,
    { problems },
  );
}

function formatVerification(commit: string, results: readonly UnitVerification[]): string {
  const lines = [`verify at ${commit.slice(0, 12)}:`];
  const width = Math.max(4, ...results.map((r) => r.unit.length));
  for (const result of results) {
    const count = result.problems.length;
    lines.push(`  ${result.unit.padEnd(width)}  ${result.region}  ${count === 0 ? 'ok' : `${count} problem${count === 1 ? '' : 's'}`}`);
  }
  if (results.length === 0) lines.push('  no units');
  return `${lines.join('\n')}\n`;
}
