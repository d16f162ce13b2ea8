/**
 * The notifier: a subscriber of the engine's events, like a renderer. It turns the events a webhook cares about
 * into notifications (stages.ts) and hands each unit's to its own webhooks and to the run-wide URLs (--notify,
 * the `notify` configuration key). It never throws into the engine: emitting is synchronous and cheap, the
 * posting happens in the sender's background queue.
 */
import type { Webhook } from '../defs/webhooks-schema.js';
import type { DeployEvent, EmitEvent } from '../events/types.js';
import { notificationPayload } from './payload.js';
import type { PostTarget, Sender } from './sender.js';
import { notificationFor } from './stages.js';

export interface NotifierOptions {
  /** The commit the run deploys (or, for an operator rollback, rolls back). */
  commit: string;
  /** Every unit notifies these with gitmoxi's own body. */
  urls: readonly string[];
  /** The unit's own webhooks (depdef or lambdadepdef `webhooks`). */
  unitWebhooks(unit: string): readonly Webhook[];
  /** Every secret of the run out of a body (the run's redactor): a message or a rendered template may hold one. */
  redact(body: unknown): unknown;
  sender: Sender;
  /** A notification that could not even be prepared (a bug): said, never thrown into the deployment. */
  warn(message: string): void;
}

/** The label run-wide URLs get in warnings: where they came from, not what they are. */
const runWideLabel = '--notify';

export function createNotifier(options: NotifierOptions): EmitEvent {
  const rollbackReasons = new Map<string, string>();
  return (event: DeployEvent) => {
    try {
      if (event.type === 'rollback.started') rollbackReasons.set(event.unit, event.reason);
      const reason = 'unit' in event ? rollbackReasons.get(event.unit) : undefined;
      const notification = notificationFor(event, { commit: options.commit, ...(reason !== undefined ? { rollbackReason: reason } : {}) });
      if (notification === null) return;
      const targets: { target: PostTarget; template: unknown }[] = [
        ...options.urls.map((url) => ({ target: { url, label: runWideLabel }, template: undefined })),
        ...options
          .unitWebhooks(notification.unit)
          .flatMap((hook) => hook.urls.map((url) => ({ target: { url, label: hook.name }, template: hook.payload_template }))),
      ];
      for (const { target, template } of targets) {
        const body = notificationPayload({ notification, commit: options.commit, template });
        options.sender.post(target, notification.unit, options.redact(body));
      }
    } catch (error) {
      options.warn(`gitmoxi: warning: a notification was not sent: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
