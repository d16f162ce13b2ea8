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

/** The template with every string value in it formatted (keys are left as written). */
export function fillTemplate(template: unknown, values: PlaceholderValues): unknown {
  return mapStrings(template, (text) => formatPlaceholders(text, values), { keys: false });
}

/** Every string of a JSON value passed through `change`; keys too unless `keys` is false. */
export function mapStrings(value: unknown, change: (text: string) => string, options: { keys: boolean } = { keys: true }): unknown {
  if (typeof value === 'string') return change(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, change, options));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [options.keys ? change(key) : key, mapStrings(inner, change, options)]));
  }
  return value;
}
