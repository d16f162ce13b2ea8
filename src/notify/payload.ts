/**
 * The body POSTed for a notification: the webhook's payload_template with its placeholders filled, or, without
 * one, gitmoxi's own JSON (versioned: bump `notificationSchemaVersion` on any incompatible change and describe it
 * in docs/notifications.md). Either way every string in the body is redacted with the unit's sensitive values,
 * so a secret that reached a message (a failure reason, a rendered template) is never sent.
 */
import type { UnitOutcome } from '../deploy/results.js';
import { redact } from '../render/redact.js';
import { fillTemplate, mapStrings } from './placeholders.js';
import type { Notification, NotificationStage } from './stages.js';

export const notificationSchemaVersion = 1;

/** gitmoxi's own notification body. */
export interface NotificationBody {
  schemaVersion: typeof notificationSchemaVersion;
  source: 'gitmoxi';
  /** The message again, under the name Slack and compatible chat webhooks display. */
  text: string;
  unit: string;
  stage: NotificationStage;
  message: string;
  commit: string;
  /** The unit's outcome on its last notification (success, failure); null before. */
  outcome: UnitOutcome | null;
  /** ISO 8601, UTC. */
  time: string;
  traffic?: { step: number; steps: number; percent: number };
}

export interface PayloadInput {
  notification: Notification;
  commit: string;
  /** The webhook's payload_template; undefined: gitmoxi's own body. */
  template: unknown;
  sensitiveValues: readonly string[];
}

export function notificationPayload(input: PayloadInput): unknown {
  const { notification, commit } = input;
  const body =
    input.template === undefined
      ? ownBody(notification, commit)
      : fillTemplate(input.template, { message: notification.message, stage: notification.stage, unit: notification.unit, commit });
  return input.sensitiveValues.length === 0 ? body : mapStrings(body, (text) => redact(text, input.sensitiveValues));
}

function ownBody(notification: Notification, commit: string): NotificationBody {
  const body: NotificationBody = {
    schemaVersion: notificationSchemaVersion,
    source: 'gitmoxi',
    text: notification.message,
    unit: notification.unit,
    stage: notification.stage,
    message: notification.message,
    commit,
    outcome: notification.outcome ?? null,
    time: new Date(notification.time).toISOString(),
  };
  if (notification.traffic !== undefined) body.traffic = notification.traffic;
  return body;
}
