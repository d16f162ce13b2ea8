/**
 * `webhooks` in a depdef or lambdadepdef (GitMoxi, 2025-02, for Slack): `[{name, urls, payload_template}]`. At each
 * deployment stage the payload_template is POSTed to every URL with its `{message}` and `{stage}` placeholders
 * (Python `str.format`) filled. Validated here; the settings carry the list, typed, for the notifier.
 */
import { z } from 'zod';
import { closedObject } from './custom-issues.js';

/** A JSON value as written in the file: the template is sent as it is, so its shape is the receiver's business. */
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A webhook URL carries its secret in the path (Slack: /services/T…/B…/token), so a problem with one never
 * repeats the value: the message says what is wrong and the location says where.
 */
const webhookUrlSchema = z.string().check((ctx) => {
  if (isHttpUrl(ctx.value)) return;
  ctx.issues.push({ code: 'custom', input: ctx.value, message: 'must be an http:// or https:// URL (the value is not shown: webhook URLs carry tokens)' });
});

const jsonValueSchema: z.ZodType<JsonValue> = z.json();

const webhookSchema = closedObject({
  name: z.string().min(1),
  urls: z.array(webhookUrlSchema).min(1),
  /** Absent: the notifier sends its own body. */
  payload_template: jsonValueSchema.optional(),
});

export const webhooksSchema = z.array(webhookSchema).check((ctx) => {
  const seen = new Set<string>();
  ctx.value.forEach((hook, index) => {
    if (seen.has(hook.name))
      ctx.issues.push({
        code: 'custom',
        input: hook.name,
        path: [index, 'name'],
        message: `repeats the webhook name '${hook.name}': give each webhook its own name`,
      });
    seen.add(hook.name);
  });
});

/** One webhook of a unit's settings, as written (field names included, so a GitMoxi file reads the same). */
export interface Webhook {
  name: string;
  urls: string[];
  payload_template?: JsonValue;
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}
