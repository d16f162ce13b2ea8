/**
 * Finding and parsing the configuration file a repository carries. Only data is read from a repository (JSON
 * and YAML, or the `"gitmoxi"` key of package.json): a `.js`/`.mjs`/`.ts` file would run with the AWS
 * credentials of whoever runs gitmoxi, so one is refused here and accepted only as an explicit `--config PATH`.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import { parseJsonSource } from '../defs/json-source.js';
import { GitmoxiError, type SourceLocation } from '../errors.js';
import { recordOf } from '../is-record.js';

/** Where repository configuration is read from: the working tree, or (in CI) the tree of a commit. */
export interface ConfigSource {
  /** The file as the user should see it in a message (`gitmoxi.config.json`, or with the commit in CI). */
  label(path: string): string;
  /** The file's text, or null when there is none. */
  read(path: string): Promise<string | null>;
}

/** A parsed configuration document: its value and where a key of it is written. */
export interface ConfigDocument {
  file: string;
  value: unknown;
  locate(path: readonly (string | number)[]): SourceLocation;
}

/** cosmiconfig's places for `gitmoxi`, in its order; the first one present wins. */
const searchPlaces = [
  'package.json',
  '.gitmoxirc',
  '.gitmoxirc.json',
  '.gitmoxirc.yaml',
  '.gitmoxirc.yml',
  '.gitmoxirc.js',
  '.gitmoxirc.cjs',
  '.gitmoxirc.mjs',
  '.gitmoxirc.ts',
  'gitmoxi.config.json',
  'gitmoxi.config.yaml',
  'gitmoxi.config.yml',
  'gitmoxi.config.js',
  'gitmoxi.config.cjs',
  'gitmoxi.config.mjs',
  'gitmoxi.config.ts',
  'gitmoxi.config.cts',
  'gitmoxi.config.mts',
] as const;

export function isCodeFile(path: string): boolean {
  return /\.[cm]?[jt]s$/.test(path);
}

/** The repository's configuration document, or null when it has none. Never runs a code file: refuses it. */
export async function findRepoConfig(source: ConfigSource): Promise<ConfigDocument | null> {
  for (const place of searchPlaces) {
    const text = await source.read(place);
    if (text === null) continue;
    const file = source.label(place);
    if (isCodeFile(place)) throw codeConfigRefused(file, place);
    if (place === 'package.json') {
      const document = parseConfigText(text, file, 'json');
      const value = recordOf(document.value).gitmoxi;
      if (value === undefined) continue;
      return { file, value, locate: (path) => document.locate(['gitmoxi', ...path]) };
    }
    return parseConfigText(text, file, place.endsWith('.json') ? 'json' : 'yaml');
  }
  return null;
}

function codeConfigRefused(file: string, place: string): GitmoxiError {
  return new GitmoxiError('E_CONFIG_INVALID', 'a configuration file that is code is not run from the repository: it would run with your AWS credentials', {
    location: { file },
    hint: `Write the settings as data (gitmoxi.config.json or gitmoxi.config.yaml), or, if you trust this file, pass it explicitly: --config ${place}`,
  });
}

/** JSON for `.json` files, YAML for the rest (YAML also reads JSON, as cosmiconfig does for `.gitmoxirc`). */
export function parseConfigText(text: string, file: string, format: 'json' | 'yaml'): ConfigDocument {
  if (format === 'json') {
    const source = parseJsonSource(text, file, 'E_CONFIG_INVALID');
    return { file, value: source.value, locate: (path) => source.locate(path) };
  }
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const [error] = document.errors;
  if (error !== undefined) {
    const at = lines.linePos(error.pos[0]);
    throw new GitmoxiError('E_CONFIG_INVALID', `invalid YAML: ${error.message.split('\n')[0]}`, {
      location: { file, line: at.line, column: at.col },
    });
  }
  const value: unknown = document.toJS();
  return {
    file,
    value,
    locate(path) {
      const offset = yamlOffset(document, path);
      if (offset === undefined) return { file };
      const at = lines.linePos(offset);
      return { file, line: at.line, column: at.col };
    },
  };
}

/** Where the key at `path` is written (a mapping's key, like the JSON locator), else its nearest parent. */
function yamlOffset(document: Document, path: readonly (string | number)[]): number | undefined {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? document.contents : document.getIn(path.slice(0, depth - 1), true);
    const key = path[depth - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (isScalar(pair?.key) && pair.key.range) return pair.key.range[0];
    }
  }
  return undefined;
}
