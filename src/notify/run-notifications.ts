/**
 * Notifications for one command run: which URLs, which webhooks per unit, where warnings go, and waiting for
 * pending posts (bounded) before the command returns. `deploy` and `poll` put it beside their renderer
 * (`withNotifications`); `rollback` emits its two events to it directly.
 */
import type { ReportOutput } from '../report/output.js';
import type { EmitEvent } from '../events/types.js';
import type { RenderedUnit } from '../plan/render-unit.js';
import type { Renderer } from '../report/select.js';
import type { Webhook } from '../defs/webhooks-schema.js';
import { createNotifier } from './notifier.js';
import { createSender, type SendFailure } from './sender.js';
import { webhooksOf } from './unit-webhooks.js';

/** How long a finished run waits for notifications still queued or in flight. */
const drainLimitMs = 10_000;

export type NotifiedUnit = Pick<RenderedUnit, 'definitions' | 'documents'>;

export interface RunNotificationsInput {
  /** `--notify` URLs, or the configuration's `notify` list when none was typed (flags win over configuration). */
  urls: readonly string[] | undefined;
  commit: string;
  /** Rendered units by prefix, newest first: a unit being deleted notifies with the settings it had. */
  units: readonly ReadonlyMap<string, NotifiedUnit>[];
  io: ReportOutput;
  /** Hold warnings until close(): the live terminal view redraws over lines written beneath it. */
  deferWarnings: boolean;
  fetch?: typeof globalThis.fetch;
}

export interface RunNotifications {
  emit: EmitEvent;
  /** Waits for pending posts (at most drainLimitMs), then prints held warnings. */
  close(): Promise<void>;
}

/** null when nothing is to be notified: no URL, no unit with webhooks. */
export function runNotifications(input: RunNotificationsInput): RunNotifications | null {
  const urls = [...(input.urls ?? [])];
  // Secrets like any other (the path is the token): whatever prints one by mistake prints `(sensitive)`.
  input.io.redactor.add(urls);
  const webhooks = new Map<string, readonly Webhook[]>();
  for (const map of input.units) {
    for (const [prefix, rendered] of map) if (!webhooks.has(prefix)) webhooks.set(prefix, webhooksOf(rendered));
  }
  if (urls.length === 0 && ![...webhooks.values()].some((hooks) => hooks.length > 0)) return null;
  const held: string[] = [];
  const warn = (line: string) => (input.deferWarnings ? held.push(line) : input.io.stderr.write(`${line}\n`));
  // stderr goes through the run's redactor already (src/report/safe-output.ts): a warning needs nothing more.
  const sender = createSender({ ...(input.fetch ? { fetch: input.fetch } : {}), onFailure: (failure) => warn(failureLine(failure)) });
  const emit = createNotifier({
    commit: input.commit,
    urls,
    unitWebhooks: (unit) => webhooks.get(unit) ?? [],
    redact: (body) => input.io.redactor.value(body),
    sender,
    warn,
  });
  return {
    emit,
    async close() {
      const unsent = await sender.drain(drainLimitMs);
      if (unsent > 0)
        warn(`gitmoxi: warning: ${unsent} notification${unsent === 1 ? ' was' : 's were'} not sent within ${drainLimitMs / 1000} s of the end of the run`);
      for (const line of held.splice(0)) input.io.stderr.write(`${line}\n`);
    },
  };
}

/** The renderer, with notifications listening to the same events and finished when it is. */
export function withNotifications(renderer: Renderer, notifications: RunNotifications | null): Renderer {
  if (notifications === null) return renderer;
  return {
    emit(event) {
      renderer.emit(event);
      notifications.emit(event);
    },
    async close() {
      await renderer.close();
      await notifications.close();
    },
  };
}

function failureLine(failure: SendFailure): string {
  return `gitmoxi: warning: webhook '${failure.label}' (${failure.origin}) did not take the notification for ${failure.unit}: ${failure.reason}; notifications are best effort and the deployment is not affected (said once per URL)`;
}
