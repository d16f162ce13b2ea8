/**
 * Sends notifications: best effort, in the background, bounded. Posts to one URL go in order (a channel reads
 * "started" before "deployed"); posts to different URLs go in parallel up to a small bound; each post has a
 * timeout. A failure (refused, 3xx/4xx/5xx, timeout) is reported once per URL and never reaches the deployment.
 * URLs carry tokens (Slack: /services/T…/B…/secret), so only their scheme and host are ever shown.
 */
import pLimit from 'p-limit';
import { recordOf } from '../is-record.js';

export interface PostTarget {
  url: string;
  /** How the webhook is named in a warning: its `name`, or `--notify`. */
  label: string;
}

export interface SendFailure {
  label: string;
  /** Scheme and host of the URL: nothing that could be its token. */
  origin: string;
  unit: string;
  reason: string;
}

export interface SenderOptions {
  fetch?: typeof globalThis.fetch;
  /** Per post (default 5 s). */
  timeoutMs?: number;
  /** Posts in flight at once, over every URL (default 4). */
  concurrency?: number;
  /** Called at most once per URL, on its first failure. */
  onFailure(failure: SendFailure): void;
}

export interface Sender {
  post(target: PostTarget, unit: string, body: unknown): void;
  /** Waits for every queued post, at most `limitMs`; abandons the rest and says how many were not sent. */
  drain(limitMs: number): Promise<number>;
}

const defaultPostTimeoutMs = 5000;

export function createSender(options: SenderOptions): Sender {
  const send = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? defaultPostTimeoutMs;
  const limit = pLimit(options.concurrency ?? 4);
  const abandon = new AbortController();
  const queues = new Map<string, Promise<void>>();
  const failed = new Set<string>();
  let unsent = 0;

  const attempt = async (target: PostTarget, unit: string, body: unknown): Promise<void> => {
    if (abandon.signal.aborted) return;
    const reason = await postOnce(send, target.url, body, AbortSignal.any([abandon.signal, AbortSignal.timeout(timeoutMs)]), timeoutMs);
    // Cut short by drain: counted as not sent, and not the webhook's fault.
    if (abandon.signal.aborted) return;
    unsent -= 1;
    if (reason === null || failed.has(target.url)) return;
    failed.add(target.url);
    options.onFailure({ label: target.label, origin: originOf(target.url), unit, reason });
  };

  return {
    post(target, unit, body) {
      unsent += 1;
      const previous = queues.get(target.url) ?? Promise.resolve();
      // A throwing onFailure must not break the chain: later posts to the URL still go.
      queues.set(
        target.url,
        previous.then(() => limit(() => attempt(target, unit, body))).catch(() => undefined),
      );
    },
    async drain(limitMs) {
      let timer: NodeJS.Timeout | undefined;
      const expired = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, limitMs);
        // The wait must never be what keeps a finished run alive.
        timer.unref();
      });
      await Promise.race([Promise.all(queues.values()), expired]);
      clearTimeout(timer);
      abandon.abort();
      return Math.max(0, unsent);
    },
  };
}

/** null when the webhook accepted the post, else why not (without the URL). */
async function postOnce(send: typeof globalThis.fetch, url: string, body: unknown, signal: AbortSignal, timeoutMs: number): Promise<string | null> {
  try {
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      // A redirect would turn the POST into a GET elsewhere; webhooks answer where they are.
      redirect: 'manual',
      signal,
    });
    await response.body?.cancel().catch(() => undefined);
    return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`;
  } catch (error) {
    const { name, cause } = recordOf(error);
    if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
    const { code } = recordOf(cause);
    return typeof code === 'string' ? `cannot connect (${code})` : 'cannot connect';
  }
}

/** `https://hooks.slack.com/services/T0/B0/secret` → `https://hooks.slack.com`. */
export function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : '(not a URL)';
}
