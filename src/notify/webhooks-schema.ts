/**
 * The `webhooks` key of a depdef or lambdadepdef (GitMoxi, 2025-02): `[{name, urls, payload_template}]`.
 * `payload_template` is any JSON value (usually a Slack message); gitmoxi fills its placeholders at each stage.
 */
import { z } from 'zod';
import { closedObject } from '../defs/custom-issues.js';
import type { RenderedDocument } from '../plan/render-unit.js';

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

/**
 * The webhooks of a unit, read from its rendered settings file. Read from the document rather than the validated
 * definitions so that a unit being deleted (rendered without validation) still notifies; a shape that does not
 * parse gives none, since validation has already reported it for units that deploy.
 */
export function webhooksOf(documents: readonly Pick<RenderedDocument, 'kind' | 'source'>[]): Webhook[] {
  const settings = documents.find((d) => d.kind === 'depdef' || d.kind === 'lambdadepdef');
  const value = settings?.source.value;
  if (typeof value !== 'object' || value === null || !('webhooks' in value)) return [];
  const parsed = webhooksSchema.safeParse(value.webhooks);
  return parsed.success ? parsed.data : [];
}

/**
 * Every string under `webhooks[].urls` of a unit's settings file, valid or not: they are secrets like a sensitive
 * Terraform output (the path is the token), so plans, diffs and `render` show them redacted.
 */
export function webhookUrls(documents: readonly Pick<RenderedDocument, 'kind' | 'source'>[]): string[] {
  const settings = documents.find((d) => d.kind === 'depdef' || d.kind === 'lambdadepdef');
  const value = settings?.source.value;
  if (typeof value !== 'object' || value === null || !('webhooks' in value) || !Array.isArray(value.webhooks)) return [];
  return value.webhooks.flatMap((hook: unknown) => {
    const urls = typeof hook === 'object' && hook !== null && 'urls' in hook ? hook.urls : undefined;
    return Array.isArray(urls) ? urls.filter((url): url is string => typeof url === 'string') : [];
  });
}
