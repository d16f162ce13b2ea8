/**
 * Scenario files (JSON or YAML): seeded infrastructure and declarative faults. Validation names every
 * offending field; seeding lives in scenario-seed.ts. The format is documented in docs/simulator.md.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isInput } from './coerce.js';
import { messageOf } from './errors.js';
import type { Scenario } from './types.js';

const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region such as us-east-1');
const name = z.string().min(1, 'must not be empty');
const serviceName = z.enum(['ecs', 'elbv2', 'lambda', 'cloudwatch', 'sts', 'apigatewayv2', 'tagging', 'iam', 'logs', 'ecr', 'sqs']);
const count = z.number().int().positive();

const faultMatchSchema = z.strictObject({
  family: name.exactOptional(),
  revision: z.number().int().positive().exactOptional(),
  image: name.exactOptional(),
  region: region.exactOptional(),
  functionName: name.exactOptional(),
  version: name.exactOptional(),
});

const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('task-fails-to-start'),
    match: faultMatchSchema,
    reason: z.enum(['CannotPullContainerError', 'ResourceInitializationError', 'EssentialContainerExited']),
    count: count.exactOptional(),
  }),
  z.strictObject({
    kind: z.literal('task-crashes'),
    match: faultMatchSchema,
    afterSeconds: z.number().nonnegative(),
    exitCode: z.number().int().exactOptional(),
    count: count.exactOptional(),
  }),
  z.strictObject({ kind: z.literal('unhealthy-targets'), match: faultMatchSchema }),
  z
    .strictObject({
      kind: z.literal('alarm'),
      alarmName: name,
      state: z.enum(['ALARM', 'OK']).exactOptional(),
      atSeconds: z.number().nonnegative().exactOptional(),
      whenTrafficTo: faultMatchSchema.exactOptional(),
      region: region.exactOptional(),
    })
    .refine((fault) => fault.atSeconds !== undefined || fault.whenTrafficTo !== undefined, {
      message: 'an alarm fault needs atSeconds or whenTrafficTo',
    }),
  z.strictObject({ kind: z.literal('spot-capacity'), limit: z.number().int().nonnegative(), region: region.exactOptional() }),
  z.strictObject({ kind: z.literal('throttle'), service: serviceName, operation: name.exactOptional(), count: count.exactOptional() }),
  z.strictObject({
    kind: z.literal('server-error'),
    service: serviceName,
    operation: name.exactOptional(),
    status: z.number().int().min(500).max(599).exactOptional(),
    count: count.exactOptional(),
  }),
  z.strictObject({
    kind: z.literal('latency'),
    service: serviceName.exactOptional(),
    operation: name.exactOptional(),
    ms: z.number().int().nonnegative(),
  }),
  z.strictObject({ kind: z.literal('lambda-not-ready'), match: faultMatchSchema }),
  z.strictObject({
    kind: z.literal('lifecycle-hook'),
    functionName: name,
    stage: name.exactOptional(),
    answer: z.enum(['SUCCEEDED', 'FAILED', 'IN_PROGRESS']).exactOptional(),
    inProgressTimes: z.number().int().nonnegative().exactOptional(),
  }),
]);

/** An ELBv2 ARN of `kind`; whether it belongs to its entry is checked when it is seeded. */
const elbArn = (kind: string, example: string) =>
  z.string().regex(new RegExp(`^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\\d{12}:${kind}/`), `must be a ${kind} ARN such as ${example}`);
const exampleBalancer = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/0123456789abcdef';

const listenerSchema = z.strictObject({
  port: z.number().int().min(1).max(65535),
  arn: elbArn('listener', `${exampleBalancer.replace(':loadbalancer/', ':listener/')}/1123456789abcdef`).exactOptional(),
  protocol: z.enum(['HTTP', 'HTTPS']).exactOptional(),
  targetGroup: name,
  rules: z
    .array(
      z.strictObject({
        priority: z.number().int().min(1).max(50000),
        pathPattern: name,
        targetGroup: name,
        arn: elbArn('listener-rule', `${exampleBalancer.replace(':loadbalancer/', ':listener-rule/')}/1123456789abcdef/2123456789abcdef`).exactOptional(),
      }),
    )
    .exactOptional(),
});

const infrastructureSchema = z.strictObject({
  clusters: z.array(z.strictObject({ name, region: region.exactOptional(), capacityProviders: z.array(name).exactOptional() })).exactOptional(),
  targetGroups: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1-32 letters, digits or hyphens'),
        arn: z
          .string()
          .regex(
            /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/,
            'must be a target group ARN such as arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef',
          )
          .exactOptional(),
        region: region.exactOptional(),
        targetType: z.enum(['ip', 'instance', 'lambda']).exactOptional(),
        protocol: z.enum(['HTTP', 'HTTPS', 'TCP']).exactOptional(),
        port: z.number().int().min(1).max(65535).exactOptional(),
        vpcId: name.exactOptional(),
        healthCheckIntervalSeconds: z.number().int().min(5).max(300).exactOptional(),
        healthyThresholdCount: z.number().int().min(2).max(10).exactOptional(),
        unhealthyThresholdCount: z.number().int().min(2).max(10).exactOptional(),
        deregistrationDelaySeconds: z.number().int().min(0).max(3600).exactOptional(),
      }),
    )
    .exactOptional(),
  loadBalancers: z
    .array(
      z.strictObject({
        name,
        arn: elbArn('loadbalancer', exampleBalancer).exactOptional(),
        region: region.exactOptional(),
        listeners: z.array(listenerSchema).exactOptional(),
      }),
    )
    .exactOptional(),
  alarms: z
    .array(z.strictObject({ name, region: region.exactOptional(), state: z.enum(['OK', 'ALARM', 'INSUFFICIENT_DATA']).exactOptional() }))
    .exactOptional(),
  roles: z.array(z.union([name, z.strictObject({ name, trust: z.array(name).exactOptional() })])).exactOptional(),
  images: z.array(z.strictObject({ repository: name, region: region.exactOptional(), tags: z.array(name) })).exactOptional(),
  layers: z.array(name).exactOptional(),
  queues: z.array(z.strictObject({ name, region: region.exactOptional() })).exactOptional(),
  logGroups: z.array(z.strictObject({ name, region: region.exactOptional() })).exactOptional(),
  functions: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a function name of up to 64 letters, digits, hyphens and underscores'),
        region: region.exactOptional(),
        role: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, 'must be an IAM role ARN such as arn:aws:iam::123456789012:role/hooks'),
      }),
    )
    .exactOptional(),
  codeObjects: z
    .array(z.strictObject({ bucket: name, key: name, sha256: z.string().exactOptional(), size: z.number().int().nonnegative().exactOptional() }))
    .exactOptional(),
  apis: z
    .array(
      z.strictObject({
        name,
        region: region.exactOptional(),
        protocolType: z.enum(['HTTP', 'WEBSOCKET']).exactOptional(),
        routes: z.array(z.strictObject({ routeKey: name })).exactOptional(),
        stages: z.array(z.strictObject({ name, stageVariables: z.record(z.string(), z.string()).exactOptional() })).exactOptional(),
      }),
    )
    .exactOptional(),
});

const scenarioSchema = z
  .strictObject({
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .exactOptional(),
    region: region.exactOptional(),
    infrastructure: infrastructureSchema.exactOptional(),
    faults: z.array(faultSchema).exactOptional(),
  })
  .superRefine((scenario, context) => {
    for (const problem of targetGroupReferenceProblems(scenario.infrastructure)) context.addIssue(problem);
    for (const problem of targetGroupArnProblems(scenario.infrastructure)) context.addIssue(problem);
  });

type ParsedInfrastructure = z.infer<typeof infrastructureSchema> | undefined;

/** Listeners and rules must forward to a target group the scenario seeds. */
function targetGroupReferenceProblems(infrastructure: ParsedInfrastructure) {
  const problems: { code: 'custom'; message: string; path: (string | number)[] }[] = [];
  const groups = new Set((infrastructure?.targetGroups ?? []).map((group) => group.name));
  (infrastructure?.loadBalancers ?? []).forEach((balancer, b) => {
    (balancer.listeners ?? []).forEach((listener, l) => {
      const at = ['infrastructure', 'loadBalancers', b, 'listeners', l];
      const check = (name: string, path: (string | number)[]) => {
        if (groups.has(name)) return;
        problems.push({ code: 'custom', message: `no target group named ${name} in infrastructure.targetGroups`, path });
      };
      check(listener.targetGroup, [...at, 'targetGroup']);
      (listener.rules ?? []).forEach((rule, r) => {
        check(rule.targetGroup, [...at, 'rules', r, 'targetGroup']);
      });
    });
  });
  return problems;
}

/** A seeded target group's ARN carries its name: the two must agree, or lookups by name and by ARN would differ. */
function targetGroupArnProblems(infrastructure: ParsedInfrastructure) {
  const problems: { code: 'custom'; message: string; path: (string | number)[] }[] = [];
  (infrastructure?.targetGroups ?? []).forEach((group, index) => {
    const named = group.arn?.split('/')[1];
    if (named === undefined || named === group.name) return;
    problems.push({
      code: 'custom',
      message: `names target group ${named}, not ${group.name}: use the name the ARN carries`,
      path: ['infrastructure', 'targetGroups', index, 'arn'],
    });
  });
  return problems;
}

/** An invalid scenario: every problem as `source: path: message`. */
export class ScenarioError extends Error {
  constructor(readonly problems: readonly string[]) {
    const [only] = problems.length === 1 ? problems : [];
    super(only ?? `invalid scenario:\n  ${problems.join('\n  ')}`);
    this.name = 'ScenarioError';
  }
}

/** Validates a parsed scenario document, collecting every problem. */
export function validateScenario(value: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(withoutUndefined(value ?? {}));
  if (!result.success) {
    throw new ScenarioError(result.error.issues.map((issue) => `${source}: ${formatPath(issue.path)}: ${issue.message}`));
  }
  return result.data;
}

/**
 * Members are `exactOptional` (absent, never `undefined`), so that the parsed value is a `Scenario`; a caller's
 * `{ region: undefined }` means absent, as it would once written as JSON.
 */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (!isInput(value)) return value;
  const present = Object.entries(value).filter(([, member]) => member !== undefined);
  return Object.fromEntries(present.map(([key, member]) => [key, withoutUndefined(member)]));
}

/** Every problem of a parsed scenario document with its path, for callers that point at lines of the file. */
export function scenarioIssues(value: unknown): { path: readonly PropertyKey[]; where: string; message: string }[] {
  const result = scenarioSchema.safeParse(withoutUndefined(value ?? {}));
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    // An unknown key is found at its own line, not its parent's.
    const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, ...issue.keys] : issue.path;
    return { path, where: formatPath(issue.path), message: issue.message };
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

/** Parses JSON or YAML text (YAML is a superset of JSON) and validates it. */
export function parseScenario(text: string, source = 'scenario'): Scenario {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new ScenarioError([`${source}: ${messageOf(error)}`]);
  }
  return validateScenario(value, source);
}
