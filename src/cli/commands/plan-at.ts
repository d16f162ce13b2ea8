import { makePlan, type PlanResult } from '../../plan/make-plan.js';
import { registerUnitSecrets } from '../../report/unit-secrets.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { normaliseUnit } from './plan.js';

/**
 * Every selected unit (all when none is named) as it is at one commit, whatever changed: what `diff` and `verify`
 * compare with the account. No --from, so the CI's own range is not consulted either.
 */
export function planEveryUnitAt(units: readonly string[], at: string | undefined, global: GlobalOptions, io: CommandIo): Promise<PlanResult> {
  const selected = units.map(normaliseUnit);
  return makePlan({
    repoDir: global.repo,
    from: '',
    to: at ?? 'HEAD',
    env: {},
    defaultRegion: global.region ?? null,
    force: true,
    ...(selected.length > 0 ? { units: selected } : {}),
    onRendered: registerUnitSecrets(io),
  });
}
