/**
 * The documents `gitmoxi diff` compares for a unit: each a definition side (the rendered file, normalised to
 * what AWS answers) and a live side (what runs, read back). The first member of each pair names the file.
 */
import type { EcsUnitDefinitions, LambdaUnitDefinitions } from '../defs/validate.js';
import type { DefinitionKind } from '../units/suffixes.js';
import type { LiveReads } from './live-reads.js';
import { pushSourcesDocument } from './push-sources.js';
import { toJson, type Json, type WholeMaps } from './project.js';
import { isRecord, recordOf, recordsOf } from '../is-record.js';

export interface DiffDocument {
  /** Where the definition side comes from: a file kind, or a name for what has no file (traffic, alias). */
  kind: DefinitionKind | 'traffic' | 'alias' | 'code';
  label: string;
  wanted: Json;
  /** Undefined when the resource does not exist. */
  live: Json | undefined;
  wholeMaps?: WholeMaps;
}

const userMaps = ['tags', 'Tags', 'containerDefinitions.*.dockerLabels', 'containerDefinitions.*.logConfiguration.options'];

/** `arn:aws:ecs:…:cluster/demo` → `demo`; a name stays a name. */
const clusterName = (value: unknown) => (typeof value === 'string' ? value.slice(value.lastIndexOf('/') + 1) : value);

/** Tags gitmoxi writes itself (the unit, commit and hash it ran) are its bookkeeping, not the definition's. */
function ownTags(tags: unknown): Json | undefined {
  if (Array.isArray(tags)) return toJson(tags.filter((t) => !String(recordOf(t).key ?? '').startsWith('gitmoxi:')));
  if (tags && typeof tags === 'object') return toJson(Object.fromEntries(Object.entries(tags).filter(([k]) => !k.startsWith('gitmoxi:'))));
  return undefined;
}

export async function ecsDocuments(unit: EcsUnitDefinitions, reads: LiveReads): Promise<DiffDocument[]> {
  const { svcdef, taskdef } = unit;
  const cluster = String(clusterName(svcdef.cluster ?? 'default'));
  const service = await reads.service(cluster, svcdef.serviceName);
  const blueGreen = svcdef.deploymentController?.type === 'EXTERNAL';
  const pairOf = pairLabels(unit.depdef.targetGroupArnPairs);
  const { taskDefinition: _td, clientToken: _ct, ...serviceBody } = svcdef;
  const wantedService = relabelTargetGroups({ ...serviceBody, cluster }, pairOf);
  const primary = blueGreen ? primaryTaskSet(service) : undefined;
  const liveService = service === null ? undefined : toJson(relabelTargetGroups(serviceView(service, primary), pairOf));
  const documents: DiffDocument[] = [{ kind: 'svcdef', label: 'service', wanted: toJson(wantedService), live: liveService, wholeMaps: userMaps }];
  if (taskdef !== undefined) {
    const running = primary?.taskDefinition ?? service?.taskDefinition;
    const arn = typeof running === 'string' ? running : undefined;
    const registration = arn === undefined ? null : await reads.taskDefinition(arn);
    const { tags: _tags, ...rest } = taskdef;
    // A container without `environment` has an empty one: a variable added by hand must still show.
    const wantedTask = { ...rest, containerDefinitions: taskdef.containerDefinitions.map((container) => ({ environment: [], ...container })) };
    documents.push({
      kind: 'taskdef',
      label: 'task definition',
      wanted: toJson(wantedTask),
      live: registration === null ? undefined : toJson(registration),
      wholeMaps: userMaps,
    });
  }
  if (blueGreen && service !== null) documents.push(await trafficDocument(unit, primary, reads));
  return documents;
}

function serviceView(service: Record<string, unknown>, primary: Record<string, unknown> | undefined): Record<string, unknown> {
  const view: Record<string, unknown> = { ...service, cluster: clusterName(service.clusterArn), role: service.roleArn, tags: ownTags(service.tags) };
  // An EXTERNAL service keeps launch settings and load balancers on its task sets; the primary one is what runs.
  if (primary !== undefined) {
    for (const key of ['launchType', 'capacityProviderStrategy', 'platformVersion', 'networkConfiguration', 'loadBalancers', 'serviceRegistries']) {
      if (primary[key] !== undefined) view[key] = primary[key];
    }
  }
  return view;
}

function primaryTaskSet(service: Record<string, unknown> | null): Record<string, unknown> | undefined {
  return recordsOf(service?.taskSets).find((set) => set.status === 'PRIMARY');
}

/** Blue/green moves a service between the two groups of a pair: either one is the definition's group. */
function pairLabels(pairs: readonly (readonly string[])[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const pair of pairs) for (const arn of pair) labels.set(arn, pair.join(' | '));
  return labels;
}

function relabelTargetGroups(body: Record<string, unknown>, pairOf: Map<string, string>): Record<string, unknown> {
  const balancers = body.loadBalancers;
  if (!Array.isArray(balancers) || pairOf.size === 0) return body;
  const relabel = (lb: Record<string, unknown>) => ({ ...lb, targetGroupArn: pairOf.get(String(lb.targetGroupArn)) ?? lb.targetGroupArn });
  return { ...body, loadBalancers: balancers.map((lb: unknown) => (isRecord(lb) ? relabel(lb) : lb)) };
}

/** Every route forwarding to the unit's target groups should send all traffic to the primary task set's groups. */
async function trafficDocument(unit: EcsUnitDefinitions, primary: Record<string, unknown> | undefined, reads: LiveReads): Promise<DiffDocument> {
  const groups = unit.depdef.targetGroupArnPairs.flat();
  const live = new Set(recordsOf(primary?.loadBalancers).map((lb) => lb.targetGroupArn));
  const routes = groups.length === 0 ? [] : await reads.routes(groups);
  const wanted: Record<string, Json> = {};
  const actual: Record<string, Json> = {};
  for (const route of routes) {
    const name = `${route.kind} ${route.arn}`;
    const total = route.weights.reduce((sum, w) => sum + w.weight, 0) || 1;
    wanted[name] = Object.fromEntries(route.weights.map((w) => [w.targetGroupArn, live.has(w.targetGroupArn) ? 100 : 0]));
    actual[name] = Object.fromEntries(route.weights.map((w) => [w.targetGroupArn, Math.round((w.weight / total) * 100)]));
  }
  return { kind: 'traffic', label: 'listener weights (percent)', wanted, live: actual };
}

export async function lambdaDocuments(unit: LambdaUnitDefinitions, reads: LiveReads): Promise<DiffDocument[]> {
  const { lambdadef, depdef, eventSources, codePackage } = unit;
  const fn = await reads.lambdaFunction(lambdadef.FunctionName);
  const { Code: code, Publish: _p, PublishTo: _pt, Tags: tags, ...config } = lambdadef;
  // Lambda's defaults made explicit, so a value set by hand where the definition relies on them shows.
  const wantedConfig: Record<string, unknown> = { Timeout: 3, MemorySize: 128, Environment: { Variables: {} }, Layers: [], ...config };
  if (tags !== undefined) wantedConfig.Tags = tags;
  let liveConfig: Json | undefined;
  if (fn !== null) {
    const layers = Array.isArray(fn.configuration.Layers) ? recordsOf(fn.configuration.Layers).map((layer) => layer.Arn) : undefined;
    liveConfig = toJson({ ...fn.configuration, FunctionName: fn.functionName, Layers: layers, Tags: ownTags(fn.tags) });
  }
  const documents: DiffDocument[] = [
    { kind: 'lambdadef', label: 'function configuration', wanted: toJson(wantedConfig), live: liveConfig, wholeMaps: ['Environment.Variables', 'Tags'] },
  ];
  // Code from S3 is only known by its bytes: its hash would need the object itself, so it is left to the hash tag.
  const wantedCode = codePackage ? { CodeSha256: codePackage.sha256 } : code.ImageUri !== undefined ? { ImageUri: code.ImageUri } : null;
  if (wantedCode !== null) {
    const liveCode = fn === null ? undefined : codePackage ? { CodeSha256: fn.codeSha256 } : { ImageUri: fn.imageUri ?? null };
    documents.push({ kind: 'code', label: 'code', wanted: toJson(wantedCode), live: liveCode === undefined ? undefined : toJson(liveCode) });
  }
  if (depdef.alias !== null) {
    const alias = fn === null ? null : await reads.alias(lambdadef.FunctionName, depdef.alias);
    documents.push({
      kind: 'alias',
      label: `alias ${depdef.alias}`,
      wanted: { Name: depdef.alias, AdditionalVersionWeights: {} },
      live: alias === null ? undefined : toJson({ Name: alias.name, AdditionalVersionWeights: alias.additionalWeights }),
    });
  }
  const push = eventSources?.PushEventSources ?? [];
  if (push.length > 0 && depdef.alias !== null) documents.push(await pushSourcesDocument(fn, depdef.alias, push, reads));
  const mapping = eventSources?.PullEventSources?.EventSourceMapping;
  if (mapping !== undefined) {
    const { FunctionName: _f, Tags: _t, ...wanted } = mapping;
    const live = fn === null ? [] : await reads.eventSourceMappings(lambdadef.FunctionName);
    const found = live.find((m) => m.eventSourceArn === wanted.EventSourceArn);
    documents.push({
      kind: 'eventsourcedef',
      label: 'event source mapping',
      wanted: toJson(wanted),
      live: found === undefined ? undefined : toJson(found.configuration),
    });
  }
  return documents;
}
