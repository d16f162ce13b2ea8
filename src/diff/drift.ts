/**
 * `status --deep`: a unit whose tags say it runs the commit's definitions (Synced) is Drifted when the same
 * comparison `gitmoxi diff` makes finds a difference (a desired count, a variable, a weight changed by hand).
 * It costs the describes of diff, so status asks only when told to.
 */
import type { RenderedUnit } from '../plan/render-unit.js';
import { compareUnit } from './compare-unit.js';
import type { LiveReads } from './live-reads.js';

interface DriftCandidate {
  unit: string;
  region: string;
}

/** The units among `synced` whose live resources differ from their rendered definitions. */
async function driftedUnits(
  synced: readonly DriftCandidate[],
  rendered: ReadonlyMap<string, RenderedUnit>,
  readsFor: (region: string) => LiveReads,
): Promise<Set<string>> {
  const found = await Promise.all(
    synced.map(async ({ unit, region }) => {
      const definitions = rendered.get(unit);
      if (definitions === undefined) return null;
      const diff = await compareUnit(definitions, region, readsFor(region));
      return diff.state === 'different' ? unit : null;
    }),
  );
  return new Set(found.filter((unit): unit is string => unit !== null));
}

/** Rows of `status` with Synced units that differ from their definitions marked Drifted. */
export async function markDrifted<Row extends { unit: string; region: string; state: string }>(
  rows: readonly Row[],
  rendered: ReadonlyMap<string, RenderedUnit>,
  readsFor: (region: string) => LiveReads,
): Promise<(Row | (Row & { state: 'Drifted' }))[]> {
  const drifted = await driftedUnits(
    rows.filter((row) => row.state === 'Synced'),
    rendered,
    readsFor,
  );
  return rows.map((row) => (drifted.has(row.unit) ? { ...row, state: 'Drifted' as const } : row));
}
