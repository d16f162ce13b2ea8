/**
 * What a rendered unit tells the run's redactor: the values of the sensitive Terraform outputs it read (also when
 * its templates then failed to render or validate, since the error messages quote the rendered text), and
 * values shaped like credentials that nobody marked sensitive. Those are hidden too, and a warning on stderr names
 * the file and key (never the value) once per value.
 */
import type { ReportOutput } from './output.js';
import type { RenderedUnit } from '../plan/render-unit.js';
import type { Redactor } from './redactor.js';

interface TokenShape {
  what: string;
  pattern: RegExp;
}

/** Credentials with a recognisable shape; a match is the whole credential. */
const tokenShapes: readonly TokenShape[] = [
  { what: 'an AWS access key ID', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})\b/g },
  { what: 'a Slack token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g },
  { what: 'a private key', pattern: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g },
];

export interface TokenFinding {
  file: string;
  /** Where in the file: `containerDefinitions[0].environment[1].value`. */
  key: string;
  what: string;
  value: string;
}

/** Registers a rendered unit's secrets with the run's redactor; the returned function is the planner's `onRendered`. */
export function registerUnitSecrets(io: Pick<ReportOutput, 'redactor' | 'stderr'>): (unit: RenderedUnit) => void {
  // Once per value for the whole run, even when a command (poll --watch) renders the same units again.
  const warned = warnedValues.get(io.redactor) ?? new Set<string>();
  warnedValues.set(io.redactor, warned);
  return (unit) => {
    io.redactor.add(unit.sensitiveValues);
    const findings = unit.documents.flatMap((document) => findTokens(document.source.value, document.path, unit.sensitiveValues));
    io.redactor.add(findings.map((finding) => finding.value));
    for (const finding of findings) {
      if (warned.has(finding.value)) continue;
      warned.add(finding.value);
      io.stderr.write(`${tokenWarning(finding)}\n`);
    }
  };
}

const warnedValues = new WeakMap<Redactor, Set<string>>();

function tokenWarning(finding: Omit<TokenFinding, 'value'>): string {
  return (
    `warning: ${finding.file}: ${finding.key} holds what looks like ${finding.what}, and it does not come from a sensitive ` +
    'Terraform output: gitmoxi hides it in its output, but it is stored in plain text in AWS and in git. Read it from a ' +
    'secret store (ECS `secrets`/`valueFrom`), or at least make it a sensitive Terraform output.'
  );
}

/** Every token-shaped string in a parsed definition, with its key path; values already sensitive are skipped. */
export function findTokens(value: unknown, file: string, sensitive: readonly string[], key = ''): TokenFinding[] {
  if (typeof value === 'string') {
    const found = tokenShapes.flatMap((shape) =>
      [...value.matchAll(shape.pattern)].map((match) => ({ file, key: key || '(the document)', what: shape.what, value: match[0] })),
    );
    return found.filter((finding) => !sensitive.some((s) => s.includes(finding.value)));
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findTokens(item, file, sensitive, `${key}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([name, item]) => findTokens(item, file, sensitive, key === '' ? name : `${key}.${name}`));
  }
  return [];
}
