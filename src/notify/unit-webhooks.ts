/**
 * Which webhooks a unit has (which of its strings are webhook URLs: src/plan/webhook-urls.ts). A validated unit
 * carries its webhooks in its settings; a unit being deleted is rendered without validation, so its settings file is read with the same
 * schema, and it still notifies with the webhooks it had.
 */
import { resolveWebhooks } from '../defs/common-settings.js';
import { webhooksSchema, type Webhook } from '../defs/webhooks-schema.js';
import type { RenderedUnit } from '../plan/render-unit.js';
import { settingsDocument } from '../plan/webhook-urls.js';

/** A settings file whose webhooks do not parse gives none: validation reports it for units that deploy. */
export function webhooksOf(unit: Pick<RenderedUnit, 'definitions' | 'documents'>): Webhook[] {
  if (unit.definitions !== null) return unit.definitions.depdef.webhooks;
  const value = settingsDocument(unit.documents);
  if (value === null || !('webhooks' in value)) return [];
  const parsed = webhooksSchema.safeParse(value.webhooks);
  return parsed.success ? resolveWebhooks({ webhooks: parsed.data }) : [];
}
