/**
 * Gathers what the planner needs: the commit range, the changed files, the units at both commits, and the
 * affected units rendered at both. Reads git objects only, so any two commits plan the same from any checkout.
 */
import { posix } from 'node:path';
import { GitmoxiError } from '../errors.js';
import { listChanges } from '../git/changes.js';
import { findRepoRoot } from '../git/git.js';
import { recordOf } from '../is-record.js';
import { openTree, type TreeReader } from '../git/read.js';
import { resolveRange } from '../git/revisions.js';
import { groupUnits, inputFile, primaryFile, type UnitFiles } from '../units/group.js';
import { findAffectedUnits, type UnitChange } from '../units/relevance.js';
import { classifyPath } from '../units/suffixes.js';
import { identityOf, unitRegion, buildPlan } from './plan.js';
import { sameIdentity } from './identity-changes.js';
import { lastRenderedIdentity } from './last-identity.js';
import { codePaths, packageLambdaCode } from './package-code.js';
import { renderUnit, type RenderedUnit } from './render-unit.js';
import { RepoFiles } from './repo-files.js';
import type { Plan, UnitIdentity } from './types.js';

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
  /**
   * Render unchanged units too when a changed unit has a new identity, to find duplicates (default true). Off for
   * callers that plan one unit to read it (status UNIT, rollback's history walk), never to deploy it.
   */
  identityCheck?: boolean;
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
    const after = await renderAll(toFiles, deployable, afterUnits, { validate: () => true, defaultRegion: options.defaultRegion });
    await packageLambdaCode(toReader, after.values());
    const previous = affected.filter((u) => beforeUnits.has(u.prefix));
    // A settings-only change deploys a unit that did not validate at `from` (docs/isolation.md), so only those are validated there.
    const before = fromFiles
      ? await renderAll(fromFiles, previous, beforeUnits, { validate: (c) => c.action === 'settings-only', defaultRegion: options.defaultRegion })
      : new Map<string, RenderedUnit>();
    const others =
      options.identityCheck !== false && hasNewIdentity(deployable, before, after, options.defaultRegion)
        ? await renderAll(toFiles, unaffected(afterUnits, after), afterUnits, { validate: () => false })
        : new Map<string, RenderedUnit>();
    for (const unit of [...after.values(), ...before.values(), ...others.values()]) options.onRendered?.(unit);
    const lastIdentities =
      range.from === null ? new Map<string, UnitIdentity>() : await identitiesBefore(root, range.from, previous, before, options.defaultRegion);
    const warnings = [...afterUnits.values()].some((u) => primaryFile(u) !== null) ? [] : noUnitHint(await toReader.list());
    const plan = buildPlan({
      repo: root,
      from: range.from,
      to: range.to,
      changes: affected,
      before,
      after,
      others,
      lastIdentities,
      defaultRegion: options.defaultRegion,
      warnings,
    });
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

/** `validate` says, per unit, whether its definitions are validated or only rendered and parsed. */
async function renderAll(
  files: RepoFiles,
  changes: UnitChange[],
  units: Map<string, UnitFiles>,
  options: { validate: (change: UnitChange) => boolean; defaultRegion?: string | null },
): Promise<Map<string, RenderedUnit>> {
  const selected = changes.flatMap((c) => {
    const unit = units.get(c.prefix);
    return unit === undefined ? [] : [{ unit, validate: options.validate(c) }];
  });
  await files.prefetch(selected.flatMap(({ unit }) => Object.values(unit.files)));
  const rendered = new Map<string, RenderedUnit>();
  for (const { unit, validate } of selected) {
    rendered.set(
      unit.prefix,
      await renderUnit(files, unit, { validate, ...(options.defaultRegion !== undefined ? { defaultRegion: options.defaultRegion } : {}) }),
    );
  }
  return rendered;
}

/**
 * Whether a unit now resolves to a resource it did not resolve to at `from` (a new unit, a rename, a new cluster):
 * only then can it collide with a unit that did not change, so only then are those rendered too.
 */
function hasNewIdentity(
  changes: UnitChange[],
  before: ReadonlyMap<string, RenderedUnit>,
  after: ReadonlyMap<string, RenderedUnit>,
  defaultRegion: string | null,
): boolean {
  return changes.some((change) => {
    const now = after.get(change.prefix);
    const then = before.get(change.prefix);
    if (now === undefined) return false;
    if (then === undefined) return true;
    return !sameIdentity(identityOf(now, unitRegion(now) ?? defaultRegion), identityOf(then, unitRegion(then) ?? defaultRegion));
  });
}

/** Deployable units at `to` that the change did not render. */
function unaffected(units: Map<string, UnitFiles>, rendered: ReadonlyMap<string, RenderedUnit>): UnitChange[] {
  return [...units.values()]
    .filter((unit) => primaryFile(unit) !== null && !rendered.has(unit.prefix))
    .map((unit) => ({ prefix: unit.prefix, action: 'deploy', reason: 'identity-conflict', changedFiles: [], changedRefs: [] }));
}

/** Units that exist at `from` but do not render there: where they ran before, for deletions and replacements. */
async function identitiesBefore(
  repoDir: string,
  from: string,
  changes: UnitChange[],
  before: ReadonlyMap<string, RenderedUnit>,
  defaultRegion: string | null,
): Promise<Map<string, UnitIdentity>> {
  const broken = changes.filter((c) => c.action !== 'not-deployable' && (before.get(c.prefix)?.problems.length ?? 0) > 0);
  const found = new Map<string, UnitIdentity>();
  for (const change of broken) {
    const identity = await lastRenderedIdentity({ repoDir, from, prefix: change.prefix, defaultRegion });
    if (identity !== null) found.set(change.prefix, identity);
  }
  return found;
}

/**
 * No unit at all: often a repository of GitMoxi's `*.json.sample` files, which are examples and never deployed, or a
 * checkout of the wrong folder. Say so, since "nothing to deploy" alone looks like a bug.
 */
function noUnitHint(paths: readonly string[]): string[] {
  const names =
    'gitmoxi deploys units named PREFIX_svcdef.json (ECS) or PREFIX_lambdadef.json (Lambda), with optional _taskdef, _depdef and _input files of the same prefix';
  const samples = paths.filter((path) => path.endsWith('.json.sample'));
  if (samples.length === 0) return [`no deployable unit at this commit: ${names}`];
  const shown = samples.slice(0, 3).join(', ');
  return [
    `no deployable unit, but found ${samples.length} *.json.sample file${samples.length === 1 ? '' : 's'} (${shown}${samples.length > 3 ? ', …' : ''}): ` +
      `${names}, never samples; copy or rename them without .sample to deploy them`,
  ];
}

/**
 * Which files each unit's input references (`ref.file`, docs/templates.md#inputs), so that a change to a Terraform
 * output file redeploys the units that read it. An input that does not parse references nothing here: rendering reports
 * it.
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
    const parsed: unknown = JSON.parse((await files.text(path)) ?? '{}');
    const file = recordOf(recordOf(parsed).ref).file;
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
