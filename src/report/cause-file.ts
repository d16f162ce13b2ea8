/**
 * Where a failed deployment's annotation points: the file whose change most likely broke it, with the first line
 * that changed. An image bump in `_input.json` or a new `_taskdef.json` is what a breaker trip or an alarm answers
 * to, so those come before the svcdef, which names the service and seldom is the cause.
 */
import { runGit } from '../git/git.js';
import type { Plan, PlannedUnit } from '../plan/types.js';
import type { DefinitionKind } from '../units/suffixes.js';
import type { AnnotationTarget } from './github.js';

/** Most likely cause first; a ref file an input reads (kind undefined) ranks with the inputs. */
const causeRank: readonly (DefinitionKind | 'ref')[] = [
  'input',
  'lambdainput',
  'ref',
  'taskdef',
  'lambdadef',
  'svcdef',
  'eventsourcedef',
  'depdef',
  'lambdadepdef',
];

/** The changed file most likely to have caused a failure, or null when the unit changed no file (forced). */
export function causeFile(unit: Pick<PlannedUnit, 'changedFiles' | 'changedRefs'>): { path: string; added: boolean } | null {
  const candidates = [
    ...unit.changedFiles
      .filter((f) => f.status !== 'deleted')
      .map((f) => ({ path: f.path, added: f.status === 'added', rank: causeRank.indexOf(f.kind ?? 'ref') })),
    ...unit.changedRefs.map((path) => ({ path, added: false, rank: causeRank.indexOf('ref') })),
  ];
  candidates.sort((a, b) => (a.rank < 0 ? 99 : a.rank) - (b.rank < 0 ? 99 : b.rank));
  const [first] = candidates;
  return first === undefined ? null : { path: first.path, added: first.added };
}

/** The first line of `path` at `to` that differs from `from`, from git's own diff (`@@ -a,b +LINE,c @@`). */
export async function firstChangedLine(repo: string, from: string, to: string, path: string): Promise<number | undefined> {
  const diff = await runGit(repo, ['diff', '--no-ext-diff', '--no-color', '-U0', from, to, '--', path], { allowFailure: true });
  if (diff.exitCode !== 0) return undefined;
  const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/m.exec(diff.stdout);
  if (hunk === null) return undefined;
  const line = Number(hunk[1]);
  // A pure deletion (`+N,0`) names the line before the removed ones.
  return hunk[2] === '0' ? Math.max(1, line) : line;
}

/**
 * The annotation target of each unit in `units`: its causing file and line when the plan knows what changed,
 * else its main definition file (the first of `unitFiles`).
 */
export async function causeTargets(
  plan: Plan,
  units: readonly string[],
  unitFiles: ReadonlyMap<string, readonly string[]>,
): Promise<Map<string, AnnotationTarget>> {
  const targets = new Map<string, AnnotationTarget>();
  for (const prefix of units) {
    const planned = plan.units.find((u) => u.prefix === prefix);
    const cause = planned === undefined ? null : causeFile(planned);
    if (cause !== null) {
      const line = cause.added || plan.from === null ? undefined : await firstChangedLine(plan.repo, plan.from, plan.to, cause.path);
      targets.set(prefix, { file: cause.path, ...(line !== undefined ? { line } : {}) });
      continue;
    }
    const main = unitFiles.get(prefix)?.[0];
    if (main !== undefined) targets.set(prefix, { file: main });
  }
  return targets;
}
