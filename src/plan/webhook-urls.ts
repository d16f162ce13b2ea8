/**
 * Which strings of a unit's settings file are webhook URLs: secrets like a sensitive Terraform output (the path is
 * the token), so plans, diffs and `render` show them redacted. Read while rendering, before any validation, which
 * is why it lives here; notify/ reads the same settings document for the webhooks themselves.
 */
/** A unit's rendered documents, as much of them as is read here. */
type Documents = readonly { kind: string; source: { value: unknown } }[];

/** Every string under `webhooks[].urls` of a unit's settings file, valid or not. */
export function webhookUrls(documents: Documents): string[] {
  const value = settingsDocument(documents);
  if (value === null || !('webhooks' in value) || !Array.isArray(value.webhooks)) return [];
  return value.webhooks.flatMap((hook: unknown) => {
    const urls = typeof hook === 'object' && hook !== null && 'urls' in hook ? hook.urls : undefined;
    return Array.isArray(urls) ? urls.filter((url): url is string => typeof url === 'string') : [];
  });
}

/** The unit's depdef or lambdadepdef as parsed, when it is an object. */
export function settingsDocument(documents: Documents): object | null {
  const value = documents.find((d) => d.kind === 'depdef' || d.kind === 'lambdadepdef')?.source.value;
  return typeof value === 'object' && value !== null ? value : null;
}
