/** GitMoxi's file names (docs/design.md#units): the suffix of a file says which unit it belongs to and what it is. */
export type Platform = 'ecs' | 'lambda';

export type DefinitionKind = 'svcdef' | 'taskdef' | 'depdef' | 'input' | 'lambdadef' | 'eventsourcedef' | 'lambdadepdef' | 'lambdainput';

export interface SuffixRule {
  suffix: string;
  kind: DefinitionKind;
  platform: Platform;
  /** The file a unit cannot be deployed without. */
  primary: boolean;
  /** Settings only: a change to this file alone does not redeploy (GitMoxi's rule). */
  settings: boolean;
  /** Rendered as a Jinja template with the unit's inputs (the input file itself is plain JSON). */
  templated: boolean;
}

/** Longest suffixes first, so `_lambdadepdef.json` is never mistaken for `_depdef.json`. */
export const suffixRules: readonly SuffixRule[] = [
  { suffix: '_lambdaeventsourcedef.json', kind: 'eventsourcedef', platform: 'lambda', primary: false, settings: false, templated: true },
  { suffix: '_lambdadepdef.json', kind: 'lambdadepdef', platform: 'lambda', primary: false, settings: true, templated: true },
  { suffix: '_lambdainput.json', kind: 'lambdainput', platform: 'lambda', primary: false, settings: false, templated: false },
  { suffix: '_lambdadef.json', kind: 'lambdadef', platform: 'lambda', primary: true, settings: false, templated: true },
  { suffix: '_svcdef.json', kind: 'svcdef', platform: 'ecs', primary: true, settings: false, templated: true },
  { suffix: '_taskdef.json', kind: 'taskdef', platform: 'ecs', primary: false, settings: false, templated: true },
  { suffix: '_depdef.json', kind: 'depdef', platform: 'ecs', primary: false, settings: true, templated: true },
  { suffix: '_input.json', kind: 'input', platform: 'ecs', primary: false, settings: false, templated: false },
];

export interface ClassifiedPath {
  path: string;
  prefix: string;
  rule: SuffixRule;
}

/** The unit a repo-relative path belongs to, or null when it is not a definition file. */
export function classifyPath(path: string): ClassifiedPath | null {
  for (const rule of suffixRules) {
    if (path.endsWith(rule.suffix) && path.length > rule.suffix.length) {
      const prefix = path.slice(0, -rule.suffix.length);
      // `apps/_svcdef.json` has an empty base name: GitMoxi needs a name before the suffix.
      if (prefix.endsWith('/')) return null;
      return { path, prefix, rule };
    }
  }
  return null;
}

export function ruleFor(kind: DefinitionKind): SuffixRule {
  const rule = suffixRules.find((r) => r.kind === kind);
  if (rule === undefined) throw new Error(`no suffix rule for ${kind}`);
  return rule;
}
