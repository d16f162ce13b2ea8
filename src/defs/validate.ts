/**
 * Validates the rendered files of one unit: each file against its schema, then the cross-field rules, collecting
 * every problem of every file (never stopping at the first) with the line and column it refers to.
 */
import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { ruleFor, type DefinitionKind, type Platform } from '../units/suffixes.js';
import { checkArnPlacement } from './arn-rules.js';
import type { DeploymentEnvironment } from './common-settings.js';
import { ecsDepdefSchema, resolveEcsSettings, type EcsDeploymentSettings } from './depdef-schema.js';
import { formatJsonPath, parseDefinition, type DescribedIssue } from './describe-issue.js';
import { eventSourceSchema, type EventSources } from './eventsource-schema.js';
import type { JsonSource } from './json-source.js';
import { lambdadefSchema, type Lambdadef } from './lambdadef-schema.js';
import { lambdaDepdefSchema, resolveLambdaSettings, type LambdaDeploymentSettings } from './lambdadepdef-schema.js';
import { legacyKeysIn, type LegacyKeyUse } from './legacy-keys.js';
import type { RuleFinding } from './rule.js';
import { checkEcsRules, checkLambdaRules } from './rules.js';
import { svcdefSchema, type Svcdef } from './svcdef-schema.js';
import { taskdefSchema, type Taskdef } from './taskdef-schema.js';
import { deprecatedRuntimeWarning } from './lambda-config-rules.js';
import { placeholderWarnings, regionWarning } from './unit-warnings.js';
import { recordOf } from '../is-record.js';

/** One definition file of a unit after rendering and JSON parsing. */
export interface RenderedFile {
  path: string;
  kind: DefinitionKind;
  source: JsonSource;
}

export interface EcsUnitDefinitions {
  platform: 'ecs';
  svcdef: Svcdef;
  /** Absent: the svcdef's taskDefinition names an existing revision. */
  taskdef?: Taskdef;
  /** The depdef's settings with every default applied (all defaults when the unit has no depdef). */
  depdef: EcsDeploymentSettings;
}

/** The deployment package gitmoxi built from a repository zip or folder named by `Code.ZipFile` (plan/package-code.ts). */
export interface CodePackage {
  /** The repository path it was read from. */
  path: string;
  bytes: Uint8Array;
  /** Base64 SHA-256 of the bytes: what Lambda reports as CodeSha256 once it runs them. */
  sha256: string;
}

export interface LambdaUnitDefinitions {
  platform: 'lambda';
  lambdadef: Lambdadef;
  /** The event source file, with AliasStageVariableName normalised; absent when the unit has none. */
  eventSources?: EventSources;
  depdef: LambdaDeploymentSettings;
  /** Set by the planner when `Code.ZipFile` names a path in the repository. */
  codePackage?: CodePackage;
}

export type UnitDefinitions = EcsUnitDefinitions | LambdaUnitDefinitions;

export interface UnitValidation {
  /** The validated definitions; null exactly when `problems` is not empty. */
  definitions: UnitDefinitions | null;
  problems: Problem[];
  /** `file:line:col: message` lines worth reading that do not stop the unit. */
  warnings: string[];
  /** GitMoxi's older keys the unit's settings use (accepted; plan notes the modern spelling). */
  legacyKeys: LegacyKeyUse[];
}

export interface ValidateOptions {
  /** Kinds whose file exists but did not render or parse (reported already): treated as present and invalid. */
  unparsed?: readonly DefinitionKind[];
  /** The unit's region when its settings name none (--region, configuration, AWS_REGION). */
  defaultRegion?: string | null;
}

/**
 * Every check whose input is there runs: one file's broken JSON or schema does not hide another file's
 * problems, and cross-file rules run over the files that are valid.
 */
export function validateUnit(platform: Platform, files: RenderedFile[], options: ValidateOptions = {}): UnitValidation {
  const problems: Problem[] = [];
  const unit = indexFiles(platform, files, problems);
  for (const kind of options.unparsed ?? []) unit.invalid.add(kind);
  const definitions = platform === 'ecs' ? validateEcs(unit, problems) : validateLambda(unit, problems);
  problems.push(...placementProblems(unit, definitions?.depdef.environment ?? null, options.defaultRegion ?? null));
  const warnings = [...unit.files.values()].flatMap(placeholderWarnings);
  const region = settingsRegionWarning(unit);
  if (region !== null) warnings.push(region);
  for (const file of unit.files.values()) {
    const runtime = deprecatedRuntimeWarning(file);
    if (runtime !== null) warnings.push(runtime);
  }
  const legacyKeys = [...unit.valid].flatMap(([kind, value]) => legacyKeysIn({ path: unit.files.get(kind)?.path ?? '', kind, value }));
  const valid = problems.length === 0 && definitions !== null;
  return { definitions: valid ? definitions : null, problems, warnings, legacyKeys };
}

type FileCheck<T> = { state: 'absent' } | { state: 'invalid' } | { state: 'valid'; value: T };

/** The files of a unit by kind, and the kinds whose file failed validation (rules reading them are skipped). */
interface IndexedUnit {
  files: Map<DefinitionKind, RenderedFile>;
  invalid: Set<DefinitionKind>;
  /** The values that passed their schema, by kind. */
  valid: Map<DefinitionKind, unknown>;
  /** Where problems about the unit as a whole point: its primary file, else its first file. */
  anchor: string;
}

/**
 * ARNs of another region, account or partition. The settings' own region and account when they are valid; the
 * default region otherwise (an invalid settings file is reported already, its region is not guessed at).
 */
function placementProblems(unit: IndexedUnit, environment: DeploymentEnvironment | null, defaultRegion: string | null): Problem[] {
  const settingsKind = unit.valid.has('depdef') ? 'depdef' : 'lambdadepdef';
  const settings = recordOf(unit.valid.get(settingsKind));
  const env = environment ?? { ...placementOf(settings.environmentVariables), ...placementOf(settings.environment) };
  const placement = { region: env.region ?? defaultRegion, account: env.account ?? null };
  return checkArnPlacement(unit.valid, placement).map((f) => findingProblem(unit, f));
}

/** The region and account a settings file's environment names (its schema made them strings). */
function placementOf(environment: unknown): DeploymentEnvironment {
  const { region, account } = recordOf(environment);
  return { ...(typeof region === 'string' ? { region } : {}), ...(typeof account === 'string' ? { account } : {}) };
}

function settingsRegionWarning(unit: IndexedUnit): string | null {
  for (const kind of ['depdef', 'lambdadepdef'] as const) {
    const file = unit.files.get(kind);
    const settings = unit.valid.get(kind);
    if (file === undefined || settings === undefined) continue;
    for (const key of ['environment', 'environmentVariables']) {
      const { region } = placementOf(recordOf(settings)[key]);
      if (region !== undefined) return regionWarning(region, file.source, [key, 'region']);
    }
  }
  return null;
}

function validateEcs(unit: IndexedUnit, problems: Problem[]): EcsUnitDefinitions | null {
  const svcdef = checkFile(unit, 'svcdef', svcdefSchema, problems);
  const taskdef = checkFile(unit, 'taskdef', taskdefSchema, problems);
  const depdef = checkFile(unit, 'depdef', ecsDepdefSchema, problems);
  if (svcdef.state === 'absent') problems.push(notDeployable(unit, 'an ECS unit needs a _svcdef.json'));
  if (svcdef.state !== 'valid') return null;
  const input = { svcdef: svcdef.value, ...present('taskdef', taskdef), ...present('depdef', depdef) };
  problems.push(...checkEcsRules(input, unit.invalid).map((f) => findingProblem(unit, f)));
  if (taskdef.state === 'invalid' || depdef.state === 'invalid') return null;
  const settings = resolveEcsSettings(depdef.state === 'valid' ? depdef.value : undefined);
  const definitions: EcsUnitDefinitions = { platform: 'ecs', svcdef: svcdef.value, depdef: settings };
  if (taskdef.state === 'valid') definitions.taskdef = taskdef.value;
  return definitions;
}

function validateLambda(unit: IndexedUnit, problems: Problem[]): LambdaUnitDefinitions | null {
  const lambdadef = checkFile(unit, 'lambdadef', lambdadefSchema, problems);
  const eventSources = checkFile(unit, 'eventsourcedef', eventSourceSchema, problems);
  const depdef = checkFile(unit, 'lambdadepdef', lambdaDepdefSchema, problems);
  if (lambdadef.state === 'absent') problems.push(notDeployable(unit, 'a Lambda unit needs a _lambdadef.json'));
  if (lambdadef.state !== 'valid') return null;
  const input = { lambdadef: lambdadef.value, ...present('eventSources', eventSources), ...present('depdef', depdef) };
  problems.push(...checkLambdaRules(input, unit.invalid).map((f) => findingProblem(unit, f)));
  if (eventSources.state === 'invalid' || depdef.state === 'invalid') return null;
  const settings = resolveLambdaSettings(depdef.state === 'valid' ? depdef.value : undefined);
  const definitions: LambdaUnitDefinitions = { platform: 'lambda', lambdadef: lambdadef.value, depdef: settings };
  if (eventSources.state === 'valid') definitions.eventSources = eventSources.value;
  return definitions;
}

/** `{[key]: value}` for a valid file, `{}` otherwise: optional properties are left out, never set to undefined. */
function present<K extends string, T>(key: K, check: FileCheck<T>): Partial<Record<K, T>> {
  const found: Partial<Record<K, T>> = {};
  if (check.state === 'valid') found[key] = check.value;
  return found;
}

function checkFile<S extends z.ZodType>(unit: IndexedUnit, kind: DefinitionKind, schema: S, problems: Problem[]): FileCheck<z.output<S>> {
  const file = unit.files.get(kind);
  if (file === undefined) return unit.invalid.has(kind) ? { state: 'invalid' } : { state: 'absent' };
  const result = parseDefinition(schema, file.source.value);
  // A key written twice is the file's problem like any other, and does not keep its schema problems back.
  const found = [...file.source.duplicateKeys, ...(result.ok ? [] : result.issues.map((issue) => issueProblem(file, issue)))];
  if (found.length === 0 && result.ok) {
    unit.valid.set(kind, file.source.value);
    return { state: 'valid', value: result.data };
  }
  unit.invalid.add(kind);
  problems.push(...found.sort(byPosition));
  return { state: 'invalid' };
}

const platformName: Record<Platform, string> = { ecs: 'an ECS', lambda: 'a Lambda' };

/** Definition files by kind; files of the other platform or duplicated kinds are problems; input files are skipped. */
function indexFiles(platform: Platform, files: RenderedFile[], problems: Problem[]): IndexedUnit {
  const unit: IndexedUnit = { files: new Map(), invalid: new Set(), valid: new Map(), anchor: files[0]?.path ?? '' };
  for (const file of files) {
    const rule = ruleFor(file.kind);
    // Input files are plain JSON read by the renderer, which validates them itself.
    if (file.kind === 'input' || file.kind === 'lambdainput') continue;
    if (rule.platform !== platform) {
      problems.push(fileProblem(file.path, `is ${platformName[rule.platform]} file in ${platformName[platform]} unit`));
    } else if (unit.files.has(file.kind)) {
      problems.push(fileProblem(file.path, `is a second ${rule.suffix} file of the same unit`));
    } else {
      unit.files.set(file.kind, file);
      if (rule.primary) unit.anchor = file.path;
    }
  }
  return unit;
}

function issueProblem(file: RenderedFile, issue: DescribedIssue): Problem {
  const problem: Problem = { code: 'E_DEF_INVALID', message: issue.message, location: file.source.locate(issue.path) };
  if (issue.hint !== undefined) problem.hint = issue.hint;
  return problem;
}

function findingProblem(unit: IndexedUnit, finding: RuleFinding): Problem {
  const file = unit.files.get(finding.kind);
  const where = formatJsonPath(finding.path);
  const message = where === '' ? finding.message : `${where}: ${finding.message}`;
  // Rules only point into files that exist; the anchor is a guard, not a path taken.
  const location = file === undefined ? { file: unit.anchor } : file.source.locate(finding.path);
  const problem: Problem = { code: 'E_DEF_INVALID', message, location };
  if (finding.hint !== undefined) problem.hint = finding.hint;
  return problem;
}

/** Top to bottom within a file, as an editor shows them (zod reports unknown keys after the known ones). */
function byPosition(a: Problem, b: Problem): number {
  return (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0);
}

function fileProblem(path: string, message: string): Problem {
  return { code: 'E_DEF_INVALID', message: `${path.slice(path.lastIndexOf('/') + 1)} ${message}`, location: { file: path } };
}

function notDeployable(unit: IndexedUnit, message: string): Problem {
  return { code: 'E_NOT_DEPLOYABLE', message, location: { file: unit.anchor } };
}
