/**
 * What is worth saying about a valid unit without refusing it: template braces left in rendered values (a
 * placeholder that did not render, such as `{execution_role_arn}}`), and a region the AWS SDK does not list
 * (a region newer than the SDK is possible; a typo is likelier). Warnings name file:line and never the value,
 * which may hold a rendered secret.
 */
import { formatLocation } from '../errors.js';
import type { DefinitionKind } from '../units/suffixes.js';
import { suggest } from './did-you-mean.js';
import type { JsonPath, JsonSource } from './json-source.js';
import { formatJsonPath } from './describe-issue.js';
import { knownRegions, regionInfo } from './regions.js';

/** The brace pairs Jinja uses; a rendered value that still holds one was not rendered as meant. */
const templateBraces = ['{{', '}}', '{%', '%}', '{#', '#}'] as const;

/**
 * Strings whose braces are the receiver's: webhook payload templates are filled by GitMoxi's own `str.format`
 * placeholders (`{message}`), and a doubled brace is how str.format writes a literal one.
 */
const bracesAllowed: readonly JsonPath[] = [['webhooks', '*', 'payload_template']];

export function placeholderWarnings(file: { path: string; kind: DefinitionKind; source: JsonSource }): string[] {
  const warnings: string[] = [];
  // The value was parsed from text no deeper than maxJsonDepth, so this walk cannot overflow the stack.
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (bracesAllowed.some((allowed) => matches(path, allowed))) return;
    if (typeof value === 'string') {
      const brace = templateBraces.find((b) => value.includes(b));
      if (brace === undefined) return;
      const where = formatLocation(file.source.locate(path));
      const field = formatJsonPath(path);
      warnings.push(
        `${where}: ${field === '' ? 'the value' : field} still holds '${brace}' after rendering: a template placeholder that did not render? (write {{ name }})`,
      );
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, [...path, i]);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(file.source.value, []);
  return warnings;
}

/** A well-formed region the SDK does not list (a malformed one is a schema error already). */
export function regionWarning(region: string, source: JsonSource, path: JsonPath): string | null {
  const info = regionInfo(region);
  if (info === null || info.known) return null;
  const close = suggest(region, knownRegions());
  const where = formatLocation(source.locate(path));
  const guess = close === undefined ? '' : ` (did you mean '${close}'?)`;
  return `${where}: ${formatJsonPath(path)}: '${region}' is not a region the AWS SDK knows${guess}; deploying there fails unless it is newer than gitmoxi's SDK`;
}

function matches(path: readonly (string | number)[], pattern: JsonPath): boolean {
  if (path.length < pattern.length) return false;
  return pattern.every((segment, i) => segment === '*' || segment === path[i]);
}
