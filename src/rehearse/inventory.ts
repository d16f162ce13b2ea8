/**
 * What the rehearsal's derivation has found so far, keyed so that two units naming the same cluster, group or role
 * seed it once.
 */
import { parseArn } from '../defs/arn-rules.js';
import type { ScenarioInfrastructure } from '../sim/types.js';

/** The port of a region's first rehearsal listener; the next ones count up from it. */
export const firstListenerPort = 80;

type TargetGroup = NonNullable<ScenarioInfrastructure['targetGroups']>[number];

export interface NativeRule {
  ruleArn: string;
  listenerArn: string;
  loadBalancerArn: string;
  loadBalancerName: string;
  region: string;
  targetGroupName: string;
}

export class Inventory {
  readonly accounts: string[] = [];
  readonly clusters = new Map<string, { name: string; region: string; capacityProviders: Set<string> }>();
  readonly targetGroups = new Map<string, TargetGroup>();
  /** Target group ARNs a listener forwards to: what serves traffic before the deployment. */
  readonly routed = new Set<string>();
  readonly alarms = new Map<string, { name: string; region: string }>();
  readonly roles = new Set<string>();
  readonly logGroups = new Map<string, { name: string; region: string }>();
  readonly codeObjects = new Map<string, { bucket: string; key: string }>();
  readonly functions = new Map<string, { name: string; region: string; role: string }>();
  /** ECS-native routes by listener rule ARN: the rule, its listener and load balancer, the group it forwards to. */
  readonly nativeRules = new Map<string, NativeRule>();
  /** Target groups an ECS-native service reaches through its rules: no other load balancer may carry them. */
  readonly nativeRouted = new Set<string>();

  account(arn: string | undefined): void {
    const account = arn === undefined ? undefined : parseArn(arn)?.account;
    if (account !== undefined && /^\d{12}$/.test(account)) this.accounts.push(account);
  }

  role(arn: string | undefined): void {
    if (arn === undefined) return;
    this.account(arn);
    this.roles.add(arn);
  }

  targetGroup(arn: string, port: number, targetType: 'ip' | 'lambda', region: string): void {
    const parsed = parseArn(arn);
    const name = arn.split(':targetgroup/')[1]?.split('/')[0];
    if (parsed === null || name === undefined || this.targetGroups.has(arn)) return;
    this.account(arn);
    const network = targetType === 'lambda' ? {} : { protocol: 'HTTP' as const, port };
    this.targetGroups.set(arn, { name, arn, region: parsed.region || region, targetType, ...network });
  }
}
