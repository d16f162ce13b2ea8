/**
 * One unit's definitions against what runs: a unified diff per document (live on the left, the rendered
 * definitions on the right: what a deploy would change), sensitive values redacted.
 */
import { createTwoFilesPatch } from 'diff';
import type { RenderedUnit } from '../plan/render-unit.js';
import { redact } from '../render/redact.js';
import { ecsDocuments, lambdaDocuments, type DiffDocument } from './documents.js';
import type { LiveReads } from './live-reads.js';
import { projectLive, showJson } from './project.js';

interface DocumentDiff {
  label: string;
  /** The definition file the right side comes from; null for what has no file (listener weights, alias routing). */
  file: string | null;
  patch: string;
}

type UnitDiffState = 'same' | 'different' | 'missing';

export interface UnitDiff {
  unit: string;
  platform: string;
  region: string;
  state: UnitDiffState;
  documents: DocumentDiff[];
}

export async function compareUnit(rendered: RenderedUnit, region: string, reads: LiveReads): Promise<UnitDiff> {
  const definitions = rendered.definitions;
  const base = { unit: rendered.prefix, platform: rendered.platform ?? '', region };
  if (definitions === null) return { ...base, state: 'different', documents: [] };
  const documents = definitions.platform === 'ecs' ? await ecsDocuments(definitions, reads) : await lambdaDocuments(definitions, reads);
  const missing = documents[0]?.live === undefined;
  const diffs = documents.flatMap((document) => {
    const patch = patchOf(document, rendered);
    return patch === null ? [] : [patch];
  });
  return { ...base, state: missing ? 'missing' : diffs.length > 0 ? 'different' : 'same', documents: diffs };
}

function patchOf(document: DiffDocument, rendered: RenderedUnit): DocumentDiff | null {
  const live = projectLive(document.wanted, document.live, document.wholeMaps ?? []);
  const left = redact(showJson(live), rendered.sensitiveValues);
  const right = redact(showJson(document.wanted), rendered.sensitiveValues);
  if (left === right) return null;
  const file = rendered.documents.find((d) => d.kind === document.kind)?.path ?? null;
  const where = file ?? `${rendered.prefix} (${document.label})`;
  const patch = createTwoFilesPatch(
    `live: ${document.label}`,
    where,
    left,
    right,
    document.live === undefined ? 'not deployed' : 'what runs',
    `rendered at ${rendered.commit.slice(0, 12)}`,
  );
  return { label: document.label, file, patch };
}
