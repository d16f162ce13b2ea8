import { spawnGit } from './git-process.js';
import { GitmoxiError } from '../errors.js';
import { gitFailure } from './git.js';

/** What `git cat-file --batch` answered for one object name. */
export type BatchAnswer = { kind: 'object'; type: string; content: Buffer } | { kind: 'absent' };

/**
 * One long-lived `git cat-file --batch --follow-symlinks` process. Object names are written to its stdin and
 * the answers come back in the same order on stdout, so many requests can be in flight at once (pipelining is
 * what makes reading thousands of files fast). Names with a newline need `nulTerminated` (git ≥ 2.38's `-z`).
 *
 * The process keeps the event loop alive only while requests are pending, so a reader that is never closed
 * does not hang the CLI on exit.
 */
export class CatFileBatch {
  private readonly subprocess: ReturnType<typeof spawnBatch>;
  private readonly waiting: Array<{ name: string; resolve: (answer: BatchAnswer) => void; reject: (error: Error) => void }> = [];
  private readonly bytes = new ByteQueue();
  private readonly separator: string;
  private failure: Error | undefined;
  private stderr = '';

  constructor(
    repoDir: string,
    readonly nulTerminated: boolean,
  ) {
    this.separator = nulTerminated ? '\0' : '\n';
    const args = ['cat-file', '--batch', '--follow-symlinks', ...(nulTerminated ? ['-z'] : [])];
    this.subprocess = spawnBatch(repoDir, args);
    this.subprocess.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.subprocess.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-4000);
    });
    this.subprocess.stdin.on('error', () => undefined); // EPIPE after git died: reported through the exit below
    this.subprocess.on('error', (error) => this.fail(gitFailure(args, undefined, this.stderr, error)));
    this.subprocess.on('close', (code) =>
      this.fail(
        code === 0 ? new GitmoxiError('E_GIT', 'git cat-file --batch exited while reads were pending') : gitFailure(args, code ?? undefined, this.stderr),
      ),
    );
    this.setAlive(false);
  }

  /** Requests every name at once (one write), answers in the same order. */
  request(names: readonly string[]): Promise<BatchAnswer[]> {
    if (this.failure) return Promise.reject(this.failure);
    const answers = names.map((name) => new Promise<BatchAnswer>((resolve, reject) => this.waiting.push({ name, resolve, reject })));
    if (names.length > 0) {
      this.setAlive(true);
      this.subprocess.stdin.write(names.map((name) => name + this.separator).join(''));
    }
    return Promise.all(answers);
  }

  /** Lets git finish the pending answers and exit; later requests fail. */
  close(): void {
    if (!this.failure) this.failure = new GitmoxiError('E_INTERNAL', 'read from a tree reader after close()');
    this.subprocess.stdin.end();
    if (this.waiting.length === 0) this.setAlive(false);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.waiting.splice(0)) pending.reject(error);
    this.setAlive(false);
  }

  private setAlive(alive: boolean): void {
    const method = alive ? 'ref' : 'unref';
    this.subprocess[method]();
    for (const stream of [this.subprocess.stdin, this.subprocess.stdout, this.subprocess.stderr]) {
      // The pipes are sockets, which can be unref'd; typed as plain streams, so the method is looked up.
      const toggle: unknown = stream === null ? undefined : Reflect.get(stream, method);
      if (typeof toggle === 'function') toggle.call(stream);
    }
  }

  private receive(chunk: Buffer): void {
    this.bytes.push(chunk);
    try {
      let next = this.waiting[0];
      while (next) {
        const answer = this.parseOne(next.name);
        if (!answer) return;
        this.waiting.shift();
        next.resolve(answer);
        next = this.waiting[0];
      }
      if (this.waiting.length === 0) this.setAlive(false);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
      this.subprocess.kill();
    }
  }

  /** One answer from the front of the queue, or undefined until enough bytes have arrived. */
  private parseOne(name: string): BatchAnswer | undefined {
    const lineEnd = this.bytes.indexOf(0x0a);
    if (lineEnd < 0) return undefined;
    const header = this.bytes.peek(lineEnd).toString('latin1');
    const found = /^[0-9a-f]{40,64} (\S+) (\d+)$/.exec(header);
    // dangling/loop/notdir/symlink: --follow-symlinks could not land inside the tree, so there is no file.
    const unresolved = /^(?:dangling|loop|notdir|symlink) (\d+)$/.exec(header);
    const size = Number(found?.[2] ?? unresolved?.[1] ?? -1);
    if (size >= 0) {
      if (this.bytes.length < lineEnd + 1 + size + 1) return undefined;
      this.bytes.skip(lineEnd + 1);
      const content = this.bytes.take(size);
      this.bytes.skip(1);
      return found?.[1] ? { kind: 'object', type: found[1], content } : { kind: 'absent' };
    }
    // `<name> missing` (or `ambiguous`): matched against what we sent, since the name may contain a newline.
    for (const word of ['missing', 'ambiguous']) {
      const expected = Buffer.from(`${name} ${word}\n`);
      if (this.bytes.length < expected.length) return undefined;
      if (this.bytes.peek(expected.length).equals(expected)) {
        this.bytes.skip(expected.length);
        return { kind: 'absent' };
      }
    }
    throw new GitmoxiError('E_INTERNAL', `unexpected answer from git cat-file --batch: ${JSON.stringify(header.slice(0, 200))}`);
  }
}

function spawnBatch(repoDir: string, args: string[]) {
  return spawnGit(repoDir, args);
}

/** A FIFO of received chunks that copies bytes only when an answer is taken out (a 5 MB blob is copied once). */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }

  indexOf(byte: number): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      const at = chunk.indexOf(byte);
      if (at >= 0) return offset + at;
      offset += chunk.length;
    }
    return -1;
  }

  /** The first `count` bytes (count ≤ length), merging just the chunks they span so each byte is joined once. */
  peek(count: number): Buffer {
    let spanned = 0;
    let covered = 0;
    while (covered < count) covered += this.chunks[spanned++]?.length ?? Infinity;
    if (spanned > 1) this.chunks.splice(0, spanned, Buffer.concat(this.chunks.slice(0, spanned)));
    return (this.chunks[0] ?? Buffer.alloc(0)).subarray(0, count);
  }

  take(count: number): Buffer {
    const taken = Buffer.from(this.peek(count)); // a copy: callers keep it after the chunks are gone
    this.skip(count);
    return taken;
  }

  skip(count: number): void {
    let left = count;
    while (left > 0) {
      const first = this.chunks[0];
      if (!first) break;
      if (first.length <= left) {
        this.chunks.shift();
        left -= first.length;
      } else {
        this.chunks[0] = first.subarray(left);
        left = 0;
      }
    }
    this.length -= count - left;
  }
}
