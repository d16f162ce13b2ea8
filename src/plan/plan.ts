/**
 * The planner: from what changed and how each affected unit renders at both commits, decide what a deploy
 * would do. Pure: no git, no files, no AWS; `make-plan.ts` gathers the inputs.
 */
import { createHash } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import { redact } from '../render/redact.js';
import type { UnitAction, UnitChange } from '../units/relevance.js';
import type { RenderedUnit } from './render-unit.js';
import { describeTrafficSteps, trafficSteps } from '../deploy/traffic-steps.js';
import { planSchemaVersion, type Plan, type PlannedUnit, type Strategy, type TrafficPlan, type UnitIdentity } from './types.js';

export interface PlanInput {
  repo: string;
  from: string | null;
  to: string;
  changes: UnitChange[];
  /** Affected units rendered at `from` (absent when the unit did not exist there). */
  before: ReadonlyMap<string, RenderedUnit>;
  /** Affected units rendered at `to` (absent for deleted units). */
  after: ReadonlyMap<string, RenderedUnit>;
  /** Region for units whose depdef names none: --region, config, AWS_REGION. */
  defaultRegion: string | null;
  warnings?: string[];
}

export function buildPlan(input: PlanInput): Plan {
  let units = input.changes.map((change) => planUnit(change, input));
  units = mergeRenames(units);
  const summary: Record<UnitAction, number> = { deploy: 0, delete: 0, 'settings-only': 0, 'not-deployable': 0 };
  for (const unit of units) summary[unit.action] += 1;
  const warnings = [...(input.warnings ?? []), ...units.flatMap((u) => u.warnings.map((w) => `${u.prefix}: ${w}`))];
  return { schemaVersion: planSchemaVersion, repo: input.repo, from: input.from, to: input.to, units, warnings, summary };
}

function planUnit(change: UnitChange, input: PlanInput): PlannedUnit {
  const before = input.before.get(change.prefix);
  const after = input.after.get(change.prefix);
  const current = change.action === 'delete' ? before : after;
  const region = current ? unitRegion(current) ?? input.defaultRegion : input.defaultRegion;
  const warnings: string[] = [];
  if (change.action === 'not-deployable') {
    warnings.push('has settings or inputs but no _svcdef.json or _lambdadef.json: not deployable');
  }
  if (before && before.problems.length > 0 && change.action !== 'not-deployable') {
    warnings.push(`does not render at ${short(input.from)}: the diff shows it as empty there`);
  }
  if (change.action !== 'delete') warnings.push(...(after?.warnings ?? []));
  return {
    prefix: change.prefix,
    platform: current?.platform ?? null,
    strategy: current ? strategyOf(current) : null,
    action: change.action,
    reason: change.reason,
    region,
    identity: current ? identityOf(current, region) : null,
    changedFiles: change.changedFiles,
    changedRefs: change.changedRefs,
    hash: change.action === 'delete' || !after ? null : definitionsHash(after),
    diff: renderedDiff(before, after, input.from, input.to),
    warnings,
    ...trafficPlanOf(change.action, after),
    ...replacesOf(change.action, before, after, input.defaultRegion),
  };
}

/** A unit deployed under another identity than at `from` (renamed service or function, other cluster or Region). */
function replacesOf(action: UnitAction, before: RenderedUnit | undefined, after: RenderedUnit | undefined, defaultRegion: string | null): { replaces?: UnitIdentity } {
  if (action !== 'deploy' || before === undefined || after === undefined || before.problems.length > 0) return {};
  const old = identityOf(before, unitRegion(before) ?? defaultRegion);
  const now = identityOf(after, unitRegion(after) ?? defaultRegion);
  return old !== null && now !== null && !sameIdentity(old, now) ? { replaces: old } : {};
}

/** Blue/green units being deployed: the traffic steps their depdef makes. */
function trafficPlanOf(action: UnitAction, after: RenderedUnit | undefined): { steps?: TrafficPlan } {
  const definitions = after?.definitions;
  if (action !== 'deploy' || after === undefined || definitions?.platform !== 'ecs' || strategyOf(after) !== 'ecs-bluegreen') return {};
  const config = definitions.depdef.trafficShiftingConfig;
  return { steps: { ...config, percents: trafficSteps(config), text: describeTrafficSteps(config) } };
}

/**
 * A folder rename shows as a deleted unit plus an added one. When both resolve to the same service or
 * function, it is one update of that resource, not a delete and a create (SPEC §2).
 */
function mergeRenames(units: PlannedUnit[]): PlannedUnit[] {
  const deletions = units.filter((u) => u.action === 'delete' && u.identity !== null);
  const consumed = new Set<PlannedUnit>();
  const merged = units.map((unit) => {
    if (unit.action !== 'deploy' || unit.reason !== 'added' || unit.identity === null) return unit;
    const twin = deletions.find((d) => !consumed.has(d) && sameIdentity(d.identity, unit.identity));
    if (twin === undefined) return unit;
    consumed.add(twin);
    return { ...unit, reason: 'modified' as const, renamedFrom: twin.prefix, changedFiles: [...twin.changedFiles, ...unit.changedFiles] };
  });
  return merged.filter((unit) => !consumed.has(unit));
}

export function sameIdentity(a: UnitIdentity | null, b: UnitIdentity | null): boolean {
  if (a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export function strategyOf(unit: RenderedUnit): Strategy | null {
  if (unit.platform === 'lambda') return 'lambda';
  if (unit.platform !== 'ecs') return null;
  const svcdef = documentValue(unit, 'svcdef');
  const controller = (svcdef?.deploymentController as { type?: unknown } | undefined)?.type;
  return controller === 'EXTERNAL' ? 'ecs-bluegreen' : 'ecs-rolling';
}

export function identityOf(unit: RenderedUnit, region: string | null): UnitIdentity | null {
  if (unit.platform === 'ecs') {
    const svcdef = documentValue(unit, 'svcdef');
    if (typeof svcdef?.serviceName !== 'string') return null;
    // ECS's own default: a service without a cluster lives in the cluster named "default".
    const cluster = typeof svcdef.cluster === 'string' ? clusterName(svcdef.cluster) : 'default';
    return { platform: 'ecs', region, cluster, serviceName: svcdef.serviceName };
  }
  if (unit.platform === 'lambda') {
    const lambdadef = documentValue(unit, 'lambdadef');
    if (typeof lambdadef?.FunctionName !== 'string') return null;
    return { platform: 'lambda', region, functionName: functionName(lambdadef.FunctionName) };
  }
  return null;
}

/** The region a unit names in its settings file, if any. */
export function unitRegion(unit: RenderedUnit): string | null {
  const settings = documentValue(unit, unit.platform === 'lambda' ? 'lambdadepdef' : 'depdef');
  // environmentVariables: GitMoxi's older spelling of environment (docs/legacy-keys.md).
  const regionIn = (environment: unknown) => (environment as { region?: unknown } | undefined)?.region;
  const region = regionIn(settings?.environment) ?? regionIn(settings?.environmentVariables);
  return typeof region === 'string' && region !== '' ? region : null;
}

/** sha256 of the rendered definitions that define the resource (and its packaged code); settings are excluded (SPEC §10). */
export function definitionsHash(unit: RenderedUnit): string {
  const hash = createHash('sha256');
  for (const document of [...unit.documents].sort((a, b) => a.kind.localeCompare(b.kind))) {
    if (document.kind === 'depdef' || document.kind === 'lambdadepdef') continue;
    hash.update(`${document.kind}\0${canonicalJson(document.source.value)}\0`);
  }
  // Code packaged from the repository is part of what the unit deploys: a changed file in it is a new hash.
  const packaged = unit.definitions?.platform === 'lambda' ? unit.definitions.codePackage : undefined;
  if (packaged !== undefined) hash.update(`code\0${packaged.sha256}\0`);
  return hash.digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function renderedDiff(before: RenderedUnit | undefined, after: RenderedUnit | undefined, from: string | null, to: string): string {
  const sensitive = [...(before?.sensitiveValues ?? []), ...(after?.sensitiveValues ?? [])];
  const paths = new Set([...(before?.documents ?? []), ...(after?.documents ?? [])].map((d) => d.path));
  const patches: string[] = [];
  for (const path of [...paths].sort()) {
    const oldText = prettyDocument(before, path);
    const newText = prettyDocument(after, path);
    if (oldText === newText) continue;
    const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, oldText, newText, `rendered at ${short(from)}`, `rendered at ${short(to)}`);
    patches.push(patch.replace(/^=+\n/, ''));
  }
  return redact(patches.join(''), sensitive);
}

function prettyDocument(unit: RenderedUnit | undefined, path: string): string {
  if (unit === undefined || unit.problems.length > 0) return '';
  const document = unit.documents.find((d) => d.path === path);
  return document === undefined ? '' : `${JSON.stringify(document.source.value, null, 2)}\n`;
}

function documentValue(unit: RenderedUnit, kind: string): Record<string, unknown> | undefined {
  const value = unit.documents.find((d) => d.kind === kind)?.source.value;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `arn:aws:ecs:region:account:cluster/name` and `name` are the same cluster. */
function clusterName(cluster: string): string {
  return cluster.startsWith('arn:') ? cluster.slice(cluster.lastIndexOf('/') + 1) : cluster;
}

/** Lambda accepts a name, a partial ARN or a full ARN for FunctionName. */
function functionName(name: string): string {
  const match = /(?:^|:)function:([^:]+)/.exec(name);
  return match?.[1] ?? name;
}

function short(sha: string | null): string {
  return sha === null ? '(nothing)' : sha.slice(0, 12);
}
