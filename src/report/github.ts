/**
 * GitHub Actions output: `::error` and `::warning` annotations (problems, warnings, failed units) and the
 * Markdown step summary.
 * Workflow commands are read from stdout, so the caller prints annotations only when stdout is not NDJSON
 * (`--json`). https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import { appendFile } from 'node:fs/promises';
import type { UnitResult } from '../events/results.js';
import type { GitmoxiError, Problem, SourceLocation } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { oneLine } from './event-text.js';
import { operatorAction } from './failure-text.js';

/**
 * A command's message: `%`, CR and LF are percent-encoded, `%` first so the runner decodes each escape once.
 * The same escaping as `escapeData` in actions/toolkit packages/core/src/command.ts.
 */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/**
 * A command's property (`file=`, `title=`): also `:` and `,`, which would end the property list or the value
 * (`escapeProperty` in actions/toolkit packages/core/src/command.ts).
 */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/**
 * Data printed in a CI log must never be read as a workflow command. The runner takes a line as a command when
 * it starts with `::` once leading whitespace is trimmed, so indenting is not enough: such a line gets a `\`
 * before the `::`. It also still honours the legacy `##[command]` form anywhere in a line, so `##[` becomes
 * `##[\` (inside a JSON line `##\u005b`, which keeps the JSON valid and decodes to the same text). The runner
 * splits lines at CR as well as LF. https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommand.cs
 */
export function neutraliseCommands(text: string, isJsonLine: (line: string) => boolean): string {
  const lines = text.split(/(\r\n|\r|\n)/);
  return lines
    .map((line, index) => {
      if (index % 2 === 1) return line;
      const safe = line.replace(/^([^\S\r\n]|\u0085)*::/u, (start) => `${start.slice(0, -2)}\\::`);
      if (!safe.includes('##[')) return safe;
      return safe.replaceAll('##[', isJsonLine(safe) ? '##\\u005b' : '##[\\');
    })
    .join('');
}

/**
 * `::add-mask::VALUE`: the runner replaces the value with `***` in the rest of the job's log. One command per
 * line of a multi-line value as well, since the runner masks line by line what it prints.
 */
export function maskCommands(value: string): string[] {
  const lines = value.split(/\r?\n/).filter((line) => line.trim() !== '' && line !== value);
  return [value, ...lines].map((part) => `::add-mask::${escapeData(part)}`);
}

/** Where an annotation points: a repository-relative file, and its line and column when known (1-based). */
export interface AnnotationTarget {
  file: string;
  line?: number;
  col?: number;
}

export interface Annotation {
  /** Repository-relative path of the file the annotation points at. */
  file?: string;
  line?: number;
  col?: number;
  title: string;
  message: string;
}

/** `::error file=PATH,line=N,col=N,title=TITLE::MESSAGE` (a group title or any other command takes escapeData too). */
export function formatErrorAnnotation(annotation: Annotation): string {
  return formatAnnotation('error', annotation);
}

/** `::warning …`: the same properties as an error annotation. */
function formatWarningAnnotation(annotation: Annotation): string {
  return formatAnnotation('warning', annotation);
}

function formatAnnotation(level: 'error' | 'warning' | 'notice', annotation: Annotation): string {
  // GitHub ignores line without file, and col without line.
  const hasFile = annotation.file !== undefined && annotation.file !== '';
  const hasLine = hasFile && annotation.line !== undefined;
  const properties = [
    ...(hasFile ? [`file=${escapeProperty(annotation.file ?? '')}`] : []),
    ...(hasLine ? [`line=${annotation.line}`] : []),
    ...(hasLine && annotation.col !== undefined ? [`col=${annotation.col}`] : []),
    `title=${escapeProperty(annotation.title)}`,
  ];
  return `::${level} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

/**
 * GitHub shows at most 10 error and 10 warning annotations per step and drops the rest silently, so a long list
 * ends with one line that says how many more the log holds.
 */
const annotationLimit = 10;

/** One `::error` per problem of a pre-flight error, at its file, line and column (docs/ci.md). */
export function problemAnnotations(error: GitmoxiError): string[] {
  const problems: readonly Problem[] =
    error.problems.length > 0 ? error.problems : error.location ? [{ code: error.code, message: error.message, location: error.location }] : [];
  if (problems.length === 0) return [formatErrorAnnotation({ title: `gitmoxi: ${error.code}`, message: `${error.message}\n${error.hint}` })];
  const shown = problems.slice(0, problems.length > annotationLimit ? annotationLimit - 1 : annotationLimit);
  const lines = shown.map((problem) =>
    formatErrorAnnotation({
      ...locationTarget(problem.location),
      title: `gitmoxi: ${problem.code}`,
      message: problem.hint ? `${problem.message}\n${problem.hint}` : problem.message,
    }),
  );
  const more = problems.length - shown.length;
  if (more > 0) lines.push(formatErrorAnnotation({ title: 'gitmoxi: more problems', message: `${more} more problems: see the log` }));
  return lines;
}

/**
 * One `::warning` per plan warning. A unit's warnings are written `path:line:col: text` when they have a place
 * (src/defs/unit-warnings.ts); the others point at the unit's first changed file.
 */
export function warningAnnotations(plan: Plan): string[] {
  const lines: string[] = [];
  for (const unit of plan.units) {
    const fallback = unit.changedFiles[0]?.path;
    for (const warning of unit.warnings) {
      const placed = placedWarning(warning);
      const target = placed?.target ?? (fallback !== undefined ? { file: fallback } : {});
      lines.push(formatWarningAnnotation({ ...target, title: `gitmoxi: ${unit.prefix}`, message: placed?.text ?? warning }));
    }
  }
  for (const warning of plan.warnings) lines.push(formatWarningAnnotation({ title: 'gitmoxi plan', message: warning }));
  if (lines.length <= annotationLimit) return lines;
  return [
    ...lines.slice(0, annotationLimit - 1),
    formatWarningAnnotation({ title: 'gitmoxi: more warnings', message: `${lines.length - annotationLimit + 1} more warnings: see the log` }),
  ];
}

/** Where a problem's annotation points: its file, line and column (`col` only GitHub's name for it). */
export function locationTarget(location: SourceLocation): Partial<AnnotationTarget> {
  if (location.file === '') return {};
  return {
    file: location.file,
    ...(location.line !== undefined ? { line: location.line } : {}),
    ...(location.column !== undefined ? { col: location.column } : {}),
  };
}

/** `apps/web/web_svcdef.json:12:5: text` → its place and the text; null when the warning names no file. */
function placedWarning(warning: string): { target: AnnotationTarget; text: string } | null {
  const match = /^([^\s:]+\.json):(\d+)(?::(\d+))?: (.+)$/s.exec(warning);
  if (match === null) return null;
  const [, file = '', line, col, text = ''] = match;
  return { target: { file, line: Number(line), ...(col !== undefined ? { col: Number(col) } : {}) }, text };
}

/**
 * One error annotation per failed, rolled-back or busy unit and a notice per pinned unit, at the unit's target:
 * the file whose change most likely caused the failure, with its line (src/report/cause-file.ts). One per unit
 * rather than one per file because GitHub shows only 10 error annotations per step: units that need an operator
 * come first so they are never the ones cut off.
 */
export function failureAnnotations(results: readonly UnitResult[], targets: ReadonlyMap<string, AnnotationTarget>): string[] {
  const of = (outcome: UnitResult['outcome']) => results.filter((r) => r.outcome === outcome);
  const annotate = (level: 'error' | 'notice') => (result: UnitResult) =>
    formatAnnotation(level, { ...targets.get(result.unit), title: annotationTitle(result), message: annotationMessage(result) });
  // A pinned unit is not an error (exit 0), but a pipeline that deployed nothing should say why where it is read.
  return [...[...of('failed'), ...of('rolled-back'), ...of('not-started'), ...of('busy')].map(annotate('error')), ...of('pinned').map(annotate('notice'))];
}

/** The units failureAnnotations annotates. */
export function annotatedUnits(results: readonly UnitResult[]): string[] {
  return results.filter((r) => ['failed', 'rolled-back', 'busy', 'pinned'].includes(r.outcome)).map((r) => r.unit);
}

function annotationTitle(result: UnitResult): string {
  if (result.outcome === 'busy') return `gitmoxi: ${result.unit} was not deployed: another deployment drives it`;
  if (result.outcome === 'pinned') return `gitmoxi: ${result.unit} is pinned after an operator rollback`;
  if (result.outcome === 'not-started') return `gitmoxi: ${result.unit} failed before any change`;
  const what = result.interrupted === true ? 'was interrupted' : 'failed';
  return result.outcome === 'failed' ? `gitmoxi: ${result.unit} ${what} and could not be restored` : `gitmoxi: ${result.unit} ${what} and was rolled back`;
}

function annotationMessage(result: UnitResult): string {
  const lines: string[] = [];
  const summary = result.report?.summary ?? result.error?.message ?? result.note;
  if (summary !== undefined) lines.push(oneLine(summary));
  if (result.report !== undefined) lines.push(`step: ${result.report.step}`);
  const action = operatorAction(result);
  if (action !== undefined) lines.push(`operator action: ${action}`);
  return lines.join('\n');
}

/**
 * Appends Markdown to the job's step summary. Returns false, writing nothing, outside GitHub Actions (no
 * GITHUB_STEP_SUMMARY). Appends rather than overwrites: other steps of the job write to the same file.
 */
export async function appendStepSummary(env: NodeJS.ProcessEnv, markdown: string): Promise<boolean> {
  const path = env.GITHUB_STEP_SUMMARY;
  if (path === undefined || path === '') return false;
  await appendFile(path, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
  return true;
}
