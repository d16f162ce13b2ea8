import { classifyPath, type DefinitionKind, type Platform } from './suffixes.js';

/** The definition files of one unit at one commit, keyed by kind. */
export interface UnitFiles {
  prefix: string;
  files: Partial<Record<DefinitionKind, string>>;
  /** Platforms of the files present: more than one means ECS and Lambda files share a prefix. */
  platforms: Platform[];
}

/** Groups repo-relative paths into units by prefix; paths that are not definition files are ignored. */
export function groupUnits(paths: Iterable<string>): Map<string, UnitFiles> {
  const units = new Map<string, UnitFiles>();
  for (const path of paths) {
    const classified = classifyPath(path);
    if (classified === null) continue;
    let unit = units.get(classified.prefix);
    if (unit === undefined) {
      unit = { prefix: classified.prefix, files: {}, platforms: [] };
      units.set(classified.prefix, unit);
    }
    unit.files[classified.rule.kind] = path;
    if (!unit.platforms.includes(classified.rule.platform)) unit.platforms.push(classified.rule.platform);
  }
  return units;
}

/** The file without which the unit cannot be deployed, if present. */
export function primaryFile(unit: UnitFiles): { kind: 'svcdef' | 'lambdadef'; path: string } | null {
  if (unit.files.svcdef !== undefined) return { kind: 'svcdef', path: unit.files.svcdef };
  if (unit.files.lambdadef !== undefined) return { kind: 'lambdadef', path: unit.files.lambdadef };
  return null;
}

export function unitPlatform(unit: UnitFiles): Platform | null {
  const primary = primaryFile(unit);
  if (primary === null) return unit.platforms.length === 1 ? (unit.platforms[0] ?? null) : null;
  return primary.kind === 'svcdef' ? 'ecs' : 'lambda';
}

/** The input file of the unit (either platform's), if any. */
export function inputFile(unit: UnitFiles): string | undefined {
  return unit.files.input ?? unit.files.lambdainput;
}
