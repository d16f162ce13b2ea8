/**
 * Everything that can be known to be wrong before any change, for the whole run: a unit without a region or a
 * strategy (or, a bug, a deployment without its hash or identity: src/plan/run-units.ts), and, in every Region in play, credentials that reach AWS and act in the account each depdef names.
 * Each failure is one GitmoxiError with exit 2 (docs/deploy-failures.md): nothing has been changed yet, so none of
 * them may surface later as a unit that "needs an operator".
 */
import { GitmoxiError } from '../errors.js';
import { checkRunUnit } from '../plan/run-units.js';
import type { PlannedUnit, RunUnit } from '../plan/types.js';
import type { UnitDefinitions } from '../defs/validate.js';
import type { RegionPorts } from './ports/region-ports.js';
import { strategyFor } from './strategies.js';

export interface PreflightInput {
  definitions: ReadonlyMap<string, UnitDefinitions | null>;
  portsFor(region: string): RegionPorts;
}

/** The units as the engine runs them, each with what its strategy needs; throws when any cannot run. */
export async function preflight(units: readonly PlannedUnit[], input: PreflightInput): Promise<RunUnit[]> {
  const problems: string[] = [];
  const runnable: RunUnit[] = [];
  for (const unit of units) {
    const checked = checkRunUnit(unit);
    if (checked.kind === 'refused') problems.push(...checked.problems);
    if (checked.kind === 'ok' && strategyFor(checked.unit) !== undefined) runnable.push(checked.unit);
    else if (unit.strategy === null || checked.kind === 'ok')
      problems.push(`${unit.prefix}: ${unit.action} with strategy ${unit.strategy ?? 'unknown'} is not available in this version of gitmoxi`);
  }
  if (problems.length > 0) {
    throw new GitmoxiError('E_PREFLIGHT', `cannot deploy:\n  ${problems.join('\n  ')}`);
  }
  const accounts = await callerAccounts(runnable, input);
  checkAccounts(runnable, input, accounts);
  return runnable;
}

/**
 * STS GetCallerIdentity once per Region in play, the Regions one after the other so that a failure is reported
 * once, for the first Region that fails, rather than once per unit.
 */
async function callerAccounts(units: readonly RunUnit[], input: PreflightInput): Promise<Map<string, string>> {
  const regions = [...new Set(units.map((unit) => unit.region))].sort();
  const accounts = new Map<string, string>();
  for (const region of regions) {
    try {
      accounts.set(region, await input.portsFor(region).identity.callerAccount());
    } catch (error) {
      if (error instanceof GitmoxiError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new GitmoxiError('E_PREFLIGHT', `STS GetCallerIdentity in ${region} failed (${message}); nothing was changed`, { cause: error });
    }
  }
  return accounts;
}

function checkAccounts(units: readonly RunUnit[], input: PreflightInput, accounts: ReadonlyMap<string, string>): void {
  const wrong: string[] = [];
  let actual = '';
  for (const unit of units) {
    const wanted = input.definitions.get(unit.prefix)?.depdef.environment.account;
    const account = accounts.get(unit.region);
    if (wanted === undefined || account === undefined || wanted === account) continue;
    actual = account;
    wrong.push(`${unit.prefix} must be deployed in ${wanted}`);
  }
  if (wrong.length > 0) {
    throw new GitmoxiError('E_ACCOUNT_MISMATCH', `the credentials act in account ${actual}, but ${wrong.join('; ')}; nothing was changed`);
  }
}
