import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseJsonSource } from '../defs/json-source.js';
import type { EcsUnitDefinitions } from '../defs/validate.js';
import { webhookUrls } from '../plan/webhook-urls.js';
import { webhooksOf } from './unit-webhooks.js';

function documents(settings: unknown, kind: 'depdef' | 'lambdadepdef' = 'depdef') {
  return [
    {
      kind: 'svcdef' as const,
      path: 'a_svcdef.json',
      source: parseJsonSource(JSON.stringify({ webhooks: [{ name: 'not-settings', urls: ['https://svc.example/x'] }] }), 'a_svcdef.json'),
    },
    { kind, path: `a_${kind}.json`, source: parseJsonSource(JSON.stringify(settings), `a_${kind}.json`) },
  ];
}

const unvalidated = (docs: ReturnType<typeof documents>) => ({ definitions: null, documents: docs });

test('webhooksOf: a validated unit’s settings carry them', () => {
  const webhooks = [{ name: 'validated', urls: ['https://hooks.example/v'] }];
  const definitions = { platform: 'ecs', depdef: { webhooks } } as unknown as EcsUnitDefinitions;
  assert.equal(webhooksOf({ definitions, documents: documents({ webhooks: [{ name: 'file', urls: ['https://hooks.example/f'] }] }) }), webhooks);
});

test('webhooksOf: a unit rendered without validation (being deleted) reads them from its depdef or lambdadepdef', () => {
  const webhooks = [{ name: 'slack', urls: ['https://hooks.example/T/B/x'], payload_template: { text: '{message}' } }];
  assert.equal(webhooksOf(unvalidated(documents({ webhooks }))), webhooks);
  assert.equal(webhooksOf(unvalidated(documents({ alias: 'live', webhooks }, 'lambdadepdef'))), webhooks);
});

test('webhooksOf: none without the key, without a settings file, or when the shape is invalid', () => {
  assert.equal(webhooksOf(unvalidated(documents({ environment: { region: 'us-east-1' } }))), []);
  assert.equal(webhooksOf(unvalidated(documents({}).slice(0, 1))), []);
  assert.equal(webhooksOf(unvalidated(documents({ webhooks: [{ name: 'x', urls: ['not a url'] }] }))), []);
});

test('webhookUrls: every URL string, even in an invalid entry, so that nothing prints one', () => {
  const webhooks = [{ name: 'a', urls: ['https://h.example/1', 'ftp://h.example/2'] }, { nme: 'typo', urls: ['https://h.example/3', 7] }, 'junk'];
  assert.equal(webhookUrls(documents({ webhooks })), ['https://h.example/1', 'ftp://h.example/2', 'https://h.example/3']);
  assert.equal(webhookUrls(documents({ webhooks: 'nope' })), []);
});

test.run();
