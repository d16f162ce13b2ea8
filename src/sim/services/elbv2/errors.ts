/**
 * ELBv2 errors with the codes and HTTP statuses of the service model (elasticloadbalancingv2 2015-12-01).
 * Every one of these is a client (Sender) fault with status 400, except HealthUnavailable (500).
 */
import { SimError } from '../../errors.js';

/** The generic awsQuery validation error, used for malformed or out-of-range input. */
export function validationError(message: string): SimError {
  return new SimError('ValidationError', message, 400);
}

export function loadBalancerNotFound(message = 'One or more load balancers not found'): SimError {
  return new SimError('LoadBalancerNotFound', message, 400);
}

export function targetGroupNotFound(message = 'One or more target groups not found'): SimError {
  return new SimError('TargetGroupNotFound', message, 400);
}

export function listenerNotFound(message = 'One or more listeners not found'): SimError {
  return new SimError('ListenerNotFound', message, 400);
}

export function ruleNotFound(message = 'One or more rules not found'): SimError {
  return new SimError('RuleNotFound', message, 400);
}

export function duplicateLoadBalancerName(name: string): SimError {
  return new SimError('DuplicateLoadBalancerName', `A load balancer with the name '${name}' already exists`, 400);
}

export function duplicateTargetGroupName(name: string): SimError {
  return new SimError('DuplicateTargetGroupName', `A target group with the name '${name}' already exists`, 400);
}

export function duplicateListener(port: number): SimError {
  return new SimError('DuplicateListener', `A listener already exists on this load balancer with port '${port}'`, 400);
}

export function priorityInUse(priority: number): SimError {
  return new SimError('PriorityInUse', `Priority '${priority}' is currently in use`, 400);
}

export function invalidTarget(message: string): SimError {
  return new SimError('InvalidTarget', message, 400);
}

export function targetGroupAssociationLimit(targetGroupArns: string[]): SimError {
  return new SimError(
    'TargetGroupAssociationLimit',
    `The following target groups cannot be associated with more than one load balancer: ${targetGroupArns.join(', ')}`,
    400,
  );
}

export function invalidConfigurationRequest(message: string): SimError {
  return new SimError('InvalidConfigurationRequest', message, 400);
}

export function incompatibleProtocols(message: string): SimError {
  return new SimError('IncompatibleProtocols', message, 400);
}

export function operationNotPermitted(message: string): SimError {
  return new SimError('OperationNotPermitted', message, 400);
}

export function tooManyTargetGroups(): SimError {
  return new SimError('TooManyTargetGroups', 'You have reached the maximum number of target groups for your account', 400);
}

export function tooManyLoadBalancers(): SimError {
  return new SimError('TooManyLoadBalancers', 'You have reached the maximum number of load balancers for your account', 400);
}

export function tooManyListeners(): SimError {
  return new SimError('TooManyListeners', 'You have reached the maximum number of listeners for this load balancer', 400);
}

export function tooManyRules(): SimError {
  return new SimError('TooManyRules', 'You have reached the maximum number of rules for this load balancer', 400);
}

export function tooManyTargets(message = 'You have reached the maximum number of targets for this target group'): SimError {
  return new SimError('TooManyTargets', message, 400);
}

export function invalidLoadBalancerAction(message: string): SimError {
  return new SimError('InvalidLoadBalancerAction', message, 400);
}

export function tooManyTags(): SimError {
  return new SimError('TooManyTags', 'The quota for the number of tags that can be assigned to a resource has been reached', 400);
}

export function duplicateTagKeys(key: string): SimError {
  return new SimError('DuplicateTagKeys', `Tag key '${key}' was specified more than once`, 400);
}

export function unsupportedProtocol(protocol: string): SimError {
  return new SimError('UnsupportedProtocol', `Protocol '${protocol}' is not supported by Application Load Balancers`, 400);
}

/** RegisterTargets of a Lambda function whose policy does not let ELB invoke it (the message AWS answers). */
export function lambdaAccessDenied(functionArn: string, targetGroupArn: string): SimError {
  return new SimError(
    'AccessDenied',
    `elasticloadbalancing principal does not have permission to invoke ${functionArn} from target group ${targetGroupArn}`,
    403,
  );
}
