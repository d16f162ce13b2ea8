import { readFile } from 'node:fs/promises';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { errorCatalogue, unitErrorCatalogue } from './errors.js';

const docsPage = new URL('../docs/error-codes.md', import.meta.url);

test('docs/error-codes.md lists every code of both catalogues with its exit code', async () => {
  const page = await readFile(docsPage, 'utf8');
  for (const [code, entry] of Object.entries(errorCatalogue))
    assert.ok(page.includes(`| \`${code}\` | ${entry.exitCode} |`), `${code} is missing from the page`);
  for (const [code, entry] of Object.entries(unitErrorCatalogue)) {
    assert.ok(page.includes(`| \`${code}\` | ${entry.exitCodes.join(' or ')} |`), `${code} is missing from the page`);
  }
});

test('docs/error-codes.md names no code the catalogues do not have', async () => {
  const page = await readFile(docsPage, 'utf8');
  const known = new Set([...Object.keys(errorCatalogue), ...Object.keys(unitErrorCatalogue)]);
  const named = [...page.matchAll(/`(E_[A-Z_]+)`/g)].map((match) => match[1]);
  assert.equal(
    named.filter((code) => code !== undefined && !known.has(code)),
    [],
  );
});

test('a code is either thrown or carried by a unit, never both', () => {
  const both = Object.keys(unitErrorCatalogue).filter((code) => code in errorCatalogue);
  assert.equal(both, []);
});

test.run();
