/**
 * Compares renderer output with a golden file beside this helper. `UPDATE_GOLDEN=1` rewrites the file instead,
 * after a deliberate change of output: review the diff before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as assert from 'uvu/assert';

const goldenDir = fileURLToPath(new URL('./', import.meta.url));

export function expectGolden(name: string, actual: string): void {
  const path = `${goldenDir}${name}`;
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) assert.unreachable(`golden file test/golden/report/${name} is missing: run the tests with UPDATE_GOLDEN=1`);
  assert.fixture(actual, readFileSync(path, 'utf8'), `output differs from test/golden/report/${name} (UPDATE_GOLDEN=1 rewrites it)`);
}
