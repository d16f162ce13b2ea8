/**
 * The units defined at a commit, rendered (their hashes), and what runs for each of them in AWS: the common ground of
 * `status` and `poll`. No previous commit is involved: the live tags are the other side (docs/design.md#state).
 */
import { makePlan, type PlanResult } from '../plan/make-plan.js';
import type { RenderedUnit } from '../plan/render-unit.js';
import type { PlannedUnit } from '../plan/types.js';
import { findOrphans, readLiveUnits, type KnownUnits, type LiveUnit, type PortsFor, type UnitLookup } from './live-state.js';
import type { UnitIdentity } from '../plan/types.js';

export interface TipStateOptions {
  repoDir: string;
  /** The commit (or revision) whose definitions are the wanted state. */
  at: string;
  defaultRegion: string | null;
  /** Only these units (every unit when empty). */
  units?: readonly string[];
  portsFor: PortsFor;
  /** Also look for resources tagged by gitmoxi whose unit is no longer defined. */
  orphans: boolean;
  /**
   * Read units whose tags already carry the commit's hash only as far as their tags (poll: it leaves them alone
   * anyway): no GetAlias, and for many units the tagging index instead of GetFunction and DescribeServices.
   */
  lazyAliases?: boolean;
  /** Passed to the planner: sees every rendered unit first (the run's redactor). */
  onRendered?: (unit: RenderedUnit) => void;
}

export interface TipState {
  planned: PlanResult;
  /** Defined, deployable units at the commit. */
  units: PlannedUnit[];
  live: Map<string, LiveUnit>;
  orphans: LiveUnit[];
}

export async function readTipState(options: TipStateOptions): Promise<TipState> {
  // No `from` and an empty environment: every unit at the commit counts as added, whatever CI variables are set.
  const planned = await makePlan({
    repoDir: options.repoDir,
    from: '',
    to: options.at,
    env: {},
    defaultRegion: options.defaultRegion,
    force: true,
    // With every unit planned, duplicates are found among them; one unit asked for is read, not deployed.
    ...(options.units && options.units.length > 0 ? { units: options.units, identityCheck: false } : {}),
    ...(options.onRendered ? { onRendered: options.onRendered } : {}),
  });
  const units = planned.plan.units.filter((u) => u.action === 'deploy' && u.identity !== null && u.hash !== null);
  const lookups = units.map((u) => lookupOf(u, planned, options.lazyAliases === true));
  const fallbackRegion = options.defaultRegion ?? '';
  const live = await readLiveUnits(lookups, options.portsFor, fallbackRegion);
  const orphans = options.orphans ? await findOrphans(placesOf(lookups, fallbackRegion), knownUnits(planned, lookups, fallbackRegion), options.portsFor) : [];
  return { planned, units, live, orphans };
}

function lookupOf(unit: PlannedUnit, planned: PlanResult, lazyAlias: boolean): UnitLookup {
  const identity = unit.identity;
  if (identity === null) throw new Error(`${unit.prefix} has no identity`);
  const defs = planned.after.get(unit.prefix)?.definitions;
  const lookup: UnitLookup = { prefix: unit.prefix, identity: { ...identity, region: unit.region } };
  if (defs?.platform === 'lambda' && defs.depdef.alias) lookup.alias = defs.depdef.alias;
  if (lazyAlias && unit.hash !== null) lookup.inSyncHash = unit.hash;
  return lookup;
}

/** The Regions and clusters the defined units use: where orphans can be looked for. */
function placesOf(lookups: readonly UnitLookup[], fallbackRegion: string): { region: string; clusters: string[]; knownFunctions: string[] }[] {
  const places = new Map<string, { region: string; clusters: Set<string>; knownFunctions: string[] }>();
  for (const { identity } of lookups) {
    const region = identity.region ?? fallbackRegion;
    const place = places.get(region) ?? { region, clusters: new Set<string>(), knownFunctions: [] };
    if (identity.platform === 'ecs') place.clusters.add(identity.cluster);
    else place.knownFunctions.push(identity.functionName);
    places.set(region, place);
  }
  return [...places.values()].map((p) => ({ region: p.region, clusters: [...p.clusters], knownFunctions: p.knownFunctions }));
}

/** Every unit rendered at the commit; where the valid ones run, region resolved as the lookups resolve it. */
function knownUnits(planned: PlanResult, lookups: readonly UnitLookup[], fallbackRegion: string): KnownUnits {
  const known = new Map<string, UnitIdentity | null>([...planned.after.keys()].map((prefix) => [prefix, null]));
  for (const { prefix, identity } of lookups) known.set(prefix, { ...identity, region: identity.region ?? fallbackRegion });
  return known;
}
