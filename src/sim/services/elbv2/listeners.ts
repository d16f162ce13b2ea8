/** Listeners of Application Load Balancers: CreateListener, DescribeListeners, ModifyListener. */
import type { Certificate, Listener, ProtocolEnum } from '@aws-sdk/client-elastic-load-balancing-v2';
import { forwardedGroups, renderActions } from './actions.js';
import {
  duplicateListener,
  incompatibleProtocols,
  invalidLoadBalancerAction,
  listenerNotFound,
  targetGroupAssociationLimit,
  tooManyListeners,
  unsupportedProtocol,
  validationError,
} from './errors.js';
import { listenerArn, nextId, ruleArn } from './ids.js';
import { loadBalancer } from './load-balancers.js';
import type { Page } from './paging.js';
import { paginate } from './paging.js';
import type { Elbv2Scope, Elbv2State, ListenerRecord, StoredAction } from './state.js';
import { targetGroup } from './target-groups.js';
import { loadBalancersOf } from './usage.js';

/** ELBv2 quota: 50 listeners per Application Load Balancer. */
const maxListeners = 50;
/** The security policy HTTPS listeners get when none is given (CreateListener, SslPolicy). */
const defaultSslPolicy = 'ELBSecurityPolicy-2016-08';

export interface ListenerSpec {
  loadBalancerArn: string;
  protocol?: ProtocolEnum;
  port?: number;
  sslPolicy?: string;
  certificates: Certificate[];
  defaultActions: StoredAction[];
}

export interface ListenerChanges {
  protocol?: ProtocolEnum;
  port?: number;
  sslPolicy?: string;
  certificates?: Certificate[];
  defaultActions?: StoredAction[];
}

export function createListener(state: Elbv2State, scope: Elbv2Scope, spec: ListenerSpec): ListenerRecord {
  const lb = loadBalancer(state, spec.loadBalancerArn);
  if (spec.protocol === undefined) throw validationError('A listener protocol must be specified');
  if (spec.port === undefined) throw validationError('A listener port must be specified');
  checkListenerSettings(spec.protocol, spec.certificates);
  checkActions(state, lb.arn, spec.protocol, spec.defaultActions);
  const siblings = listenersOf(state, lb.arn);
  const samePort = siblings.find((listener) => listener.port === spec.port);
  if (samePort !== undefined) {
    // CreateListener is idempotent: the same settings again answer with the existing listener.
    if (samePort.protocol === spec.protocol && sameActions(samePort.defaultActions, spec.defaultActions)) return samePort;
    throw duplicateListener(spec.port);
  }
  if (siblings.length >= maxListeners) throw tooManyListeners();
  const arn = listenerArn(lb.arn, nextId(state, scope, 'listener'));
  const isHttps = spec.protocol === 'HTTPS';
  const listener: ListenerRecord = {
    arn,
    loadBalancerArn: lb.arn,
    port: spec.port,
    protocol: spec.protocol,
    ...(isHttps && { sslPolicy: spec.sslPolicy ?? defaultSslPolicy }),
    certificates: isHttps ? spec.certificates : [],
    defaultActions: spec.defaultActions,
    defaultRuleArn: ruleArn(arn, nextId(state, scope, 'rule')),
    createdSeq: state.sequence,
  };
  state.listeners.set(arn, listener);
  return listener;
}

export function modifyListener(state: Elbv2State, arn: string, changes: ListenerChanges): ListenerRecord {
  const listener = listenerRecord(state, arn);
  const protocol = changes.protocol ?? listener.protocol;
  const isHttps = protocol === 'HTTPS';
  // "Changing the protocol from HTTPS to HTTP ... removes the security policy and default certificate."
  const certificates = isHttps ? (changes.certificates ?? listener.certificates) : [];
  checkListenerSettings(protocol, certificates);
  const defaultActions = changes.defaultActions ?? listener.defaultActions;
  checkActions(state, listener.loadBalancerArn, protocol, defaultActions);
  const port = changes.port ?? listener.port;
  const clash = listenersOf(state, listener.loadBalancerArn).find((other) => other.port === port && other.arn !== arn);
  if (clash !== undefined) throw duplicateListener(port);
  listener.protocol = protocol;
  listener.port = port;
  listener.certificates = certificates;
  listener.defaultActions = defaultActions;
  if (isHttps) listener.sslPolicy = changes.sslPolicy ?? listener.sslPolicy ?? defaultSslPolicy;
  else delete listener.sslPolicy;
  return listener;
}

function checkListenerSettings(protocol: string, certificates: Certificate[]): void {
  if (protocol !== 'HTTP' && protocol !== 'HTTPS') throw unsupportedProtocol(protocol);
  if (protocol === 'HTTPS' && certificates.length === 0) {
    throw validationError('A certificate must be specified for HTTPS listeners');
  }
}

/**
 * The rules every listener or rule action list obeys: forwarded groups exist, speak HTTP(S) (or are lambda
 * groups), and belong to no other load balancer ("a target group can be registered with only one load
 * balancer" for ALBs); authenticate actions need an HTTPS listener.
 */
export function checkActions(state: Elbv2State, loadBalancerArn: string, protocol: string, actions: StoredAction[]): void {
  for (const action of actions) {
    if (action.type.startsWith('authenticate-') && protocol !== 'HTTPS') {
      throw invalidLoadBalancerAction(`Actions of type '${action.type}' are supported only on HTTPS listeners`);
    }
  }
  const elsewhere: string[] = [];
  for (const { targetGroupArn } of forwardedGroups(actions)) {
    const group = targetGroup(state, targetGroupArn);
    if (group.targetType !== 'lambda' && group.protocol !== 'HTTP' && group.protocol !== 'HTTPS') {
      throw incompatibleProtocols(`Target group '${group.arn}' has protocol '${group.protocol ?? ''}', which an Application Load Balancer cannot forward to`);
    }
    if (loadBalancersOf(state, targetGroupArn).some((arn) => arn !== loadBalancerArn)) elsewhere.push(targetGroupArn);
  }
  if (elsewhere.length > 0) throw targetGroupAssociationLimit(elsewhere);
}

function sameActions(a: StoredAction[], b: StoredAction[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function listenerRecord(state: Elbv2State, arn: string): ListenerRecord {
  const listener = state.listeners.get(arn);
  if (listener === undefined) throw listenerNotFound(`Listener '${arn}' not found`);
  return listener;
}

export function listenersOf(state: Elbv2State, loadBalancerArn: string): ListenerRecord[] {
  return [...state.listeners.values()].filter((listener) => listener.loadBalancerArn === loadBalancerArn).sort((a, b) => a.createdSeq - b.createdSeq);
}

/** DescribeListeners takes a load balancer ARN or listener ARNs. */
export function describeListeners(
  state: Elbv2State,
  filter: { loadBalancerArn?: string; arns?: string[] },
  page: { marker?: string; pageSize?: number },
): Page<ListenerRecord> {
  if (filter.arns !== undefined && filter.arns.length > 0) {
    return paginate(
      filter.arns.map((arn) => listenerRecord(state, arn)),
      page,
    );
  }
  if (filter.loadBalancerArn === undefined) {
    throw validationError('You must specify either listener ARNs or a load balancer ARN');
  }
  const lb = loadBalancer(state, filter.loadBalancerArn);
  return paginate(listenersOf(state, lb.arn), page);
}

export function renderListener(listener: ListenerRecord): Listener {
  return {
    ListenerArn: listener.arn,
    LoadBalancerArn: listener.loadBalancerArn,
    Port: listener.port,
    Protocol: listener.protocol,
    ...(listener.certificates.length > 0 && { Certificates: listener.certificates }),
    ...(listener.sslPolicy !== undefined && { SslPolicy: listener.sslPolicy }),
    DefaultActions: renderActions(listener.defaultActions),
  };
}
