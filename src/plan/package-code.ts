/**
 * Beyond GitMoxi (docs/design.md#lambda): `Code.ZipFile` in a lambdadef may name a .zip file or a folder in the
 * repository, read at the same commit as the definitions (never the working tree). A folder is zipped deterministically
 * (zip-archive.ts), so its bytes, and so the unit's hash and Lambda's CodeSha256, change exactly when a file in it
 * does. The path is relative to the repository root, like `ref.file`. Any other file becomes a one-file package under
 * its own name. The package travels with the unit's definitions to the deploy.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Problem } from '../errors.js';
import { recordOf } from '../is-record.js';
import type { TreeReader } from '../git/read.js';
import type { UnitFiles } from '../units/group.js';
import { documentOf, renderUnit, type RenderedUnit } from './render-unit.js';
import type { RepoFiles } from './repo-files.js';
import { writeZip } from './zip-archive.js';

/** Lambda takes a .zip of at most 50 MB in the request (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
const maxInlineZipBytes = 50 * 1024 * 1024;

/** Attaches the package to every Lambda unit whose lambdadef names a repository path; problems go to the unit. */
export async function packageLambdaCode(reader: TreeReader, units: Iterable<RenderedUnit>): Promise<void> {
  let listing: Promise<string[]> | undefined;
  for (const unit of units) {
    const definitions = unit.definitions;
    if (definitions?.platform !== 'lambda' || definitions.lambdadef.Code.ZipFile === undefined) continue;
    const document = documentOf(unit, 'lambdadef');
    const location = document?.source.locate(['Code', 'ZipFile']) ?? { file: unit.prefix };
    const problem = (message: string, hint: string): Problem => ({ code: 'E_DEF_INVALID', message: `Code.ZipFile: ${message}`, location, hint });
    const path = repoPath(definitions.lambdadef.Code.ZipFile);
    if (path === null) {
      unit.problems.push(problem('must stay inside the repository', 'Give a path relative to the repository root, without leading / or ../.'));
      unit.definitions = null;
      continue;
    }
    listing ??= reader.list();
    const bytes = await packageBytes(reader, path, await listing);
    if (bytes === null || bytes.length > maxInlineZipBytes) {
      unit.problems.push(
        bytes === null
          ? problem(`${path} is neither a file nor a folder with files at this commit`, 'Commit the code, or fix the path (relative to the repository root).')
          : problem(
              `${path} packages to ${Math.ceil(bytes.length / 1024 / 1024)} MB, more than the 50 MB Lambda takes inline`,
              'Upload it to S3 and use Code.S3Bucket and Code.S3Key.',
            ),
      );
      unit.definitions = null;
      continue;
    }
    definitions.codePackage = { path, bytes, sha256: createHash('sha256').update(bytes).digest('base64') };
  }
}

/** A repository-relative path, or null when it leaves the repository. */
export function repoPath(value: string): string | null {
  const normalized = posix.normalize(value.replace(/^\.\//, '')).replace(/\/+$/, '');
  if (normalized.startsWith('/') || normalized === '..' || normalized.startsWith('../') || normalized === '.' || normalized === '') return null;
  return normalized;
}

async function packageBytes(reader: TreeReader, path: string, files: string[]): Promise<Uint8Array | null> {
  const inside = files.filter((file) => file.startsWith(`${path}/`));
  if (inside.length > 0) {
    const contents = await reader.readMany(inside);
    const entries = await Promise.all(
      inside.map(async (file) => ({
        path: file.slice(path.length + 1),
        bytes: contents.get(file) ?? Buffer.alloc(0),
        executable: await reader.isExecutable(file),
      })),
    );
    return writeZip(entries);
  }
  const single = await reader.read(path);
  if (single === null) return null;
  if (isZip(single)) return new Uint8Array(single);
  return writeZip([{ path: posix.basename(path), bytes: single, executable: await reader.isExecutable(path) }]);
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/**
 * The repository path each Lambda unit's `Code.ZipFile` names at a commit, for relevance: a change under it
 * redeploys the unit. Read from the lambdadef's text; a templated path needs the unit rendered.
 */
export async function codePaths(files: RepoFiles, units: ReadonlyMap<string, UnitFiles>): Promise<Map<string, string[]>> {
  const lambdaUnits = [...units.values()].filter((unit) => unit.files.lambdadef !== undefined);
  await files.prefetch(lambdaUnits.flatMap((unit) => (unit.files.lambdadef === undefined ? [] : [unit.files.lambdadef])));
  const paths = new Map<string, string[]>();
  for (const unit of lambdaUnits) {
    const path = await zipFileOf(files, unit);
    const normalized = path === null ? null : repoPath(path);
    if (normalized !== null) paths.set(unit.prefix, [normalized]);
  }
  return paths;
}

async function zipFileOf(files: RepoFiles, unit: UnitFiles): Promise<string | null> {
  const path = unit.files.lambdadef;
  if (path === undefined) return null;
  let text: string | null;
  try {
    text = await files.text(path);
  } catch {
    return null; // rendering reports unreadable files
  }
  const literal = text === null ? undefined : /"ZipFile"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
  if (literal === undefined) return null;
  if (!literal.includes('{{') && !literal.includes('{%')) {
    const decoded: unknown = JSON.parse(`"${literal}"`);
    return typeof decoded === 'string' ? decoded : null;
  }
  const rendered = await renderUnit(files, unit, { validate: false });
  const zipFile = recordOf(recordOf(documentOf(rendered, 'lambdadef')?.source.value).Code).ZipFile;
  return typeof zipFile === 'string' ? zipFile : null;
}
