/**
 * Gathers what the planner needs: the commit range, the changed files, the units at both commits, and the
 * affected units rendered at both. Reads git objects only, so any two commits plan the same from any checkout.
 */
import { posix } from 'node:path';
import { GitmoxiError, type Problem } from '../errors.js';
import { listChanges } from '../git/changes.js';
import { findRepoRoot } from '../git/git.js';
import { openTree, type TreeReader } from '../git/read.js';
import { resolveRange } from '../git/revisions.js';
import { groupUnits, inputFile, type UnitFiles } from '../units/group.js';
import { findAffectedUnits, type UnitChange } from '../units/relevance.js';
import { classifyPath } from '../units/suffixes.js';
import { buildPlan } from './plan.js';
import { codePaths, packageLambdaCode } from './package-code.js';
import { renderUnit, type RenderedUnit } from './render-unit.js';
import { RepoFiles } from './repo-files.js';
import type { Plan } from './types.js';

export interface MakePlanOptions {
  repoDir: string;
  from?: string;
  to?: string;
  env: NodeJS.ProcessEnv;
  defaultRegion: string | null;
  /** Only these unit prefixes (all affected units when empty). */
  units?: readonly string[];
  /** Deploy the selected units (all units when none are selected) even if nothing changed. */
  force?: boolean;
  /** Sees every rendered unit before any problem is reported: the run's redactor learns its sensitive values. */
  onRendered?: (unit: RenderedUnit) => void;
}

export interface PlanResult {
  plan: Plan;
  /** Affected units rendered at `to`, unredacted: what a deploy applies. */
  after: Map<string, RenderedUnit>;
  before: Map<string, RenderedUnit>;
}

export async function makePlan(options: MakePlanOptions): Promise<PlanResult> {
  const root = await findRepoRoot(options.repoDir);
  const range = await resolveRange({ repoDir: root, env: options.env, ...pick(options) });
  const readers: TreeReader[] = [];
  try {
    const toReader = await openTree(root, range.to);
    readers.push(toReader);
    const fromReader = range.from === null ? null : await openTree(root, range.from);
    if (fromReader) readers.push(fromReader);
    const [changes, afterUnits, beforeUnits] = await Promise.all([
      listChanges(root, range.from, range.to),
      toReader.list().then(groupUnits),
      fromReader ? fromReader.list().then(groupUnits) : Promise.resolve(new Map<string, UnitFiles>()),
    ]);
    const toFiles = new RepoFiles(toReader);
    const fromFiles = fromReader ? new RepoFiles(fromReader) : null;
    const needsRefs = changes.some((c) => classifyPath(c.path) === null || (c.oldPath !== undefined && classifyPath(c.oldPath) === null));
    const refsAfter = needsRefs ? mergeRefs(await readInputRefs(toFiles, afterUnits), await codePaths(toFiles, afterUnits)) : new Map<string, string[]>();
    const selected = options.units && options.units.length > 0 ? new Set(options.units) : null;
    const forced = options.force ? new Set(selected ?? afterUnits.keys()) : undefined;
    if (selected) assertUnitsExist(selected, afterUnits, beforeUnits);
    let affected = findAffectedUnits({ changes, before: beforeUnits, after: afterUnits, refsAfter, ...(forced ? { forced } : {}) });
    if (selected) affected = affected.filter((u) => selected.has(u.prefix));
    const deployable = affected.filter((u) => u.action !== 'delete' && u.action !== 'not-deployable');
    const after = await renderAll(toFiles, deployable, afterUnits, { validate: true, defaultRegion: options.defaultRegion });
    await packageLambdaCode(toReader, after.values());
    const previous = affected.filter((u) => beforeUnits.has(u.prefix));
    const before = fromFiles ? await renderAll(fromFiles, previous, beforeUnits, { validate: false }) : new Map<string, RenderedUnit>();
    for (const unit of [...after.values(), ...before.values()]) options.onRendered?.(unit);
    throwOnProblems(after, notDeployable(affected, afterUnits));
    const plan = buildPlan({ repo: root, from: range.from, to: range.to, changes: affected, before, after, defaultRegion: options.defaultRegion });
    return { plan, after, before };
  } finally {
    for (const reader of readers) reader.close();
  }
}

function pick(options: MakePlanOptions): { from?: string; to?: string } {
  const result: { from?: string; to?: string } = {};
  if (options.from !== undefined) result.from = options.from;
  if (options.to !== undefined) result.to = options.to;
  return result;
}

async function renderAll(
  files: RepoFiles,
  changes: UnitChange[],
  units: Map<string, UnitFiles>,
  options: { validate: boolean; defaultRegion?: string | null },
): Promise<Map<string, RenderedUnit>> {
  const selected = changes.map((c) => units.get(c.prefix)).filter((u): u is UnitFiles => u !== undefined);
  await files.prefetch(selected.flatMap((u) => Object.values(u.files)));
  const rendered = new Map<string, RenderedUnit>();
  for (const unit of selected) rendered.set(unit.prefix, await renderUnit(files, unit, options));
  return rendered;
}

/** Every problem of every unit, reported together (exit 2, nothing changed). */
function throwOnProblems(units: Map<string, RenderedUnit>, extra: Problem[]): void {
  const problems = [...extra, ...[...units.values()].flatMap((u) => u.problems)];
  if (problems.length === 0) return;
  const unitCount = extra.length + [...units.values()].filter((u) => u.problems.length > 0).length;
  throw new GitmoxiError(
    'E_DEF_INVALID',
    `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${unitCount} unit${unitCount === 1 ? '' : 's'}: nothing was deployed`,
    { problems, hint: 'Fix the files listed above and commit again.' },
  );
}

/**
 * Settings or inputs without the definition they configure. SPEC §1 calls this a warning; gitmoxi refuses it
 * (exit 2) when the change touches such a unit, because it almost always means a misnamed or forgotten
 * svcdef/lambdadef, and deploying the rest while silently skipping it would hide that.
 */
function notDeployable(affected: UnitChange[], units: Map<string, UnitFiles>): Problem[] {
  return affected
    .filter((change) => change.action === 'not-deployable')
    .map((change) => {
      const unit = units.get(change.prefix);
      const lambda = unit?.platforms.includes('lambda') ?? false;
      const missing = `${change.prefix}${lambda ? '_lambdadef.json' : '_svcdef.json'}`;
      return {
        code: 'E_NOT_DEPLOYABLE' as const,
        message: `unit '${change.prefix}' is not deployable: it has no ${missing}`,
        location: { file: Object.values(unit?.files ?? {})[0] ?? change.prefix },
        hint: `Add ${missing} (check the file name for a typo), or delete the unit's other files.`,
      };
    });
}

/**
 * Which files each unit's input references (SPEC §3 `ref.file`), so that a change to a Terraform output file
 * redeploys the units that read it. An input that does not parse references nothing here: rendering reports it.
 */
async function readInputRefs(files: RepoFiles, units: Map<string, UnitFiles>): Promise<Map<string, string[]>> {
  const inputs = [...units.values()].map((u) => [u.prefix, inputFile(u)] as const).filter((e): e is readonly [string, string] => e[1] !== undefined);
  await files.prefetch(inputs.map(([, path]) => path));
  const refs = new Map<string, string[]>();
  for (const [prefix, path] of inputs) {
    const list = await refFilesOf(files, path);
    if (list.length > 0) refs.set(prefix, list);
  }
  return refs;
}

async function refFilesOf(files: RepoFiles, path: string): Promise<string[]> {
  try {
    const parsed = JSON.parse((await files.text(path)) ?? '{}') as { ref?: { file?: unknown } };
    const file = parsed.ref?.file;
    const list = typeof file === 'string' ? [file] : Array.isArray(file) ? file.filter((f): f is string => typeof f === 'string') : [];
    return list.map((f) => posix.normalize(f.replace(/^\.\//, '')));
  } catch {
    return [];
  }
}

/** Files (or folders, for packaged Lambda code) each unit reads besides its definitions. */
function mergeRefs(...sources: Map<string, string[]>[]): Map<string, string[]> {
  const merged = new Map<string, string[]>();
  for (const source of sources) for (const [prefix, paths] of source) merged.set(prefix, [...(merged.get(prefix) ?? []), ...paths]);
  return merged;
}

function assertUnitsExist(selected: Set<string>, after: Map<string, UnitFiles>, before: Map<string, UnitFiles>): void {
  for (const prefix of selected) {
    if (!after.has(prefix) && !before.has(prefix)) {
      throw new GitmoxiError('E_UNIT_NOT_FOUND', `no unit '${prefix}' at either commit`);
    }
  }
}
