/**
 * GitHub Actions output: `::error` annotations on a failed unit's files and the Markdown step summary.
 * Workflow commands are read from stdout, so the caller prints annotations only when stdout is not NDJSON
 * (`--json`). https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import { appendFile } from 'node:fs/promises';
import type { UnitResult } from '../deploy/results.js';
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

export interface Annotation {
  /** Repository-relative path of the file the annotation points at. */
  file?: string;
  title: string;
  message: string;
}

/** `::error file=PATH,title=TITLE::MESSAGE` (a group title or any other command takes escapeData too). */
export function formatErrorAnnotation(annotation: Annotation): string {
  return formatAnnotation('error', annotation);
}

function formatAnnotation(level: 'error' | 'notice', annotation: Annotation): string {
  const properties = [
    ...(annotation.file !== undefined ? [`file=${escapeProperty(annotation.file)}`] : []),
    `title=${escapeProperty(annotation.title)}`,
  ];
  return `::${level} ${properties.join(',')}::${escapeData(annotation.message)}`;
}

/**
 * One error annotation per failed, rolled-back or busy unit and a notice per pinned unit, on the first of its files
 * (the caller lists the unit's main definition first). One per unit rather than one per file because GitHub shows
 * only 10 error annotations per step: units that need an operator come first so they are never the ones cut off.
 */
export function failureAnnotations(results: readonly UnitResult[], unitFiles: ReadonlyMap<string, readonly string[]>): string[] {
  const of = (outcome: UnitResult['outcome']) => results.filter((r) => r.outcome === outcome);
  const annotate = (level: 'error' | 'notice') => (result: UnitResult) => {
    const file = unitFiles.get(result.unit)?.[0];
    return formatAnnotation(level, { ...(file !== undefined ? { file } : {}), title: annotationTitle(result), message: annotationMessage(result) });
  };
  // A pinned unit is not an error (exit 0), but a pipeline that deployed nothing should say why where it is read.
  return [...[...of('failed'), ...of('rolled-back'), ...of('not-started'), ...of('busy')].map(annotate('error')), ...of('pinned').map(annotate('notice'))];
}

function annotationTitle(result: UnitResult): string {
  if (result.outcome === 'busy') return `gitmoxi: ${result.unit} was not deployed: another deployment drives it`;
  if (result.outcome === 'pinned') return `gitmoxi: ${result.unit} is pinned after an operator rollback`;
  if (result.outcome === 'not-started') return `gitmoxi: ${result.unit} failed before any change`;
  const what = result.interrupted === true ? 'was interrupted' : 'failed';
  return result.outcome === 'failed'
    ? `gitmoxi: ${result.unit} ${what} and could not be restored`
    : `gitmoxi: ${result.unit} ${what} and was rolled back`;
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
