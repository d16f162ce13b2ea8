import { createRegionPorts, releaseRegionPorts } from '../../aws/region-ports.js';
import { tagKeys } from '../../deploy/tags.js';
import { failedTagKey, syncState, type SyncState } from '../../state/sync-state.js';
import { readTipState } from '../../state/tip-state.js';
import type { LiveUnit, PortsFor } from '../../state/live-state.js';
import { describeDetails, liveDetails, type LiveDetails } from '../../state/live-details.js';
import { appendStepSummary } from '../../report/github.js';
import { formatStatusMarkdown } from '../../report/step-summaries.js';
import { registerUnitSecrets } from '../../report/unit-secrets.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { markDrifted } from '../../diff/drift.js';
import { liveReadsFor } from './diff.js';
import { reportInvalidUnits } from './invalid-units.js';
import { normaliseUnit } from './plan.js';
import { recordsOf } from '../../is-record.js';

export interface StatusOptions {
  at?: string;
  exitCode?: boolean;
  orphans?: boolean;
  /** Also compare Synced units with what runs (docs/diff.md): a hand change makes them Drifted. */
  deep?: boolean;
}

/** One line of `gitmoxi status` (and one element of its `--json` output). */
export interface StatusRow {
  unit: string;
  platform: string;
  region: string;
  state: SyncState | 'Drifted';
  runs: string | null;
  /** What runs in detail: revisions with images and counts, task sets with their traffic, the alias's weights. */
  live: LiveDetails | null;
  /** The commit the live resource says it runs (gitmoxi:commit). */
  commit: string | null;
  /** The commit an operator rolled back (gitmoxi:pinned). */
  pinned: string | null;
  /** The last commit whose deployment failed (gitmoxi:failed). */
  failed: string | null;
  tipHash: string | null;
  liveHash: string | null;
  /** The service or function ARN the row describes: an Orphaned row's unit may also have a row where it runs now. */
  resourceArn: string | null;
}

/** `gitmoxi status`: what runs for each unit and whether it runs the commit (docs/design.md#state). Reads only. */
export async function status(units: string[], options: StatusOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const connection = (region: string) => ({
    region,
    ...(global.profile ? { profile: global.profile } : {}),
    ...(global.endpointUrl ? { endpointUrl: global.endpointUrl } : {}),
  });
  const portsFor: PortsFor = (region) => createRegionPorts(connection(region));
  try {
    const selected = units.map(normaliseUnit);
    const tip = await readTipState({
      repoDir: global.repo,
      at: options.at ?? 'HEAD',
      defaultRegion: global.region ?? null,
      units: selected,
      portsFor,
      orphans: options.orphans !== false && selected.length === 0,
      onRendered: registerUnitSecrets(io),
    });
    const details = await detailsOf([...tip.live.values(), ...tip.orphans], portsFor);
    let rows: StatusRow[] = tip.units.map((unit) => {
      const live = tip.live.get(unit.prefix) ?? null;
      const detail = (live ? details.get(live) : undefined) ?? null;
      // ECS moving a BLUE_GREEN, LINEAR or CANARY service is a deployment in flight, not a difference to deploy.
      const facts = live && detail?.native?.deployment?.inFlight ? { ...live.facts, progressing: true } : (live?.facts ?? null);
      const state = syncState({ tipHash: unit.hash, live: facts });
      return statusRow(unit.prefix, unit.platform ?? '', live?.region ?? unit.region ?? '', state, live, unit.hash, detail);
    });
    if (options.deep) rows = await markDrifted(rows, tip.planned.after, liveReadsFor(global));
    for (const unit of tip.planned.plan.units.filter((u) => u.action === 'invalid'))
      rows.push(statusRow(unit.prefix, unit.platform ?? '', unit.region ?? '', 'Invalid', null, null, null));
    for (const orphan of tip.orphans)
      rows.push(statusRow(orphan.prefix, orphan.platform, orphan.region, 'Orphaned', orphan, null, details.get(orphan) ?? null));
    if (global.json) io.stdout.write(`${JSON.stringify({ commit: tip.planned.plan.to, units: rows })}\n`);
    else io.stdout.write(formatStatus(tip.planned.plan.to, rows));
    // One summary per status, from the human run: --json is for tools (the action runs both).
    if (!global.json) await appendStepSummary(io.env, io.redactor.text(formatStatusMarkdown(tip.planned.plan.to, rows)));
    const gate = rows.some((r) => r.state === 'OutOfSync' || r.state === 'Missing' || r.state === 'Drifted');
    return reportInvalidUnits(tip.planned.plan, options.exitCode && gate ? 1 : 0, io, 'shown', { warnings: true, json: global.json });
  } finally {
    releaseRegionPorts();
  }
}

/** Task definitions are described once per revision, whichever units share it. */
async function detailsOf(units: readonly LiveUnit[], portsFor: PortsFor): Promise<Map<LiveUnit, LiveDetails>> {
  const images = new Map<string, Promise<string[]>>();
  const found = await Promise.all(
    units.map(async (unit) => {
      const ports = portsFor(unit.region);
      const imagesOf = (arn: string) => {
        const key = `${unit.region} ${arn}`;
        const known = images.get(key);
        if (known !== undefined) return known;
        const read = ports.ecs.describeTaskDefinition(arn).then((td) => containerImages(td?.registration));
        images.set(key, read);
        return read;
      };
      return [unit, await liveDetails(unit, ports, imagesOf)] as const;
    }),
  );
  return new Map(found.filter((entry): entry is readonly [LiveUnit, LiveDetails] => entry[1] !== null));
}

function containerImages(registration: Record<string, unknown> | undefined): string[] {
  return recordsOf(registration?.containerDefinitions).flatMap((container) => (typeof container.image === 'string' ? [container.image] : []));
}

function statusRow(
  unit: string,
  platform: string,
  region: string,
  state: SyncState,
  live: LiveUnit | null,
  tipHash: string | null,
  details: LiveDetails | null,
): StatusRow {
  const tags = live?.facts.tags ?? {};
  return {
    unit,
    platform,
    region,
    state,
    runs: details ? describeDetails(details) : (live?.runs ?? null),
    live: details,
    commit: tags[tagKeys.commit] ?? null,
    pinned: tags[tagKeys.pinned] ?? null,
    failed: tags[failedTagKey] ?? null,
    tipHash,
    liveHash: tags[tagKeys.hash] ?? null,
    resourceArn: live?.resourceArn ?? null,
  };
}

export function formatStatus(commit: string, rows: readonly StatusRow[]): string {
  const lines = [`units at ${commit.slice(0, 12)}:`];
  const width = Math.max(4, ...rows.map((r) => r.unit.length));
  // Every column padded to its widest value, so that what runs starts at the same place on each line.
  const where = (row: StatusRow) => `${row.platform} ${row.region}`.trim();
  const stateWidth = Math.max(...rows.map((r) => r.state.length), 0);
  const whereWidth = Math.max(...rows.map((r) => where(r).length), 0);
  for (const row of rows) {
    const notes = [
      row.state === 'Invalid' ? 'does not render or validate at this commit (problems below)' : (row.runs ?? 'nothing runs'),
      row.state === 'Orphaned' && row.resourceArn ? `left at ${row.resourceArn.split(':').slice(5).join(':')}` : null,
      row.commit ? `commit ${row.commit.slice(0, 12)}` : null,
      row.pinned ? `pinned: ${row.pinned.slice(0, 12)} was rolled back by an operator (gitmoxi rollback --unpin releases it)` : null,
      row.failed ? `deployment of ${row.failed.slice(0, 12)} failed` : null,
    ].filter((n): n is string => n !== null);
    lines.push(`  ${row.unit.padEnd(width)}  ${row.state.padEnd(stateWidth)}  ${where(row).padEnd(whereWidth)}  ${notes.join('; ')}`);
  }
  if (rows.length === 0) lines.push('  no units');
  return `${lines.join('\n')}\n`;
}
