/**
 * Seeds a scenario's infrastructure by calling the services' own operation handlers in-process, with input
 * shaped as their wire codec would decode it, so seeded resources obey the same rules as API-created ones.
 */
import { decodeQueryForm, encodeQueryForm } from './codecs/aws-query.js';
import { toJsonValue } from './codecs/wire.js';
import { isInput, type Input } from './coerce.js';
import { SimError } from './errors.js';
import { ScenarioError } from './scenario.js';
import type { Scenario, ScenarioInfrastructure, ServiceName } from './types.js';
import type { World } from './world.js';

/** Scenario alarms have no metrics of their own: they watch the target 5XX count of a load balancer. */
const SEEDED_ALARM = {
  MetricName: 'HTTPCode_Target_5XX_Count',
  Namespace: 'AWS/ApplicationELB',
  Statistic: 'Sum',
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  TreatMissingData: 'notBreaching',
};

const SEEDED_CERTIFICATE = 'arn:aws:acm:us-east-1:000000000000:certificate/sim';

/**
 * Replaces the world's scenario with `scenario` (state is reset) and seeds its infrastructure. A seeding
 * failure leaves an empty world rather than a half-seeded one.
 */
export async function applyScenario(world: World, scenario: Scenario): Promise<void> {
  checkServices(world, scenario.infrastructure ?? {});
  world.replaceScenario(scenario);
  try {
    await seedInfrastructure(new Seeder(world), scenario.infrastructure ?? {});
  } catch (error) {
    world.reset();
    throw error;
  }
}

async function seedInfrastructure(seeder: Seeder, infrastructure: ScenarioInfrastructure): Promise<void> {
  for (const [index, cluster] of (infrastructure.clusters ?? []).entries()) {
    await seeder.call(`infrastructure.clusters[${index}]`, 'ecs', 'CreateCluster', cluster.region, {
      clusterName: cluster.name,
      ...(cluster.capacityProviders ? { capacityProviders: cluster.capacityProviders } : {}),
    });
  }
  const targetGroupArns = await seedTargetGroups(seeder, infrastructure);
  await seedLoadBalancers(seeder, infrastructure, targetGroupArns);
  await seedAlarms(seeder, infrastructure);
  await seedApis(seeder, infrastructure);
  await seedFunctions(seeder, infrastructure);
}

const MISSING = 'which this simulator does not have';

/** Which infrastructure needs which service: seeding fails up front, naming the missing one. */
function checkServices(world: World, infrastructure: ScenarioInfrastructure): void {
  const needs: [keyof ScenarioInfrastructure, ServiceName][] = [
    ['clusters', 'ecs'],
    ['targetGroups', 'elbv2'],
    ['loadBalancers', 'elbv2'],
    ['alarms', 'cloudwatch'],
    ['apis', 'apigatewayv2'],
    ['functions', 'lambda'],
  ];
  const problems = needs
    .filter(([field, service]) => (infrastructure[field]?.length ?? 0) > 0 && !world.module(service))
    .map(([field, service]) => `scenario: infrastructure.${field}: needs the ${service} service, ${MISSING}`);
  if (problems.length > 0) throw new ScenarioError(problems);
}

class Seeder {
  constructor(private readonly world: World) {}

  /** Calls one operation; an AWS error becomes a ScenarioError naming the scenario entry. */
  async call(at: string, service: ServiceName, operation: string, region: string | undefined, input: Record<string, unknown>): Promise<Input> {
    const module = this.world.module(service);
    const where = { account: this.world.defaultAccount, region: region ?? this.world.defaultRegion };
    const wireInput = module?.protocols[0] === 'awsQuery' ? asQueryDecodes(operation, input) : toJsonValue(input);
    try {
      const output = await this.world.invoke(service, operation, wireInput, where);
      return isInput(output) ? output : {};
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
      throw new ScenarioError([`scenario: ${at}: ${service} ${operation} failed: ${error.code}: ${error.message}`]);
    }
  }

  /** No operation gives a resource a chosen ARN: the ELBv2 model does it for seeding. */
  adoptArn(at: string, region: string | undefined, currentArn: string, wantedArn: string | undefined): string {
    if (wantedArn === undefined) return currentArn;
    const model = this.world.model('elbv2', this.world.defaultAccount, region ?? this.world.defaultRegion);
    try {
      return model.adoptArn(currentArn, wantedArn);
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
      throw new ScenarioError([`scenario: ${at}.arn: ${error.message}`]);
    }
  }
}

async function seedTargetGroups(seeder: Seeder, infrastructure: ScenarioInfrastructure): Promise<Map<string, string>> {
  const arns = new Map<string, string>();
  for (const [index, group] of (infrastructure.targetGroups ?? []).entries()) {
    const at = `infrastructure.targetGroups[${index}]`;
    const targetType = group.targetType ?? 'ip';
    // Lambda target groups take no protocol, port or VPC (CreateTargetGroup).
    const network =
      targetType === 'lambda' ? {} : { Protocol: group.protocol ?? 'HTTP', Port: group.port ?? 80, VpcId: group.vpcId ?? 'vpc-0sim0000000000001' };
    const output = await seeder.call(at, 'elbv2', 'CreateTargetGroup', group.region, {
      Name: group.name,
      TargetType: targetType,
      ...network,
      HealthCheckIntervalSeconds: group.healthCheckIntervalSeconds,
      HealthyThresholdCount: group.healthyThresholdCount,
      UnhealthyThresholdCount: group.unhealthyThresholdCount,
    });
    const created = firstArn(output, 'TargetGroups', 'TargetGroupArn', at);
    const arn = seeder.adoptArn(at, group.region, created, group.arn);
    arns.set(group.name, arn);
    if (group.deregistrationDelaySeconds !== undefined) {
      await seeder.call(at, 'elbv2', 'ModifyTargetGroupAttributes', group.region, {
        TargetGroupArn: arn,
        Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: String(group.deregistrationDelaySeconds) }],
      });
    }
  }
  return arns;
}

async function seedLoadBalancers(seeder: Seeder, infrastructure: ScenarioInfrastructure, targetGroupArns: Map<string, string>): Promise<void> {
  for (const [index, balancer] of (infrastructure.loadBalancers ?? []).entries()) {
    const at = `infrastructure.loadBalancers[${index}]`;
    const output = await seeder.call(at, 'elbv2', 'CreateLoadBalancer', balancer.region, {
      Name: balancer.name,
      Type: 'application',
      Subnets: ['subnet-0sim0000000000001', 'subnet-0sim0000000000002'],
    });
    const balancerArn = seeder.adoptArn(at, balancer.region, firstArn(output, 'LoadBalancers', 'LoadBalancerArn', at), balancer.arn);
    for (const [l, listener] of (balancer.listeners ?? []).entries()) {
      const listenerAt = `${at}.listeners[${l}]`;
      const protocol = listener.protocol ?? 'HTTP';
      const created = await seeder.call(listenerAt, 'elbv2', 'CreateListener', balancer.region, {
        LoadBalancerArn: balancerArn,
        Protocol: protocol,
        Port: listener.port,
        // HTTPS listeners need a certificate; the simulator does not check it.
        ...(protocol === 'HTTPS' ? { Certificates: [{ CertificateArn: SEEDED_CERTIFICATE }] } : {}),
        DefaultActions: [forward(targetGroupArns, listener.targetGroup)],
      });
      const listenerArn = seeder.adoptArn(listenerAt, balancer.region, firstArn(created, 'Listeners', 'ListenerArn', listenerAt), listener.arn);
      for (const [r, rule] of (listener.rules ?? []).entries()) {
        const ruleAt = `${listenerAt}.rules[${r}]`;
        const createdRule = await seeder.call(ruleAt, 'elbv2', 'CreateRule', balancer.region, {
          ListenerArn: listenerArn,
          Priority: rule.priority,
          Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: [rule.pathPattern] } }],
          Actions: [forward(targetGroupArns, rule.targetGroup)],
        });
        if (rule.arn !== undefined) seeder.adoptArn(ruleAt, balancer.region, firstArn(createdRule, 'Rules', 'RuleArn', ruleAt), rule.arn);
      }
    }
  }
}

function forward(targetGroupArns: Map<string, string>, name: string) {
  return { Type: 'forward', TargetGroupArn: targetGroupArns.get(name) };
}

/** Seeded alarms start OK unless the scenario says otherwise: a healthy service's alarms are not firing. */
async function seedAlarms(seeder: Seeder, infrastructure: ScenarioInfrastructure): Promise<void> {
  for (const [index, alarm] of (infrastructure.alarms ?? []).entries()) {
    const at = `infrastructure.alarms[${index}]`;
    await seeder.call(at, 'cloudwatch', 'PutMetricAlarm', alarm.region, { AlarmName: alarm.name, ...SEEDED_ALARM });
    await seeder.call(at, 'cloudwatch', 'SetAlarmState', alarm.region, {
      AlarmName: alarm.name,
      StateValue: alarm.state ?? 'OK',
      StateReason: 'Seeded by the simulator scenario.',
    });
  }
}

/** API Gateway v2 APIs (HTTP unless said otherwise), their routes and their stages, in that order. */
async function seedApis(seeder: Seeder, infrastructure: ScenarioInfrastructure): Promise<void> {
  for (const [index, api] of (infrastructure.apis ?? []).entries()) {
    const at = `infrastructure.apis[${index}]`;
    const protocolType = api.protocolType ?? 'HTTP';
    const created = await seeder.call(at, 'apigatewayv2', 'CreateApi', api.region, {
      name: api.name,
      protocolType,
      ...(protocolType === 'WEBSOCKET' ? { routeSelectionExpression: '$request.body.action' } : {}),
    });
    const apiId = created.apiId;
    if (typeof apiId !== 'string') throw new ScenarioError([`scenario: ${at}: the answer has no apiId`]);
    for (const [r, route] of (api.routes ?? []).entries()) {
      await seeder.call(`${at}.routes[${r}]`, 'apigatewayv2', 'CreateRoute', api.region, { apiId, routeKey: route.routeKey });
    }
    for (const [s, stage] of (api.stages ?? []).entries()) {
      await seeder.call(`${at}.stages[${s}]`, 'apigatewayv2', 'CreateStage', api.region, {
        apiId,
        stageName: stage.name,
        ...(stage.stageVariables ? { stageVariables: stage.stageVariables } : {}),
      });
    }
  }
}

/** An empty .zip archive (only its end-of-central-directory record): a package Lambda accepts, with nothing to run. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]).toString('base64');

async function seedFunctions(seeder: Seeder, infrastructure: ScenarioInfrastructure): Promise<void> {
  for (const [index, fn] of (infrastructure.functions ?? []).entries()) {
    await seeder.call(`infrastructure.functions[${index}]`, 'lambda', 'CreateFunction', fn.region, {
      FunctionName: fn.name,
      Runtime: 'python3.12',
      Handler: 'index.handler',
      Role: fn.role,
      Code: { ZipFile: EMPTY_ZIP },
    });
  }
}

/** Input the way the query codec hands it to a handler: scalars as strings, without the codec's Action and Version. */
function asQueryDecodes(operation: string, input: Record<string, unknown>): Input {
  const { Action: _action, Version: _version, ...members } = decodeQueryForm(encodeQueryForm(operation, '', input));
  return members;
}

function firstArn(output: Input, list: string, member: string, at: string): string {
  const items = output[list];
  const [first] = Array.isArray(items) ? items : [];
  const arn = isInput(first) ? first[member] : undefined;
  if (typeof arn !== 'string') throw new ScenarioError([`scenario: ${at}: the answer has no ${list}[0].${member}`]);
  return arn;
}
