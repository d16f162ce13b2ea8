/**
 * The `webhooks` key of a depdef or lambdadepdef (GitMoxi, 2025-02): `[{name, urls, payload_template}]`.
 * `payload_template` is any JSON value (usually a Slack message); gitmoxi fills its placeholders at each stage.
 */
import { z } from 'zod';
import { closedObject } from '../defs/custom-issues.js';

/**
 * A webhook URL carries its token in the path (Slack: /services/T…/B…/secret), so a problem with one never
 * repeats the value: the message says what is wrong and the location says where.
 */
const webhookUrlSchema = z.string().check((ctx) => {
  if (isHttpUrl(ctx.value)) return;
  ctx.issues.push({ code: 'custom', input: ctx.value, message: 'must be an http:// or https:// URL (not shown: webhook URLs carry tokens)' });
});

export const webhookSchema = closedObject({
  name: z.string().min(1),
  urls: z.array(webhookUrlSchema).min(1),
  payload_template: z.unknown().optional(),
});

export const webhooksSchema = z.array(webhookSchema);

export type Webhook = z.output<typeof webhookSchema>;

export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}
