/**
 * Targets of a target group and how DescribeTargetHealth reports them. States and reason codes follow
 * TargetHealth in the API reference
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html).
 */
import type { TargetHealth, TargetHealthDescription } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { SimTarget, TargetHealthState } from '../../types.js';
import { invalidTarget, tooManyTargets } from './errors.js';
import type { TargetGroupRecord, TargetRecord } from './state.js';
import { deregistrationDelayMs } from './target-groups.js';

/** ELBv2 quota: 1,000 targets per Application Load Balancer; a lambda group takes exactly one function. */
const maxTargetsPerGroup = 1000;

/** Rejects target ids that do not fit the group's target type, as RegisterTargets does. */
export function checkTargetIds(group: TargetGroupRecord, targets: { id: string; port?: number }[]): void {
  for (const target of targets) {
    if (group.targetType === 'lambda') {
      if (!/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/.test(target.id)) {
        throw invalidTarget(`The target '${target.id}' is not a Lambda function ARN`);
      }
      if (target.port !== undefined) throw invalidTarget('A port cannot be specified for Lambda targets');
    } else if (group.targetType === 'instance') {
      if (!/^i-[0-9a-f]{8,17}$/.test(target.id)) throw invalidTarget(`The target Id '${target.id}' is not a valid instance Id`);
    } else if (!isPrivateIpv4(target.id)) {
      // "You can't specify publicly routable IP addresses" (TargetDescription.Id for target type ip).
      throw invalidTarget(`The IP address '${target.id}' is not a valid private IPv4 address`);
    }
  }
}

function isPrivateIpv4(id: string): boolean {
  const parts = id.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return false;
  const [a = -1, b = -1] = parts;
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
}

function sameTarget(group: TargetGroupRecord, target: TargetRecord, id: string, port: number | undefined): boolean {
  return target.id === id && target.port === (port ?? group.port);
}

/**
 * Registers targets; registering one that is already registered changes nothing (its meta is refreshed),
 * and a draining target comes back as a new registration.
 */
export function registerTargets(group: TargetGroupRecord, targets: SimTarget[], now: number, failing: (t: SimTarget) => boolean): void {
  const added = targets.filter((t) => !group.targets.some((r) => sameTarget(group, r, t.id, t.port) && r.drainingUntil === undefined));
  const total = group.targets.filter((r) => r.drainingUntil === undefined).length + added.length;
  if (group.targetType === 'lambda' && total > 1) throw tooManyTargets('A Lambda target group can have only one registered function');
  if (total > maxTargetsPerGroup) throw tooManyTargets();
  for (const target of targets) {
    const existing = group.targets.find((r) => sameTarget(group, r, target.id, target.port));
    if (existing !== undefined && existing.drainingUntil === undefined) {
      if (target.meta !== undefined) existing.meta = target.meta;
      continue;
    }
    if (existing !== undefined) group.targets.splice(group.targets.indexOf(existing), 1);
    const port = target.port ?? group.port;
    group.targets.push({
      id: target.id,
      ...(port !== undefined && { port }),
      ...(target.meta !== undefined && { meta: target.meta }),
      registeredAt: now,
      health: 'initial',
      ...(group.inUse && { checkingSince: now }),
      failing: failing(target),
    });
  }
}

/**
 * Deregisters targets: they drain for the group's deregistration delay while a load balancer uses the group,
 * and go at once otherwise. Unknown targets are ignored ("If the specified target does not exist, the action
 * returns successfully").
 */
export function deregisterTargets(group: TargetGroupRecord, targets: { id: string; port?: number }[], now: number): void {
  const delay = group.targetType === 'lambda' ? 0 : deregistrationDelayMs(group);
  for (const target of targets) {
    const record = group.targets.find((r) => sameTarget(group, r, target.id, target.port) && r.drainingUntil === undefined);
    if (record === undefined) continue;
    if (group.inUse && delay > 0) record.drainingUntil = now + delay;
    else group.targets.splice(group.targets.indexOf(record), 1);
  }
}

const descriptions = {
  'Elb.RegistrationInProgress': 'Target registration is in progress',
  'Target.FailedHealthChecks': 'Health checks failed',
  'Target.NotInUse': 'Target group is not configured to receive traffic from the load balancer',
  'Target.NotRegistered': 'Target is not registered to the target group',
  'Target.DeregistrationInProgress': 'Target deregistration is in progress',
  'Target.HealthCheckDisabled': 'Health checks disabled',
} as const;

function reported(state: TargetHealthState, reason?: keyof typeof descriptions): TargetHealth {
  return reason === undefined ? { State: state } : { State: state, Reason: reason, Description: descriptions[reason] };
}

/** The health state AWS would report now, with its reason, from the settled check verdict and the group's use. */
function healthNow(group: TargetGroupRecord, target: TargetRecord): [TargetHealthState, (keyof typeof descriptions)?] {
  if (target.drainingUntil !== undefined) return ['draining', 'Target.DeregistrationInProgress'];
  if (!group.inUse) return ['unused', 'Target.NotInUse'];
  if (!group.healthCheck.enabled) return ['unavailable', 'Target.HealthCheckDisabled'];
  if (target.health === 'initial') return ['initial', 'Elb.RegistrationInProgress'];
  if (target.health === 'unhealthy') return ['unhealthy', 'Target.FailedHealthChecks'];
  return ['healthy'];
}

export function targetHealth(group: TargetGroupRecord, target: TargetRecord): TargetHealth {
  return reported(...healthNow(group, target));
}

/** DescribeTargetHealth: every registered target, or the ones asked for (unregistered ones as unused). */
export function describeTargetHealth(group: TargetGroupRecord, requested: { id: string; port?: number }[]): TargetHealthDescription[] {
  if (requested.length === 0) return group.targets.map((target) => describeTarget(group, target));
  return requested.flatMap((wanted) => {
    const matches = group.targets.filter((target) => target.id === wanted.id && (wanted.port === undefined || target.port === wanted.port));
    if (matches.length > 0) return matches.map((target) => describeTarget(group, target));
    const port = wanted.port ?? group.port;
    return [
      {
        Target: { Id: wanted.id, ...(port !== undefined && { Port: port }) },
        TargetHealth: reported('unused', 'Target.NotRegistered'),
      },
    ];
  });
}

function describeTarget(group: TargetGroupRecord, target: TargetRecord): TargetHealthDescription {
  const checkPort = group.healthCheck.port === 'traffic-port' ? target.port : group.healthCheck.port;
  return {
    Target: { Id: target.id, ...(target.port !== undefined && { Port: target.port }) },
    ...(checkPort !== undefined && { HealthCheckPort: String(checkPort) }),
    TargetHealth: targetHealth(group, target),
  };
}

/** The state string alone, for the ECS model (TargetRegistry.targetState). */
export function targetStateOf(group: TargetGroupRecord, id: string, port?: number): TargetHealthState | undefined {
  const matches = group.targets.filter((r) => r.id === id && (port === undefined || r.port === port));
  // A target deregistered and registered again has a draining and a live entry: the live one answers.
  const target = matches.find((r) => r.drainingUntil === undefined) ?? matches[0];
  return target === undefined ? undefined : healthNow(group, target)[0];
}
