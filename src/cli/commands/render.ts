import { GitmoxiError } from '../../errors.js';
import { findRepoRoot } from '../../git/git.js';
import { resolveCommit } from '../../git/revisions.js';
import { openTree } from '../../git/read.js';
import { renderUnit } from '../../plan/render-unit.js';
import { RepoFiles } from '../../plan/repo-files.js';
import { redact } from '../../render/redact.js';
import { registerUnitSecrets } from '../../report/unit-secrets.js';
import { groupUnits } from '../../units/group.js';
import type { CommandIo, GlobalOptions } from '../io.js';
import { normaliseUnit } from './plan.js';

export interface RenderOptions {
  at: string;
}

/**
 * `gitmoxi render UNIT`: the unit's definitions exactly as they would be deployed, sensitive values redacted.
 * Validation problems are printed after the rendered text (exit 2), since seeing the text is how one fixes them.
 */
export async function render(unitArg: string, options: RenderOptions, global: GlobalOptions, io: CommandIo): Promise<number> {
  const root = await findRepoRoot(global.repo);
  const commit = await resolveCommit(root, options.at);
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
    const files = rendered.documents.map((d) => ({ path: d.path, kind: d.kind, text: redact(d.source.text, rendered.sensitiveValues) }));
    if (global.json) {
      io.stdout.write(`${JSON.stringify({ schemaVersion: 1, unit: prefix, commit, files })}\n`);
    } else {
      for (const file of files) io.stdout.write(`==> ${file.path} <==\n${file.text}${file.text.endsWith('\n') ? '' : '\n'}`);
    }
    if (rendered.problems.length > 0) {
      throw new GitmoxiError('E_DEF_INVALID', `${prefix} does not render or validate at ${commit.slice(0, 12)}`, {
        problems: rendered.problems,
      });
    }
    return 0;
  } finally {
    reader.close();
  }
}
