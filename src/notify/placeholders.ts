/**
 * GitMoxi fills a webhook's payload_template with Python's `str.format` (`{message}`, `{stage}`). This is the
 * forgiving version of it: only the string values of the template are formatted (keys and numbers are left
 * alone), `{{` and `}}` become `{` and `}` as in Python, a known `{name}` is replaced, and anything else —
 * an unknown name, a format spec such as `{message:>10}`, a lone brace — is left exactly as written, where Python
 * would raise and send nothing.
 */

export type PlaceholderValues = Readonly<Record<string, string>>;

const token = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function formatPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(token, (match: string, name: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    return name !== undefined && Object.hasOwn(values, name) ? (values[name] ?? match) : match;
  });
}

/** The template with every string value in it formatted (keys are left as written); the template is not changed. */
export function fillTemplate(template: unknown, values: PlaceholderValues): unknown {
  if (typeof template === 'string') return formatPlaceholders(template, values);
  if (Array.isArray(template)) return template.map((item) => fillTemplate(item, values));
  if (typeof template === 'object' && template !== null) {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillTemplate(value, values)]));
  }
  return template;
}
