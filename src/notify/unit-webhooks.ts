/**
 * Which webhooks a unit has and which of its strings are webhook URLs. A validated unit carries its webhooks in
 * its settings; a unit being deleted is rendered without validation, so its settings file is read with the same
 * schema, and it still notifies with the webhooks it had.
 */
import { resolveWebhooks } from '../defs/common-settings.js';
import { webhooksSchema, type Webhook } from '../defs/webhooks-schema.js';
import type { RenderedDocument, RenderedUnit } from '../plan/render-unit.js';

type Documents = readonly Pick<RenderedDocument, 'kind' | 'source'>[];

/** A settings file whose webhooks do not parse gives none: validation reports it for units that deploy. */
export function webhooksOf(unit: Pick<RenderedUnit, 'definitions' | 'documents'>): Webhook[] {
  if (unit.definitions !== null) return unit.definitions.depdef.webhooks;
  const value = settingsOf(unit.documents);
  if (value === null || !('webhooks' in value)) return [];
  const parsed = webhooksSchema.safeParse(value.webhooks);
  return parsed.success ? resolveWebhooks({ webhooks: parsed.data }) : [];
}

/**
 * Every string under `webhooks[].urls` of a unit's settings file, valid or not: they are secrets like a sensitive
 * Terraform output (the path is the token), so plans, diffs and `render` show them redacted.
 */
export function webhookUrls(documents: Documents): string[] {
  const value = settingsOf(documents);
  if (value === null || !('webhooks' in value) || !Array.isArray(value.webhooks)) return [];
  return value.webhooks.flatMap((hook: unknown) => {
    const urls = typeof hook === 'object' && hook !== null && 'urls' in hook ? hook.urls : undefined;
    return Array.isArray(urls) ? urls.filter((url): url is string => typeof url === 'string') : [];
  });
}

function settingsOf(documents: Documents): object | null {
  const value = documents.find((d) => d.kind === 'depdef' || d.kind === 'lambdadepdef')?.source.value;
  return typeof value === 'object' && value !== null ? value : null;
}
