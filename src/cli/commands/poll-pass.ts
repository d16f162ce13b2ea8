/**
 * Which units one poll pass deploys: the tip's units whose live hash differs, minus those an operator pinned
 * (until a newer commit changes them), those in flight (another process drives them), and those whose
 * deployment already failed at the unit's current change (unless --retry-failed).
 */
import { tagKeys } from '../../deploy/tags.js';
import { isAncestor, lastChangingCommit } from '../../git/branch.js';
import type { PlannedUnit } from '../../plan/types.js';
import { renderedUnitPaths } from '../../state/pin-gate.js';
import { failedTagKey, pollDecision, type PollDecision } from '../../state/sync-state.js';
import type { TipState } from '../../state/tip-state.js';
import type { PortsFor } from '../../state/live-state.js';
import { describeNative, nativeDetails, nativeStrategyOf } from '../../state/native-details.js';

export interface UnitSelection {
  unit: PlannedUnit;
  decision: PollDecision;
  /** The newest commit at the tip that changed the unit (computed only where a pin or failure mark needs it). */
  lastChange: string | null;
  /** A BLUE_GREEN, LINEAR or CANARY service poll leaves alone: what ECS is doing, or how its last deployment ended. */
  ecsDeployment?: { text: string; inFlight: boolean };
}

export async function selectUnits(repoDir: string, tip: TipState, retryFailed: boolean, portsFor?: PortsFor): Promise<UnitSelection[]> {
  const selections = await decideUnits(repoDir, tip, retryFailed);
  return portsFor === undefined ? selections : Promise.all(selections.map((selection) => withEcsDeployment(selection, tip, portsFor)));
}

/**
 * ECS runs a BLUE_GREEN, LINEAR or CANARY deployment on its own, two revisions running and the weights in between:
 * a second UpdateService would supersede it, so poll leaves the service to ECS and says what ECS is doing.
 */
async function withEcsDeployment(selection: UnitSelection, tip: TipState, portsFor: PortsFor): Promise<UnitSelection> {
  const live = tip.live.get(selection.unit.prefix);
  const kind = selection.decision.kind;
  if (live?.service === undefined || (kind !== 'deploy' && kind !== 'in-flight') || nativeStrategyOf(live.service) === undefined) return selection;
  const native = await nativeDetails(live.service, portsFor(live.region));
  if (native?.deployment?.inFlight) return { ...selection, decision: { kind: 'in-flight' }, ecsDeployment: { text: describeNative(native), inFlight: true } };
  // Ended without a rollback (STOPPED, ROLLBACK_FAILED) and both revisions still up: busy, but nobody drives it.
  if (native?.deployment && kind === 'in-flight') return { ...selection, ecsDeployment: { text: describeNative(native), inFlight: false } };
  return selection;
}

async function decideUnits(repoDir: string, tip: TipState, retryFailed: boolean): Promise<UnitSelection[]> {
  return Promise.all(
    tip.units.map(async (unit) => {
      const live = tip.live.get(unit.prefix) ?? null;
      const tags = live?.facts.tags ?? {};
      const marked = tags[tagKeys.pinned] !== undefined || tags[failedTagKey] !== undefined;
      const lastChange =
        marked || live === null || tags[tagKeys.hash] !== unit.hash
          ? await lastChangingCommit(repoDir, tip.planned.plan.to, unitPaths(tip, unit.prefix))
          : null;
      const pinned = tags[tagKeys.pinned];
      const pinIsOlder = pinned !== undefined && lastChange !== null ? await isAncestor(repoDir, pinned, lastChange) : false;
      const decision = pollDecision({ tipHash: unit.hash ?? '', live: live?.facts ?? null, lastChange, isAncestor: () => pinIsOlder, retryFailed });
      return { unit, decision, lastChange };
    }),
  );
}

/** The files whose history says when the unit last changed, from the tip's rendered unit. */
export function unitPaths(tip: TipState, prefix: string): string[] {
  return renderedUnitPaths(prefix, tip.planned.after.get(prefix));
}

/** One line per unit a pass leaves alone, saying why: a distinct entry next to the deployment summary. */
export function skipNotes(selections: readonly UnitSelection[]): string[] {
  const notes: string[] = [];
  for (const { unit, decision, ecsDeployment } of selections) {
    switch (decision.kind) {
      case 'in-sync':
      case 'deploy':
        break;
      case 'in-flight':
        if (ecsDeployment?.inFlight) notes.push(`${unit.prefix}: skipped: ECS is deploying it (${ecsDeployment.text}); left to ECS, the next pass looks again`);
        else if (ecsDeployment)
          notes.push(
            `${unit.prefix}: skipped: ECS's deployment ended without putting it back (${ecsDeployment.text}) and two revisions still run; an operator must look`,
          );
        else notes.push(`${unit.prefix}: skipped: a deployment is in flight (another gitmoxi run or an operator drives it); the next pass looks again`);
        break;
      case 'pinned':
        notes.push(
          `${unit.prefix}: pinned: ${decision.pinnedCommit.slice(0, 12)} was rolled back by an operator; left alone until a newer commit changes the unit (gitmoxi rollback --unpin releases it)`,
        );
        break;
      case 'failed-before':
        notes.push(
          `${unit.prefix}: not retried: its deployment of ${decision.failedCommit.slice(0, 12)} failed; a newer commit that changes the unit, or --retry-failed, deploys it again`,
        );
        break;
      default: {
        const never: never = decision;
        throw new Error(`unknown decision ${String(never)}`);
      }
    }
  }
  return notes;
}
