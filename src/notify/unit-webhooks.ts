/**
 * Which webhooks a unit has and which of its strings are webhook URLs, read from its rendered settings file
 * (depdef or lambdadepdef). Read from the document rather than the validated definitions so that a unit being
 * deleted, rendered without validation, still notifies with the settings it had.
 */
import type { RenderedDocument } from '../plan/render-unit.js';
import { webhooksSchema, type Webhook } from './webhooks-schema.js';

type Documents = readonly Pick<RenderedDocument, 'kind' | 'source'>[];

/** A shape that does not parse gives none: validation has already reported it for units that deploy. */
export function webhooksOf(documents: Documents): Webhook[] {
  const value = settingsOf(documents);
  if (value === null || !('webhooks' in value)) return [];
  const parsed = webhooksSchema.safeParse(value.webhooks);
  return parsed.success ? parsed.data : [];
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
