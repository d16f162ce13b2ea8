/**
 * Runs the account pre-flight over planned units and turns findings into Problems located in the unit's
 * rendered files (file:line:col), each message naming the unit. Reads only; used by `gitmoxi verify` and by
 * `gitmoxi deploy --verify` before anything changes.
 */
import type { Problem } from '../errors.js';
import { formatJsonPath } from '../defs/describe-issue.js';
import type { RuleFinding } from '../defs/rule.js';
import type { RenderedUnit } from '../plan/render-unit.js';
import type { PlannedUnit } from '../plan/types.js';
import type { AccountReads } from './account-reads.js';
import { verifyEcsUnit } from './verify-ecs.js';
import { verifyLambdaUnit } from './verify-lambda.js';

export interface UnitVerification {
  unit: string;
  region: string;
  problems: Problem[];
}

export async function verifyUnits(
  units: readonly PlannedUnit[],
  rendered: ReadonlyMap<string, RenderedUnit>,
  readsFor: (region: string) => AccountReads,
  defaultRegion: string | null,
): Promise<UnitVerification[]> {
  const checked = units.flatMap((planned) => {
    const unit = rendered.get(planned.prefix);
    return planned.action !== 'delete' && unit?.definitions ? [{ planned, unit }] : [];
  });
  return Promise.all(
    checked.map(async ({ planned, unit }) => {
      const definitions = unit.definitions;
      const region = planned.region ?? defaultRegion;
      if (region === null) {
        const where = unit.documents[0]?.path ?? planned.prefix;
        const problem: Problem = {
          code: 'E_PREFLIGHT',
          message: `${planned.prefix}: no region to verify in`,
          location: { file: where },
          hint: 'Set environment.region in the settings file, or pass --region (or AWS_REGION).',
        };
        return { unit: planned.prefix, region: '', problems: [problem] };
      }
      const reads = readsFor(region);
      const findings =
        definitions === null
          ? []
          : definitions.platform === 'ecs'
            ? await verifyEcsUnit(definitions, region, reads)
            : await verifyLambdaUnit(definitions, reads);
      return { unit: planned.prefix, region, problems: findings.map((f) => locate(unit, f)) };
    }),
  );
}

function locate(unit: RenderedUnit, finding: RuleFinding): Problem {
  const document = unit.documents.find((d) => d.kind === finding.kind) ?? unit.documents[0];
  const where = formatJsonPath(finding.path);
  const message = `${unit.prefix}: ${where === '' ? '' : `${where}: `}${finding.message}`;
  const location =
    document === undefined ? { file: unit.prefix } : document.kind === finding.kind ? document.source.locate(finding.path) : { file: document.path };
  const problem: Problem = { code: 'E_PREFLIGHT', message, location };
  if (finding.hint !== undefined) problem.hint = finding.hint;
  return problem;
}
