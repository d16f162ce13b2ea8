/**
 * The installed package's own folder (where package.json and examples/ are). Found by walking up from this
 * module rather than by a fixed `../..`: the same code runs from tsc's dist/ tree in development and from the
 * single bundle in dist/bundle/ that users install, at different depths.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordOf } from './is-record.js';

let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && recordOf(JSON.parse(readFileSync(manifest, 'utf8'))).name === 'gitmoxi') {
      root = dir;
      return root;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no gitmoxi package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export function packageVersion(): string {
  const { version } = recordOf(JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')));
  if (typeof version !== 'string') throw new Error(`no version in ${join(packageRoot(), 'package.json')}`);
  return version;
}
