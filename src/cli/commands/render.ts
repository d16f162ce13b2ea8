import { ExitCode, formatProblem, GitmoxiError, type Problem } from '../../errors.js';
import { findRepoRoot } from '../../git/git.js';
import { resolveCommit } from '../../git/revisions.js';
import { openTree } from '../../git/read.js';
import { workingTreeCommit } from '../../git/working-tree.js';
import { renderUnit, type RenderedUnit } from '../../plan/render-unit.js';
import { RepoFiles } from '../../plan/repo-files.js';
import { redact } from '../../render/redact.js';
import { formatError } from '../../report/error-text.js';
import { registerUnitSecrets } from '../../report/unit-secrets.js';
import { groupUnits, type UnitFiles } from '../../units/group.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { normaliseUnit } from './plan.js';

export interface RenderOptions {
  at: string;
  workingTree?: boolean;
}

/** One rendered file as `render` shows it; `json` is false when the text does not parse. */
interface ShownFile {
  path: string;
  kind: string;
  json: boolean;
  text: string;
}

/**
 * `gitmoxi render UNIT`: the unit's definitions exactly as they would be deployed, sensitive values redacted.
 * Files are shown even when they are not valid JSON, with the problems after them (exit 2), since seeing the
 * text is how one fixes them; warnings (a placeholder left in a value) go to stderr. With --json, stdout holds
 * exactly one JSON document, problems and warnings included.
 */
export async function render(unitArg: string, options: RenderOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const root = await findRepoRoot(global.repo);
  // --working-tree: the checkout as it is, uncommitted edits included, read like any commit.
  const commit = options.workingTree ? await workingTreeCommit(root) : await resolveCommit(root, options.at);
  if (commit === null) throw new GitmoxiError('E_GIT_REV_MISSING', `no commit '${options.at}' in ${root}`);
  const reader = await openTree(root, commit);
  try {
    const prefix = normaliseUnit(unitArg);
    const unit = groupUnits(await reader.list()).get(prefix);
    if (unit === undefined) {
      throw new GitmoxiError('E_UNIT_NOT_FOUND', `no unit '${prefix}' at ${options.at} (${commit.slice(0, 12)})`);
    }
    const rendered = await renderUnit(new RepoFiles(reader), unit);
    registerUnitSecrets(io)(rendered);
    const hide = (text: string) => redact(text, rendered.sensitiveValues);
    const files = shownFiles(rendered, unit).map((file) => ({ ...file, text: hide(file.text) }));
    // A problem may quote a line of the rendered text, which may hold a secret.
    const problems = rendered.problems.map((p) => ({ ...p, message: hide(p.message) }));
    const warnings = (rendered.warnings ?? []).map(hide);
    const failure = problems.length === 0 ? null : invalid(prefix, commit, problems);
    if (global.json) {
      const document = { schemaVersion: 1, unit: prefix, commit, files, problems: problemsJson(problems), warnings };
      io.stdout.write(`${JSON.stringify(document)}\n`);
      for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
      // Printed here rather than thrown: main would add a second JSON document (the error) to stdout.
      if (failure !== null) io.stderr.write(formatError(failure, global.verbose));
      return failure === null ? ExitCode.Ok : failure.exitCode;
    }
    for (const file of files) io.stdout.write(`==> ${file.path} <==\n${file.text}${file.text.endsWith('\n') ? '' : '\n'}`);
    for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
    if (failure !== null) throw failure;
    return ExitCode.Ok;
  } finally {
    reader.close();
  }
}

/** Every file that rendered, valid JSON or not, in the order of the suffix table (the order they render in). */
function shownFiles(rendered: RenderedUnit, unit: UnitFiles): ShownFile[] {
  const kinds = new Map(Object.entries(unit.files).map(([kind, path]) => [path, kind]));
  const parsed = new Set(rendered.documents.map((d) => d.path));
  return [...(rendered.renderedTexts ?? [])].map(([path, text]) => ({ path, kind: kinds.get(path) ?? '', json: parsed.has(path), text }));
}

function invalid(prefix: string, commit: string, problems: Problem[]): GitmoxiError {
  return new GitmoxiError('E_DEF_INVALID', `${prefix} does not render or validate at ${commit.slice(0, 12)}`, { problems });
}

function problemsJson(problems: readonly Problem[]): unknown[] {
  return problems.map((p) => ({ ...p, text: formatProblem(p) }));
}
