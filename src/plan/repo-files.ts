/**
 * Text of repository files at one commit, read in batches and checked before anything parses them:
 * a definition is small UTF-8 JSON, so binary files and multi-megabyte files are refused with a clear error.
 */
import { GitmoxiError } from '../errors.js';
import type { TreeReader } from '../git/read.js';
import type { RefCache } from '../render/inputs.js';

/** Definition files larger than this are refused (AWS request bodies are far smaller). */
const maxDefinitionBytes = 1024 * 1024;
/** Ref files (Terraform or CDK outputs) may be larger, but not unbounded. */
export const maxRefBytes = 16 * 1024 * 1024;

export class RepoFiles {
  private readonly cache = new Map<string, Buffer | null>();
  /** Ref files parsed at this commit, shared by every unit that reads them. */
  readonly refs: RefCache = new Map();

  constructor(readonly reader: TreeReader) {}

  get commit(): string {
    return this.reader.commit;
  }

  /** Reads many files in one batch so that later `text` calls hit the cache. */
  async prefetch(paths: Iterable<string>): Promise<void> {
    const missing = [...new Set(paths)].filter((path) => !this.cache.has(path));
    if (missing.length === 0) return;
    const contents = await this.reader.readMany(missing);
    for (const path of missing) this.cache.set(path, contents.get(path) ?? null);
  }

  /** The file as text, or null when it does not exist at this commit. */
  async text(path: string, limit = maxDefinitionBytes): Promise<string | null> {
    if (!this.cache.has(path)) await this.prefetch([path]);
    const content = this.cache.get(path) ?? null;
    if (content === null) return null;
    return decodeDefinition(content, path, limit);
  }
}

function decodeDefinition(content: Buffer, path: string, limit: number): string {
  if (content.length > limit) {
    throw new GitmoxiError('E_FILE_TOO_LARGE', `file is ${formatBytes(content.length)}, more than the ${formatBytes(limit)} allowed`, {
      location: { file: path },
    });
  }
  if (content.includes(0)) {
    throw new GitmoxiError('E_FILE_BINARY', 'file is binary (it contains NUL bytes), not JSON text', { location: { file: path } });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new GitmoxiError('E_FILE_BINARY', 'file is not valid UTF-8 text', { location: { file: path } });
  }
  // Editors on Windows save a byte order mark; JSON parsers and Jinja would choke on it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    throw new GitmoxiError('E_FILE_EMPTY', 'file is empty', { location: { file: path } });
  }
  return text;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
