import { createLiveReads } from '../../aws/live-definitions-adapter.js';
import { releaseRegionPorts } from '../../aws/region-ports.js';
import { compareUnit, type UnitDiff } from '../../diff/compare-unit.js';
import { GitmoxiError } from '../../errors.js';
import type { LiveReads } from '../../diff/live-reads.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { reportInvalidUnits } from './invalid-units.js';
import { planEveryUnitAt } from './plan-at.js';

export interface DiffOptions {
  at?: string;
  exitCode?: boolean;
}

/**
 * `gitmoxi diff [UNIT...]`: each unit's rendered definitions at a commit against what runs (docs/diff.md).
 * Reads only. Exit 0; with --exit-code, 1 when any unit differs or is not deployed.
 */
export async function diff(units: string[], options: DiffOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const { plan, after } = await planEveryUnitAt(units, options.at, global, io);
  try {
    const readsFor = liveReadsFor(global);
    const diffs = await Promise.all(
      plan.units.flatMap((unit) => {
        const rendered = after.get(unit.prefix);
        if (rendered === undefined || rendered.definitions === null || unit.action === 'delete' || unit.action === 'invalid') return [];
        const region = unit.region ?? global.region;
        if (region === undefined) {
          throw new GitmoxiError('E_USAGE', `${unit.prefix}: no region to compare in`, {
            hint: 'Set environment.region in the settings file, or pass --region (or AWS_REGION).',
          });
        }
        return [compareUnit(rendered, region, readsFor(region))];
      }),
    );
    if (global.json) io.stdout.write(`${JSON.stringify({ schemaVersion: 1, commit: plan.to, units: diffs })}\n`);
    else io.stdout.write(formatDiffs(plan.to, diffs));
    // Units whose files are invalid cannot be compared: reported, and the exit code says so (2).
    return reportInvalidUnits(plan, options.exitCode && diffs.some((d) => d.state !== 'same') ? 1 : 0, io, 'shown', { warnings: true, json: global.json });
  } finally {
    releaseRegionPorts();
  }
}

export function liveReadsFor(global: GlobalOptions): (region: string) => LiveReads {
  return (region) =>
    createLiveReads({
      region,
      ...(global.profile ? { profile: global.profile } : {}),
      ...(global.endpointUrl ? { endpointUrl: global.endpointUrl } : {}),
    });
}

function formatDiffs(commit: string, diffs: readonly UnitDiff[]): string {
  const lines = [`definitions at ${commit.slice(0, 12)} against what runs:`];
  for (const unit of diffs) {
    const state =
      unit.state === 'same'
        ? 'no difference'
        : unit.state === 'missing'
          ? 'not deployed'
          : unit.documents.length === 1
            ? '1 document differs'
            : `${unit.documents.length} documents differ`;
    lines.push(`  ${unit.unit}  ${unit.platform} ${unit.region}  ${state}`);
  }
  if (diffs.length === 0) lines.push('  no units');
  const patches = diffs.flatMap((unit) => unit.documents.map((d) => d.patch));
  return `${[...lines, ...patches.map((p) => `\n${p.trimEnd()}`)].join('\n')}\n`;
}
