/**
 * One unit at one commit: read its files, resolve its inputs, render every template, parse and validate.
 * Problems are collected, never thrown, so that a plan reports every problem of every unit at once.
 */
import { GitmoxiError, type Problem } from '../errors.js';
import { parseJsonSource, type JsonSource } from '../defs/json-source.js';
import { describeLegacyKeys, type LegacyKeyUse } from '../defs/legacy-keys.js';
import { validateUnit, type RenderedFile, type UnitDefinitions } from '../defs/validate.js';
import { resolveInputs } from '../render/inputs.js';
import { renderTemplate } from '../render/template.js';
import { inputFile, unitPlatform, type UnitFiles } from '../units/group.js';
import { suffixRules, type DefinitionKind, type Platform } from '../units/suffixes.js';
import { maxRefBytes, type RepoFiles } from './repo-files.js';
import { webhookUrls } from './webhook-urls.js';

export interface RenderedDocument {
  kind: DefinitionKind;
  path: string;
  source: JsonSource;
}

export interface RenderedUnit {
  prefix: string;
  commit: string;
  platform: Platform | null;
  documents: RenderedDocument[];
  /**
   * The text each template rendered to, by path, also when it is not valid JSON: `render` shows it. renderUnit
   * always sets it; optional so that units built by hand need not.
   */
  renderedTexts?: Map<string, string>;
  definitions: UnitDefinitions | null;
  sensitiveValues: string[];
  refFiles: string[];
  problems: Problem[];
  /**
   * Worth reading, not stopping for: placeholders left in values, unknown regions, older GitMoxi keys (one note).
   * renderUnit always sets it; optional so that units built by hand (tests, other readers) need not.
   */
  warnings?: string[];
}

/**
 * `validate: false` renders and parses only: enough for the `from` side of a diff, whose definitions are not
 * deployed and were validated when they were.
 */
export async function renderUnit(
  files: RepoFiles,
  unit: UnitFiles,
  options: { validate: boolean; defaultRegion?: string | null } = { validate: true },
): Promise<RenderedUnit> {
  const renderedTexts = new Map<string, string>();
  const result: RenderedUnit = {
    prefix: unit.prefix,
    commit: files.commit,
    platform: unitPlatform(unit),
    documents: [],
    renderedTexts,
    definitions: null,
    sensitiveValues: [],
    refFiles: [],
    problems: [],
    warnings: [],
  };
  if (unit.platforms.length > 1) {
    result.problems.push({
      code: 'E_DEF_INVALID',
      message: `ECS and Lambda definition files share the prefix '${unit.prefix}'`,
      location: { file: Object.values(unit.files)[0] ?? unit.prefix },
      hint: 'Give the ECS and the Lambda unit different names.',
    });
    return result;
  }
  const legacyKeys: LegacyKeyUse[] = [];
  // Templates need the variables: a broken input file stops here. Nothing else does (docs: one pass, every problem).
  const variables = await collect(result, () => loadVariables(files, unit, result, legacyKeys));
  if (variables === undefined) return result;
  const unparsed: DefinitionKind[] = [];
  for (const rule of suffixRules) {
    const path = unit.files[rule.kind];
    if (path === undefined || !rule.templated) continue;
    const document = await collect(result, async () => {
      const text = (await files.text(path)) ?? '';
      const rendered = renderTemplate(text, variables, path);
      renderedTexts.set(path, rendered);
      return parseJsonSource(rendered, path);
    });
    if (document !== undefined) result.documents.push({ kind: rule.kind, path, source: document });
    else unparsed.push(rule.kind);
  }
  // A webhook URL carries its token: shown like a sensitive output wherever the unit's files are printed.
  result.sensitiveValues = [...result.sensitiveValues, ...webhookUrls(result.documents)];
  if (result.platform === null || !options.validate) return result;
  const rendered: RenderedFile[] = result.documents.map((d) => ({ path: d.path, kind: d.kind, source: d.source }));
  const validated = validateUnit(result.platform, rendered, { unparsed, defaultRegion: options.defaultRegion ?? null });
  result.problems.push(...validated.problems);
  const note = describeLegacyKeys([...legacyKeys, ...validated.legacyKeys]);
  result.warnings = [...validated.warnings, ...(note === null ? [] : [note])];
  if (result.problems.length === 0) result.definitions = validated.definitions;
  return result;
}

async function loadVariables(files: RepoFiles, unit: UnitFiles, result: RenderedUnit, legacyKeys: LegacyKeyUse[]): Promise<Record<string, unknown>> {
  const path = inputFile(unit);
  const text = path === undefined ? null : await files.text(path);
  const inputs = await resolveInputs(path === undefined || text === null ? null : { path, text }, (refPath) => files.text(refPath, maxRefBytes), files.refs);
  result.sensitiveValues = inputs.sensitiveValues;
  result.refFiles = inputs.refFiles;
  legacyKeys.push(...inputs.legacyKeys);
  result.problems.push(...inputs.problems);
  return inputs.variables;
}

/** Runs `step`, turning a GitmoxiError into a collected problem; anything else is a bug and propagates. */
async function collect<T>(result: RenderedUnit, step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof GitmoxiError)) throw error;
    result.problems.push(error.toProblem(), ...error.problems);
    return undefined;
  }
}

/** The document of one kind, if the unit has it. */
export function documentOf(unit: RenderedUnit, kind: DefinitionKind): RenderedDocument | undefined {
  return unit.documents.find((d) => d.kind === kind);
}
