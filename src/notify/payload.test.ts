import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { notificationPayload, notificationSchemaVersion } from './payload.js';
import type { Notification } from './stages.js';

const commit = '0123456789abcdef0123456789abcdef01234567';
const notification: Notification = {
  unit: 'apps/web/web',
  stage: 'traffic',
  message: 'apps/web/web: step 1 of 2: 10% of traffic on the new version',
  time: Date.UTC(2026, 0, 2, 3, 4, 5),
  traffic: { step: 1, steps: 2, percent: 10 },
};

test("without a template: gitmoxi's own versioned body, with text for Slack-compatible hooks", () => {
  assert.equal(notificationPayload({ notification, commit, template: undefined }), {
    schemaVersion: notificationSchemaVersion,
    source: 'gitmoxi',
    text: notification.message,
    unit: 'apps/web/web',
    stage: 'traffic',
    message: notification.message,
    commit,
    outcome: null,
    time: '2026-01-02T03:04:05.000Z',
    traffic: { step: 1, steps: 2, percent: 10 },
  });
});

test('with a template: the template, its placeholders filled', () => {
  const template = { text: '[{stage}] {message}', username: 'deploy-bot', icon: ':rocket:', meta: { unit: '{unit}', commit: '{commit}', other: '{other}' } };
  assert.equal(notificationPayload({ notification, commit, template }), {
    text: `[traffic] ${notification.message}`,
    username: 'deploy-bot',
    icon: ':rocket:',
    meta: { unit: 'apps/web/web', commit, other: '{other}' },
  });
});

test.run();
