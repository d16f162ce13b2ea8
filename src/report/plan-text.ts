/** The human form of a plan: one block per unit, its changed files and the diff of its rendered definitions. */
import { Chalk } from 'chalk';
import { formatProblem } from '../errors.js';
import { describeIdentity } from '../plan/identity-changes.js';
import type { Plan, PlannedUnit } from '../plan/types.js';

export function formatPlan(plan: Plan, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  const range = `${plan.from ? plan.from.slice(0, 12) : '(nothing deployed)'} → ${plan.to.slice(0, 12)}`;
  lines.push(c.bold(`gitmoxi plan ${range}`));
  const actionable = plan.units.filter((u) => u.action === 'deploy' || u.action === 'delete');
  if (plan.units.length === 0) lines.push('', 'nothing to deploy: no unit changed');
  for (const unit of plan.units) lines.push('', ...formatUnit(unit, c));
  lines.push('');
  const { summary } = plan;
  lines.push(
    c.bold(
      `${summary.deploy} to deploy, ${summary.delete} to delete, ${summary['settings-only']} settings only, ${summary['not-deployable']} not deployable, ${summary.invalid} invalid`,
    ),
  );
  if (actionable.length === 0 && plan.units.length > 0) lines.push('nothing to deploy');
  for (const warning of plan.warnings) lines.push(c.yellow(`warning: ${warning}`));
  return `${lines.join('\n')}\n`;
}

function formatUnit(unit: PlannedUnit, c: InstanceType<typeof Chalk>): string[] {
  const colour = { deploy: c.green, delete: c.red, 'settings-only': c.cyan, 'not-deployable': c.yellow, invalid: c.red }[unit.action];
  const where = [unit.strategy ?? unit.platform ?? '?', unit.region ?? 'region from AWS config'].join(', ');
  const renamed = unit.renamedFrom ? ` (renamed from ${unit.renamedFrom})` : '';
  const lines = [`${colour(unit.action.padEnd(14))} ${c.bold(unit.prefix)}${renamed}  ${c.dim(`${where}; ${describeReason(unit)}`)}`];
  if (unit.replaces && unit.identity)
    lines.push(`    replace ${describeIdentity(unit.replaces)} → ${describeIdentity(unit.identity)} (the old one is deleted once the new one is healthy)`);
  else if (unit.identity) lines.push(`    ${identityLine(unit)}`);
  if (unit.lookupByTag) lines.push(`    its definitions never rendered: the resource tagged gitmoxi:unit=${unit.prefix} is deleted, if there is one`);
  for (const problem of unit.problems ?? [])
    lines.push(
      ...formatProblem(problem)
        .split('\n')
        .map((line) => c.red(`    ${line}`)),
    );
  if (unit.steps) lines.push(`    traffic: ${unit.steps.text}`);
  for (const file of unit.changedFiles) {
    lines.push(`    ${file.status.padEnd(9)} ${file.oldPath && file.oldPath !== file.path ? `${file.oldPath} → ` : ''}${file.path}`);
  }
  for (const ref of unit.changedRefs) lines.push(`    ${'ref'.padEnd(9)} ${ref} (read by the unit's input)`);
  if (unit.action === 'settings-only') lines.push(c.dim('    settings-only changes do not redeploy; use --force to redeploy'));
  if (unit.diff) {
    for (const line of unit.diff.trimEnd().split('\n')) lines.push(`    ${colourDiffLine(line, c)}`);
  }
  return lines;
}

function describeReason(unit: PlannedUnit): string {
  switch (unit.reason) {
    case 'added':
      return 'new';
    case 'modified':
      return 'definitions changed';
    case 'deleted':
      return 'definition deleted';
    case 'ref-changed':
      return 'an input file it reads changed';
    case 'forced':
      return 'forced';
    case 'settings-changed':
      return 'deployment settings changed';
    case 'incomplete':
      return 'no svcdef or lambdadef';
    case 'fixed':
      return 'did not validate at the deployed commit: its earlier changes deploy now';
    case 'identity-conflict':
      return 'another unit now resolves to its service or function';
    default: {
      const never: never = unit.reason;
      return never;
    }
  }
}

function identityLine(unit: PlannedUnit): string {
  const identity = unit.identity;
  if (identity === null) return '';
  return identity.platform === 'ecs' ? `service ${identity.serviceName} in cluster ${identity.cluster}` : `function ${identity.functionName}`;
}

function colourDiffLine(line: string, c: InstanceType<typeof Chalk>): string {
  if (line.startsWith('+++') || line.startsWith('---')) return c.bold(line);
  if (line.startsWith('+')) return c.green(line);
  if (line.startsWith('-')) return c.red(line);
  if (line.startsWith('@@')) return c.cyan(line);
  return line;
}
