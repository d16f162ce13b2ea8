/**
 * State lives on the resources (docs/design.md#state): the unit, the commit and the hash of the rendered definitions
 * are tags on what gitmoxi deploys, written only after a deployment succeeds, so they never claim what does not run.
 */
import type { Tags } from './ports/tagging-port.js';

export const tagKeys = {
  unit: 'gitmoxi:unit',
  commit: 'gitmoxi:commit',
  hash: 'gitmoxi:hash',
  pinned: 'gitmoxi:pinned',
} as const;

export function deploymentTags(unit: string, commit: string, hash: string): Tags {
  return { [tagKeys.unit]: unit, [tagKeys.commit]: commit, [tagKeys.hash]: hash };
}

/** True when the live resource already runs exactly these rendered definitions. */
export function runsHash(tags: Tags, hash: string | null): boolean {
  return hash !== null && tags[tagKeys.hash] === hash;
}
