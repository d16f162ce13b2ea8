import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createSender, originOf, type SendFailure } from './sender.js';

const hook = 'https://hooks.example.com/services/T000/B000/token-abc';

/** A fetch that records bodies per URL and answers with `status` (or throws `error`), after `delayMs`. */
function fakeFetch(answer: (url: string) => { status?: number; error?: Error; delayMs?: number }) {
  const seen: { url: string; body: unknown }[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const { status = 200, error, delayMs = 0 } = answer(url);
    await new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, delayMs);
      init?.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      });
    });
    seen.push({ url, body: JSON.parse(String(init?.body)) as unknown });
    if (error) throw error;
    return new Response('', { status });
  }) as typeof globalThis.fetch;
  return { fetch, seen };
}

test('posts to one URL arrive in the order they were made, even when earlier ones are slower', async () => {
  const { fetch, seen } = fakeFetch(() => ({ delayMs: 5 }));
  const sender = createSender({ fetch, onFailure: () => assert.unreachable('no failure') });
  for (const stage of ['start', 'traffic', 'success']) sender.post({ url: hook, label: 'slack' }, 'web', { stage });
  assert.is(await sender.drain(5000), 0);
  assert.equal(
    seen.map((s) => (s.body as { stage: string }).stage),
    ['start', 'traffic', 'success'],
  );
});

test('a failing URL is reported once, by scheme and host only; the others still get their posts', async () => {
  const failures: SendFailure[] = [];
  const { fetch, seen } = fakeFetch((url) => (url === hook ? { status: 500 } : {}));
  const sender = createSender({ fetch, onFailure: (f) => failures.push(f) });
  for (const stage of ['start', 'success']) {
    sender.post({ url: hook, label: 'slack' }, 'web', { stage });
    sender.post({ url: 'http://127.0.0.1:9/ok', label: '--notify' }, 'web', { stage });
  }
  assert.is(await sender.drain(5000), 0);
  assert.equal(failures, [{ label: 'slack', origin: 'https://hooks.example.com', unit: 'web', reason: 'HTTP 500' }]);
  assert.is(seen.length, 4);
});

test('refused connections and timeouts are failures with a reason, never thrown', async () => {
  const failures: SendFailure[] = [];
  const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
  const { fetch } = fakeFetch((url) => (url.includes('refused') ? { error: refused } : { delayMs: 1000 }));
  const sender = createSender({ fetch, timeoutMs: 20, onFailure: (f) => failures.push(f) });
  sender.post({ url: 'http://refused.example/x', label: 'a' }, 'web', {});
  sender.post({ url: 'http://slow.example/x', label: 'b' }, 'web', {});
  await sender.drain(5000);
  assert.equal(failures.map((f) => f.reason).sort(), ['cannot connect (ECONNREFUSED)', 'no answer within 0.02 s']);
});

test('drain gives up after its limit and counts what was not sent', async () => {
  const { fetch } = fakeFetch(() => ({ delayMs: 10_000 }));
  const failures: SendFailure[] = [];
  const sender = createSender({ fetch, onFailure: (f) => failures.push(f) });
  for (let i = 0; i < 3; i++) sender.post({ url: hook, label: 'slack' }, 'web', { i });
  assert.is(await sender.drain(30), 3);
  assert.equal(failures, [], 'posts cut short by the end of the run are not blamed on the webhook');
});

test('originOf keeps the scheme, host and port, never the path or query', () => {
  assert.is(originOf('https://hooks.slack.com/services/T0/B0/secret?x=1'), 'https://hooks.slack.com');
  assert.is(originOf('http://user:pw@127.0.0.1:8080/hook'), 'http://127.0.0.1:8080');
});

test.run();
