import { Writable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CommandIo } from '../cli/io.js';
import { parseJsonSource } from '../defs/json-source.js';
import type { DeployEvent } from '../events/types.js';
import { createRedactor } from '../report/redactor.js';
import { runNotifications, type NotifiedUnit } from './run-notifications.js';

const commit = 'c0ffee0000000000000000000000000000000000';

/** A unit rendered without validation (as a deleted unit is): its webhooks are read from the depdef. */
function unitWith(webhooks: unknown): NotifiedUnit {
  const depdef = JSON.stringify(webhooks === undefined ? {} : { webhooks });
  return { definitions: null, documents: [{ kind: 'depdef', path: 'apps/web/web_depdef.json', source: parseJsonSource(depdef, 'apps/web/web_depdef.json') }] };
}

function hook(name: string, url: string, template: unknown = { text: `${name}: {stage}` }) {
  return [{ name, urls: [url], payload_template: template }];
}

function recorder() {
  const lines: string[] = [];
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const io = { stdout: process.stdout, stderr, env: {}, cwd: '/', signal: new AbortController().signal, redactor: createRedactor() } as unknown as CommandIo;
  const posts: { url: string; body: Record<string, unknown> }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    posts.push({ url: String(url), body: JSON.parse(String(init?.body)) as Record<string, unknown> });
    return new Response('', { status: String(url).includes('broken') ? 502 : 200 });
  }) as typeof globalThis.fetch;
  return { io, posts, fetch, lines };
}

const started = (unit: string): DeployEvent => ({ type: 'unit.started', time: 0, unit, strategy: 'ecs-rolling', action: 'deploy', region: 'us-east-1' });

test('nothing to notify: no notifier at all', () => {
  const { io } = recorder();
  assert.is(runNotifications({ urls: undefined, commit, units: [new Map([['apps/web/web', unitWith(undefined)]])], io, deferWarnings: false }), null);
});

test('the newer settings win; a unit only in the older commit (being deleted) keeps its webhooks', async () => {
  const { io, posts, fetch } = recorder();
  const after = new Map([['apps/web/web', unitWith(hook('new', 'https://h.example/new'))]]);
  const before = new Map([
    ['apps/web/web', unitWith(hook('old', 'https://h.example/old'))],
    ['apps/gone/gone', unitWith(hook('gone', 'https://h.example/gone'))],
  ]);
  const notifications = runNotifications({ urls: undefined, commit, units: [after, before], io, deferWarnings: false, fetch });
  notifications?.emit(started('apps/web/web'));
  notifications?.emit(started('apps/gone/gone'));
  await notifications?.close();
  assert.equal(posts.map((p) => [p.url, p.body.text]).sort(), [
    ['https://h.example/gone', 'gone: start'],
    ['https://h.example/new', 'new: start'],
  ]);
});

test("every body passes through the run's redactor: a secret in a reason or in a rendered template is not sent", async () => {
  const { io, posts, fetch } = recorder();
  io.redactor.add(['db-password-123', 'grafana-token-456']);
  const template = { text: '{message}', link: 'https://grafana.example/d?token=grafana-token-456', retries: 3 };
  const units = [new Map([['apps/web/web', unitWith(hook('slack', 'https://h.example/slack', template))]])];
  const notifications = runNotifications({ urls: ['https://h.example/own'], commit, units, io, deferWarnings: false, fetch });
  notifications?.emit({ type: 'rollback.started', time: 0, unit: 'apps/web/web', reason: 'login failed with db-password-123' });
  notifications?.emit({ type: 'rollback.finished', time: 0, unit: 'apps/web/web', restored: true });
  await notifications?.close();
  assert.is(posts.length, 2);
  for (const post of posts) assert.not.match(JSON.stringify(post.body), /db-password-123|grafana-token-456/);
  const slack = posts.find((p) => p.url.endsWith('/slack'))?.body;
  assert.equal(slack, {
    text: 'apps/web/web rolled back (login failed with (sensitive)): the previous version runs again',
    link: 'https://grafana.example/d?token=(sensitive)',
    retries: 3,
  });
  assert.match(String(posts.find((p) => p.url.endsWith('/own'))?.body.message), /\(sensitive\)/);
});

test('warnings wait for close() when the live view is drawing, and come once per URL', async () => {
  const { io, fetch, lines } = recorder();
  const notifications = runNotifications({ urls: ['https://broken.example/T/B/token'], commit, units: [], io, deferWarnings: true, fetch });
  notifications?.emit(started('apps/web/web'));
  notifications?.emit(started('apps/api/api'));
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(lines, [], 'nothing printed under the live view');
  await notifications?.close();
  assert.is(lines.length, 1, lines.join(''));
  assert.match(
    lines[0] ?? '',
    /^gitmoxi: warning: webhook '--notify' \(https:\/\/broken\.example\) did not take the notification for apps\/web\/web: HTTP 502;/,
  );
  assert.not.ok(lines[0]?.includes('token'));
});

test.run();
