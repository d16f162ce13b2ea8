/**
 * A Lambda world for end-to-end deploy tests: the simulator on its virtual clock with a lambda target group, an alarm
 * and an HTTP API (a route and a stage whose variable names the alias) in two regions; GitMoxi-format Lambda unit
 * files; and readers of what runs, from the simulator's state and its call log.
 */
import { startSimulator, type Simulator } from '../../src/sim/server.js';
import type { Scenario } from '../../src/sim/types.js';
import { testClock } from './sim-fixture.js';
import type { FileTree } from './temp-repo.js';

const account = '123456789012';
const role = `arn:aws:iam::${account}:role/lambda-exec`;

export const lambdaScenario: Scenario = {
  region: 'us-east-1',
  infrastructure: {
    targetGroups: [{ name: 'hello-lambda', targetType: 'lambda' }],
    loadBalancers: [{ name: 'front', listeners: [{ port: 80, targetGroup: 'hello-lambda' }] }],
    alarms: [{ name: 'hello-errors' }, { name: 'eu-errors', region: 'eu-west-1' }],
    apis: [{ name: 'shop', routes: [{ routeKey: 'GET /hello' }], stages: [{ name: 'prod', stageVariables: { lambdaAlias: 'live' } }] }],
  },
};

export async function startLambdaSimulator(scenario: Scenario = lambdaScenario): Promise<Simulator> {
  return startSimulator({ clock: testClock(), scenario });
}

export interface LambdaUnitSpec {
  name: string;
  region?: string;
  /** S3 key of the code (default `NAME/1.zip`), or a repository path for Code.ZipFile. */
  s3Key?: string;
  zipFile?: string;
  memory?: number;
  tags?: Record<string, string>;
  /** Merged into the lambdadepdef; null leaves the unit without one. */
  depdef?: Record<string, unknown> | null;
  eventSources?: Record<string, unknown> | null;
}

/** The files of one Lambda unit under `functions/NAME/NAME`, with a fast canary by default. */
export function lambdaUnit(spec: LambdaUnitSpec): FileTree {
  const prefix = `functions/${spec.name}/${spec.name}`;
  const code = spec.zipFile !== undefined ? { ZipFile: spec.zipFile } : { S3Bucket: 'artifacts', S3Key: spec.s3Key ?? `${spec.name}/1.zip` };
  const lambdadef = {
    FunctionName: spec.name,
    Runtime: 'python3.12',
    Handler: 'app.handler',
    Role: role,
    Code: code,
    MemorySize: spec.memory ?? 256,
    Timeout: 10,
    ...(spec.tags ? { Tags: spec.tags } : {}),
  };
  const files: FileTree = { [`${prefix}_lambdadef.json`]: JSON.stringify(lambdadef, null, 2) };
  if (spec.depdef !== null) {
    const depdef = {
      alias: 'live',
      environment: { region: spec.region ?? 'us-east-1' },
      trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 60 },
      readinessCheck: { waitInterval: 5, maxRetries: 6 },
      ...spec.depdef,
    };
    files[`${prefix}_lambdadepdef.json`] = JSON.stringify(depdef, null, 2);
  }
  if (spec.eventSources) files[`${prefix}_lambdaeventsourcedef.json`] = JSON.stringify(spec.eventSources, null, 2);
  return files;
}

interface AliasView {
  Name?: string;
  FunctionVersion?: string;
  RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> };
}

export interface FunctionView {
  name: string;
  configuration: { MemorySize?: number; CodeSha256?: string };
  versions: { Version?: string }[];
  aliases: AliasView[];
  policies: Record<string, { Sid: string; Principal: unknown; Condition?: Record<string, Record<string, string>> }[]>;
  tags: Record<string, string>;
}

type RegionView = Record<string, unknown>;

function regionState(sim: Simulator, region: string): RegionView {
  return (sim.control.state().accounts[account]?.[region] ?? {}) as RegionView;
}

/** The function as the simulator holds it, or null. */
export function liveFunction(sim: Simulator, name: string, region = 'us-east-1'): FunctionView | null {
  const lambda = regionState(sim, region).lambda as { functions: FunctionView[] } | undefined;
  return lambda?.functions.find((fn) => fn.name === name) ?? null;
}

/** The alias's version and the weight of its additional version, if any. */
export function aliasOf(fn: FunctionView | null, alias = 'live'): { version?: string; weights: Record<string, number> } | null {
  const found = fn?.aliases.find((a) => a.Name === alias);
  return found
    ? { ...(found.FunctionVersion !== undefined ? { version: found.FunctionVersion } : {}), weights: found.RoutingConfig?.AdditionalVersionWeights ?? {} }
    : null;
}

export function publishedVersions(fn: FunctionView | null): string[] {
  return (fn?.versions ?? []).map((v) => v.Version ?? '').sort();
}

/** Every UpdateAlias the run sent, as `primary` plus the additional weights: the weights at every step. */
export function aliasUpdates(sim: Simulator): { version: unknown; weights: unknown }[] {
  return sim.control
    .calls()
    .filter((call) => call.operation === 'UpdateAlias')
    .map((call) => {
      const params = call.params as { FunctionVersion?: string; RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> } };
      return { version: params.FunctionVersion, weights: params.RoutingConfig?.AdditionalVersionWeights ?? {} };
    });
}

export function eventSourceMappings(sim: Simulator, region = 'us-east-1'): { UUID?: string; BatchSize?: number; FunctionArn?: string; State?: string }[] {
  const lambda = regionState(sim, region).lambda as
    | { eventSourceMappings: { UUID?: string; BatchSize?: number; FunctionArn?: string; State?: string }[] }
    | undefined;
  return lambda?.eventSourceMappings ?? [];
}

export interface ApiView {
  apiId: string;
  routes: { routeId: string; routeKey: string; target?: string }[];
  integrations: { integrationId: string; integrationUri?: string; integrationType: string }[];
}

export function liveApi(sim: Simulator, name: string, region = 'us-east-1'): ApiView {
  const api = (regionState(sim, region).apigatewayv2 as { apis: (ApiView & { name: string })[] }).apis.find((a) => a.name === name);
  if (!api) throw new Error(`no API ${name}`);
  return api;
}

export function lambdaTargets(sim: Simulator, targetGroup: string, region = 'us-east-1'): string[] {
  const elb = regionState(sim, region).elbv2 as { targetGroups: { name: string; targets: { id: string }[] }[] };
  return elb.targetGroups.find((group) => group.name === targetGroup)?.targets.map((t) => t.id) ?? [];
}

export function operations(sim: Simulator, name: string): number {
  return sim.control.calls().filter((call) => call.operation === name && call.outcome === 'ok').length;
}
