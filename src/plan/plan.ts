/**
 * The planner: from what changed and how each affected unit renders at both commits, decide what a deploy
 * would do. Pure: no git, no files, no AWS; `make-plan.ts` gathers the inputs.
 */
import { createHash } from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import { isRecord, recordOf } from '../is-record.js';
import { redact } from '../render/redact.js';
import { nativeTrafficPlan } from './native-steps.js';
import type { UnitAction, UnitChange } from '../units/relevance.js';
import type { RenderedUnit } from './render-unit.js';
import { describeTrafficSteps, trafficSteps } from './linear-canary-steps.js';
import { identityConflicts, pairRenames, sameIdentity, withoutClaimedReplaces, type IdentityClaim } from './identity-changes.js';
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
  /** Units not affected, rendered at `to` only to see whose identity a changed unit now shares. */
  others?: ReadonlyMap<string, RenderedUnit>;
  /** Where a unit that does not render at `from` ran: its identity at the newest commit where it rendered. */
  lastIdentities?: ReadonlyMap<string, UnitIdentity>;
  /** Region for units whose depdef names none: --region, config, AWS_REGION. */
  defaultRegion: string | null;
  warnings?: string[];
}

export function buildPlan(input: PlanInput): Plan {
  const units = markConflicts(pairRenames(input.changes.map((change) => planUnit(change, input))), input);
  const summary: Record<UnitAction, number> = { deploy: 0, delete: 0, 'settings-only': 0, 'not-deployable': 0, invalid: 0 };
  for (const unit of units) summary[unit.action] += 1;
  const warnings = [...(input.warnings ?? []), ...units.flatMap((u) => u.warnings.map((w) => `${u.prefix}: ${w}`))];
  return { schemaVersion: planSchemaVersion, repo: input.repo, from: input.from, to: input.to, units, warnings, summary };
}

function planUnit(change: UnitChange, input: PlanInput): PlannedUnit {
  const before = input.before.get(change.prefix);
  const after = input.after.get(change.prefix);
  const current = change.action === 'delete' ? before : after;
  const region = current ? (unitRegion(current) ?? input.defaultRegion) : input.defaultRegion;
  const warnings: string[] = [];
  if (change.action === 'not-deployable') {
    warnings.push('has settings or inputs but no _svcdef.json or _lambdadef.json: not deployable (check the file name for a typo)');
  }
  const brokenBefore = before !== undefined && before.problems.length > 0;
  if (brokenBefore && change.action !== 'not-deployable') {
    warnings.push(`does not render at ${short(input.from)} (its problems were reported then): the diff compares with nothing`);
  }
  if (change.action !== 'delete') warnings.push(...(after?.warnings ?? []));
  const invalid = change.action !== 'delete' && after !== undefined && after.problems.length > 0;
  // Its earlier changes were refused at `from`, so they never reached AWS: a settings fix must carry them there.
  const fixed = !invalid && change.action === 'settings-only' && brokenBefore;
  const identity = current ? identityOf(current, region) : null;
  const previous = previousIdentity(change.prefix, before, input);
  const unit: PlannedUnit = {
    prefix: change.prefix,
    platform: current?.platform ?? null,
    strategy: current ? strategyOf(current) : null,
    action: invalid ? 'invalid' : fixed ? 'deploy' : change.action,
    reason: fixed ? 'fixed' : change.reason,
    region,
    identity: change.action === 'delete' ? previous : identity,
    changedFiles: change.changedFiles,
    changedRefs: change.changedRefs,
    hash: change.action === 'delete' || !after || invalid ? null : definitionsHash(after),
    diff: invalid ? '' : renderedDiff(before, after, input.from, input.to),
    warnings,
    ...trafficPlanOf(fixed ? 'deploy' : change.action, after),
  };
  if (invalid) unit.problems = after.problems;
  if (change.action === 'delete' && previous === null) unit.lookupByTag = true;
  if (change.action === 'delete' && previous !== null) unit.region = previous.region ?? region;
  if (unit.action === 'deploy' && previous !== null && identity !== null && !sameIdentity(previous, identity)) unit.replaces = previous;
  return unit;
}

/** The unit's identity at `from`, or where it last rendered before that; null when no commit says. */
function previousIdentity(prefix: string, before: RenderedUnit | undefined, input: PlanInput): UnitIdentity | null {
  if (before !== undefined && before.problems.length === 0) return identityOf(before, unitRegion(before) ?? input.defaultRegion);
  return input.lastIdentities?.get(prefix) ?? null;
}

/**
 * Units at `to` that resolve to the same resource: each becomes invalid, naming the others (docs/isolation.md).
 * A resource some unit resolves to at `to` is never the one another unit replaces.
 */
function markConflicts(units: PlannedUnit[], input: PlanInput): PlannedUnit[] {
  const claims: IdentityClaim[] = [];
  const planned = new Set(units.map((u) => u.prefix));
  for (const unit of units) {
    const rendered = input.after.get(unit.prefix);
    if ((unit.action === 'deploy' || unit.action === 'settings-only') && unit.identity !== null && rendered)
      claims.push(claimOf(unit.prefix, unit.identity, rendered));
  }
  for (const [prefix, other] of input.others ?? []) {
    const identity = planned.has(prefix) || other.problems.length > 0 ? null : identityOf(other, unitRegion(other) ?? input.defaultRegion);
    if (identity !== null) claims.push(claimOf(prefix, identity, other));
  }
  const problems = identityConflicts(claims);
  const guarded = withoutClaimedReplaces(units, claims);
  if (problems.size === 0) return guarded;
  const marked = guarded.map((unit) => {
    const problem = problems.get(unit.prefix);
    return problem === undefined ? unit : { ...unit, action: 'invalid' as const, hash: null, problems: [...(unit.problems ?? []), problem] };
  });
  for (const [prefix, problem] of problems) {
    const other = input.others?.get(prefix);
    if (planned.has(prefix) || other === undefined) continue;
    const region = unitRegion(other) ?? input.defaultRegion;
    marked.push({
      prefix,
      platform: other.platform,
      strategy: strategyOf(other),
      action: 'invalid',
      reason: 'identity-conflict',
      region,
      identity: identityOf(other, region),
      changedFiles: [],
      changedRefs: [],
      hash: null,
      diff: '',
      warnings: [],
      problems: [problem],
    });
  }
  return marked.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
}

function claimOf(prefix: string, identity: UnitIdentity, unit: RenderedUnit): IdentityClaim {
  const kind = unit.platform === 'lambda' ? 'lambdadef' : 'svcdef';
  const document = unit.documents.find((d) => d.kind === kind);
  const location = document?.source.locate([kind === 'lambdadef' ? 'FunctionName' : 'serviceName']) ?? { file: prefix };
  return { prefix, identity, location };
}

/** Blue/green units being deployed: the traffic steps their depdef makes. */
function trafficPlanOf(action: UnitAction, after: RenderedUnit | undefined): { steps?: TrafficPlan } {
  const definitions = after?.definitions;
  if (action !== 'deploy' || after === undefined || definitions?.platform !== 'ecs') return {};
  const strategy = strategyOf(after);
  if (strategy === 'ecs-native') return { steps: nativeTrafficPlan(definitions.svcdef.deploymentConfiguration ?? {}) };
  if (strategy !== 'ecs-bluegreen') return {};
  const config = definitions.depdef.trafficShiftingConfig;
  const scale = definitions.depdef.initialScale;
  const text = describeTrafficSteps(config);
  if (scale >= 100) return { steps: { ...config, percents: trafficSteps(config), text } };
  // The older initialScale (docs/legacy-keys.md): the stage before any traffic moves is part of how traffic moves.
  return {
    steps: {
      ...config,
      percents: trafficSteps(config),
      initialScale: scale,
      text: `new task set at ${scale}%, then 100% once stable, before traffic moves; ${text}`,
    },
  };
}

function strategyOf(unit: RenderedUnit): Strategy | null {
  if (unit.platform === 'lambda') return 'lambda';
  if (unit.platform !== 'ecs') return null;
  const svcdef = documentValue(unit, 'svcdef');
  const controller = recordOf(svcdef?.deploymentController).type;
  if (controller === 'EXTERNAL') return 'ecs-bluegreen';
  // ECS itself shifts traffic for these (docs/ecs-native.md); gitmoxi follows its service deployment.
  const strategy = recordOf(svcdef?.deploymentConfiguration).strategy;
  return strategy === 'BLUE_GREEN' || strategy === 'LINEAR' || strategy === 'CANARY' ? 'ecs-native' : 'ecs-rolling';
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
  const regionIn = (environment: unknown) => recordOf(environment).region;
  const region = regionIn(settings?.environment) ?? regionIn(settings?.environmentVariables);
  return typeof region === 'string' && region !== '' ? region : null;
}

/** sha256 of the rendered definitions of the resource and its packaged code; no settings (docs/design.md#state). */
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
  if (isRecord(value)) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
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
  return isRecord(value) ? value : undefined;
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
