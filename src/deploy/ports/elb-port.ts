/** Elastic Load Balancing: target health, Lambda targets and the weights of forward actions. */

export interface TargetHealthState {
  targetId: string;
  port?: number;
  state: string;
  reason?: string;
  description?: string;
}

export interface LoadBalancingPort {
  /** DescribeTargetHealth of one target group. */
  targetHealth(targetGroupArn: string): Promise<TargetHealthState[]>;
  /**
   * RegisterTargets of a Lambda function, version or alias ARN in a `lambda` target group. ELB refuses it
   * (AccessDenied) unless the function's policy already lets elasticloadbalancing.amazonaws.com invoke it.
   */
  registerLambdaTarget(targetGroupArn: string, functionArn: string): Promise<void>;
  /** DeregisterTargets of a Lambda target; a target that is not registered is not an error. */
  deregisterLambdaTarget(targetGroupArn: string, functionArn: string): Promise<void>;
  /**
   * Every listener (its default actions) and every rule whose forward action includes one of these target
   * groups: DescribeTargetGroups (their load balancers), then DescribeListeners and DescribeRules, every page.
   */
  forwardingRoutes(targetGroupArns: readonly string[]): Promise<ForwardRoute[]>;
  /**
   * Sets the target groups and weights of a route's forward action (a plain forward becomes a weighted one) and
   * keeps the listener's or rule's other actions as they are: DescribeListeners or DescribeRules, then
   * ModifyListener or ModifyRule.
   */
  setForwardWeights(route: RouteRef, weights: readonly TargetGroupWeight[]): Promise<void>;
  /** The route's forward weights as ELB has them now (DescribeListeners or DescribeRules); null when it is gone. */
  forwardWeights(route: RouteRef): Promise<TargetGroupWeight[] | null>;
}

export interface TargetGroupWeight {
  targetGroupArn: string;
  weight: number;
}

/** Which route: a listener's default actions (by listener ARN) or a rule (by rule ARN). */
export interface RouteRef {
  kind: 'listener' | 'rule';
  arn: string;
}

/** A place where a load balancer forwards traffic to target groups. */
export interface ForwardRoute extends RouteRef {
  listenerArn: string;
  /** The forward action's target groups with their weights, in the order ELB returns them. */
  weights: TargetGroupWeight[];
  /** Target group stickiness of the forward action, when on: clients stay this long on the group they were sent to. */
  stickinessSeconds?: number;
}
