/**
 * Which regions exist and which partition each belongs to, from the partition data the AWS SDK resolves endpoints
 * with (the `partitions.json` of the SDK's endpoint rules), so the list moves with the SDK rather than with us.
 *
 * The data is read as text rather than imported: the module that exports it loads most of the SDK's client core,
 * which a plan otherwise never needs. Should the SDK move the file, region checks fall back to the pattern alone.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isRecord, recordOf } from '../is-record.js';

interface PartitionData {
  id: string;
  regionRegex: string;
  regions: Record<string, unknown>;
}

export interface RegionInfo {
  /** Listed in the SDK's partition data. */
  known: boolean;
  /** aws, aws-cn, aws-us-gov…: the first segment of every ARN in that region; null when no partition matches. */
  partition: string | null;
}

let partitions: PartitionData[] | null | undefined;

/** What the SDK knows of `region`; null when the SDK's partition data could not be read. */
export function regionInfo(region: string): RegionInfo | null {
  partitions ??= loadPartitions();
  if (partitions === null) return null;
  const listed = partitions.find((p) => Object.hasOwn(p.regions, region));
  if (listed !== undefined) return { known: true, partition: listed.id };
  const matching = partitions.find((p) => new RegExp(p.regionRegex).test(region));
  return { known: false, partition: matching?.id ?? null };
}

/** Regions the SDK lists whose name is closest to `region`, for "did you mean". */
export function knownRegions(): string[] {
  partitions ??= loadPartitions();
  return (partitions ?? []).flatMap((p) => Object.keys(p.regions).filter((r) => /-\d+$/.test(r)));
}

function loadPartitions(): PartitionData[] | null {
  try {
    const root = dirname(createRequire(import.meta.url).resolve('@aws-sdk/core/package.json'));
    const text = readFileSync(join(root, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'), 'utf8');
    const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
    const { partitions }: { partitions?: unknown } = recordOf(JSON.parse(json));
    return Array.isArray(partitions) ? partitions.filter(isPartition) : null;
  } catch {
    return null;
  }
}

function isPartition(value: unknown): value is PartitionData {
  if (!isRecord(value)) return false;
  const p = value;
  return typeof p.id === 'string' && typeof p.regionRegex === 'string' && typeof p.regions === 'object' && p.regions !== null;
}
