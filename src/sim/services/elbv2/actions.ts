/**
 * Listener and rule actions: decoding and shape checks of the SDK's Action, and the way DescribeListeners /
 * DescribeRules return them. Forward actions follow "Forward actions" in the ALB user guide
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#forward-actions).
 */
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { isInput, type Input } from '../../coerce.js';
import { validationError } from './errors.js';
import type { ForwardAction, OtherAction, StoredAction, WeightedTargetGroup } from './state.js';
import { optionalBool, optionalEnum, optionalInt, optionalString, optionalStructure, structureList } from './validate.js';

const actionTypes = ['forward', 'authenticate-oidc', 'authenticate-cognito', 'redirect', 'fixed-response', 'jwt-validation'] as const;

/** "You can specify up to 5 target groups" per forward action (ELBv2 quotas: target groups per action). */
const maxTargetGroupsPerAction = 5;
/** Weights range 0–999 (TargetGroupTuple.Weight). */
const maxWeight = 999;
/** Stickiness duration range: 1–604800 seconds (TargetGroupStickinessConfig.DurationSeconds). */
const maxStickinessSeconds = 604800;

const configKeys: Record<OtherAction['type'], keyof Action> = {
  redirect: 'RedirectConfig',
  'fixed-response': 'FixedResponseConfig',
  'authenticate-oidc': 'AuthenticateOidcConfig',
  'authenticate-cognito': 'AuthenticateCognitoConfig',
  'jwt-validation': 'JwtValidationConfig',
};

/** Decodes and checks a DefaultActions / Actions list. */
export function parseActions(actions: Input[], field: string): StoredAction[] {
  if (actions.length === 0) throw validationError(`At least one action must be specified in '${field}'`);
  const parsed = actions.map((action, index) => parseAction(action, `${field}.member.${index + 1}`));
  checkOrders(parsed, actions.length);
  return parsed;
}

function parseAction(action: Input, path: string): StoredAction {
  const type = optionalEnum(action.Type, `${path}.Type`, actionTypes);
  if (type === undefined) throw validationError(`An action type must be specified at '${path}'`);
  const order = optionalInt(action.Order, `${path}.Order`, 1, 50000);
  if (type === 'forward') return parseForward(action, path, order);
  const config = action[configKeys[type]];
  if (!isInput(config)) throw validationError(`'${String(configKeys[type])}' must be specified for actions of type '${type}'`);
  if (type === 'redirect' || type === 'fixed-response') checkStatusCode(type, config);
  return { type, ...(order !== undefined && { order }), config };
}

function checkStatusCode(type: 'redirect' | 'fixed-response', config: Record<string, unknown>): void {
  const code = optionalString(config['StatusCode'], 'StatusCode');
  const valid = type === 'redirect' ? code === 'HTTP_301' || code === 'HTTP_302' : /^(2|4|5)\d\d$/.test(code ?? '');
  if (!valid) throw validationError(`Invalid status code '${code ?? ''}' for an action of type '${type}'`);
}

function parseForward(action: Input, path: string, order: number | undefined): ForwardAction {
  const arn = optionalString(action.TargetGroupArn, `${path}.TargetGroupArn`);
  const forward = optionalStructure(action.ForwardConfig, `${path}.ForwardConfig`);
  const tuples = structureList(forward?.TargetGroups, `${path}.ForwardConfig.TargetGroups`);
  if (arn === undefined && tuples.length === 0) {
    throw validationError('A target group ARN must be specified for forward actions');
  }
  const targetGroups = arn !== undefined && tuples.length === 0 ? [{ targetGroupArn: arn, weight: 1 }] : parseTuples(tuples, path);
  // "If you specify both ForwardConfig and TargetGroupArn, you can specify only one target group using
  // ForwardConfig and it must be the same target group specified in TargetGroupArn." (Action, API reference)
  if (arn !== undefined && tuples.length > 0 && (targetGroups.length !== 1 || targetGroups[0]?.targetGroupArn !== arn)) {
    throw validationError('You cannot specify both a target group ARN and a ForwardConfig with a different or more than one target group');
  }
  const stickiness = parseStickiness(forward, path);
  return { type: 'forward', ...(order !== undefined && { order }), targetGroups, stickiness };
}

function parseTuples(tuples: Input[], path: string): WeightedTargetGroup[] {
  if (tuples.length > maxTargetGroupsPerAction) {
    throw validationError(`A forward action cannot have more than ${maxTargetGroupsPerAction} target groups`);
  }
  const seen = new Set<string>();
  return tuples.map((tuple, index) => {
    const at = `${path}.ForwardConfig.TargetGroups.member.${index + 1}`;
    const targetGroupArn = optionalString(tuple.TargetGroupArn, `${at}.TargetGroupArn`);
    if (targetGroupArn === undefined) throw validationError(`A target group ARN must be specified at '${at}'`);
    if (seen.has(targetGroupArn)) throw validationError(`Target group '${targetGroupArn}' is specified more than once`);
    seen.add(targetGroupArn);
    const weight = optionalInt(tuple.Weight, `${at}.Weight`, 0, maxWeight);
    // Weights are optional only for a single target group ("If you specify multiple target groups for a
    // forward action, you must specify a weight for each target group", ALB user guide).
    if (weight === undefined && tuples.length > 1) {
      throw validationError('A weight must be specified for each target group of a forward action with several target groups');
    }
    return { targetGroupArn, weight: weight ?? 1 };
  });
}

function parseStickiness(forward: Input | undefined, path: string): ForwardAction['stickiness'] {
  const at = `${path}.ForwardConfig.TargetGroupStickinessConfig`;
  const config = optionalStructure(forward?.TargetGroupStickinessConfig, at);
  const enabled = optionalBool(config?.Enabled, `${at}.Enabled`) ?? false;
  const durationSeconds = optionalInt(config?.DurationSeconds, `${at}.DurationSeconds`, 1, maxStickinessSeconds);
  if (enabled && durationSeconds === undefined) {
    throw validationError('A stickiness duration must be specified when target group stickiness is enabled');
  }
  return { enabled, ...(durationSeconds !== undefined && { durationSeconds }) };
}

/** Several actions need distinct orders, and exactly one final action (forward, redirect or fixed-response) last. */
function checkOrders(actions: StoredAction[], count: number): void {
  if (count > 1 && actions.some((action) => action.order === undefined)) {
    throw validationError('An order must be specified for each action when a rule has more than one action');
  }
  const orders = actions.map((action) => action.order ?? 1);
  if (new Set(orders).size !== orders.length) throw validationError('Action orders must be unique');
  const final = actions.filter((action) => isFinal(action));
  if (final.length !== 1) {
    throw validationError('Exactly one forward, redirect or fixed-response action must be specified');
  }
  const last = [...actions].sort((a, b) => (a.order ?? 1) - (b.order ?? 1)).at(-1);
  if (last !== final[0]) throw validationError(`The '${final[0]?.type ?? ''}' action must be the last action`);
}

function isFinal(action: StoredAction): boolean {
  return action.type === 'forward' || action.type === 'redirect' || action.type === 'fixed-response';
}

/**
 * How AWS returns an action: a forward to one target group carries both TargetGroupArn and a ForwardConfig
 * with that group at weight 1 (or its given weight) and stickiness disabled; a weighted forward to several
 * groups carries only ForwardConfig.
 */
function renderAction(action: StoredAction): Action {
  const order = action.order !== undefined ? { Order: action.order } : {};
  if (action.type !== 'forward') return { Type: action.type, ...order, [configKeys[action.type]]: action.config };
  const ForwardConfig = {
    TargetGroups: action.targetGroups.map((group) => ({ TargetGroupArn: group.targetGroupArn, Weight: group.weight })),
    TargetGroupStickinessConfig: {
      Enabled: action.stickiness.enabled,
      ...(action.stickiness.durationSeconds !== undefined && { DurationSeconds: action.stickiness.durationSeconds }),
    },
  };
  const single = action.targetGroups.length === 1 ? action.targetGroups[0] : undefined;
  return {
    Type: 'forward',
    ...(single !== undefined && { TargetGroupArn: single.targetGroupArn }),
    ...order,
    ForwardConfig,
  };
}

export function renderActions(actions: StoredAction[]): Action[] {
  return [...actions].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map(renderAction);
}

/** The target groups an action list forwards to, with their weights. */
export function forwardedGroups(actions: StoredAction[]): WeightedTargetGroup[] {
  return actions.flatMap((action) => (action.type === 'forward' ? action.targetGroups : []));
}
