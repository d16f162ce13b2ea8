/**
 * The body POSTed for a notification: the webhook's payload_template with its placeholders filled, or, without
 * one, gitmoxi's own JSON (versioned: bump `notificationSchemaVersion` on any incompatible change and describe it
 * in docs/notifications.md). The notifier redacts the body before it is sent.
 */
import type { UnitOutcome } from '../events/results.js';
import { fillTemplate } from './placeholders.js';
import type { Notification, NotificationStage } from './stages.js';

export const notificationSchemaVersion = 1;

/** gitmoxi's own notification body. */
interface NotificationBody {
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
}

export function notificationPayload(input: PayloadInput): unknown {
  const { notification, commit } = input;
  if (input.template === undefined) return ownBody(notification, commit);
  return fillTemplate(input.template, { message: notification.message, stage: notification.stage, unit: notification.unit, commit });
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
