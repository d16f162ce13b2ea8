/**
 * `init --adopt`: tags the adopted resource as running the files init wrote (`gitmoxi:unit`, `gitmoxi:hash`), so the
 * first deploy of those files is a no-op instead of a roll-out of what already runs. The hash is the one the planner
 * computes from the rendered definitions (settings excluded, docs/design.md#state); rendering the written templates
 * gives back the values they were written from, so it is computed from those values.
 */
import { tagKeys } from '../deploy/tags.js';
import { suffixRules } from '../units/suffixes.js';
import { definitionsHash } from '../plan/plan.js';
import type { RenderedUnit } from '../plan/render-unit.js';
import { parseJsonSource } from '../defs/json-source.js';

export function adoptionTags(unit: string, files: Record<string, Record<string, unknown> | null>): Record<string, string> {
  const documents = Object.entries(files).flatMap(([name, value]) => {
    const kind = suffixRules.find((rule) => rule.kind === name)?.kind;
    // The value as the written file reads back, which is what a later plan hashes.
    return value === null || kind === undefined ? [] : [{ kind, path: '', source: parseJsonSource(JSON.stringify(value), name) }];
  });
  const rendered: RenderedUnit = { prefix: unit, commit: '', platform: null, documents, definitions: null, sensitiveValues: [], refFiles: [], problems: [] };
  return { [tagKeys.unit]: unit, [tagKeys.hash]: definitionsHash(rendered) };
}
