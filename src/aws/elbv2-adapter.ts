/**
 * LoadBalancingPort over @aws-sdk/client-elastic-load-balancing-v2. IAM actions used:
 * elasticloadbalancing:DescribeTargetHealth, and for blue/green elasticloadbalancing:DescribeTargetGroups,
 * DescribeListeners, DescribeRules, ModifyListener and ModifyRule (elbv2-routes.ts).
 */
import {
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  RegisterTargetsCommand,
  type ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ForwardRoute, LoadBalancingPort, RouteRef, TargetGroupWeight, TargetHealthState } from '../deploy/ports/elb-port.js';
import { callAws } from './call-aws.js';
import { compact } from './compact.js';
import { findForwardingRoutes, readForwardWeights, writeForwardWeights } from './elbv2-routes.js';

export class Elbv2Adapter implements LoadBalancingPort {
  constructor(private readonly elbv2: ElasticLoadBalancingV2Client) {}

  /** DescribeTargetHealth of every target registered in the target group (one call, not paginated). */
  async targetHealth(targetGroupArn: string): Promise<TargetHealthState[]> {
    const output = await callAws('ELBv2 DescribeTargetHealth', () => this.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })));
    return (output.TargetHealthDescriptions ?? []).map((description) =>
      compact({
        targetId: description.Target?.Id ?? '',
        port: description.Target?.Port,
        state: description.TargetHealth?.State ?? 'unavailable',
        reason: description.TargetHealth?.Reason,
        description: description.TargetHealth?.Description,
      }),
    );
  }

  /** RegisterTargets of one Lambda ARN (elasticloadbalancing:RegisterTargets); lambda targets take no port. */
  async registerLambdaTarget(targetGroupArn: string, functionArn: string): Promise<void> {
    await callAws('ELBv2 RegisterTargets', () =>
      this.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: functionArn }] })),
    );
  }

  /** DeregisterTargets of one Lambda ARN (elasticloadbalancing:DeregisterTargets). */
  async deregisterLambdaTarget(targetGroupArn: string, functionArn: string): Promise<void> {
    await callAws('ELBv2 DeregisterTargets', () =>
      this.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: targetGroupArn, Targets: [{ Id: functionArn }] })),
    );
  }

  /** Listeners and rules forwarding to any of these target groups (DescribeTargetGroups, DescribeListeners, DescribeRules). */
  forwardingRoutes(targetGroupArns: readonly string[]): Promise<ForwardRoute[]> {
    return findForwardingRoutes(this.elbv2, targetGroupArns);
  }

  /** DescribeListeners or DescribeRules, then ModifyListener or ModifyRule with only the forward action's weights changed. */
  setForwardWeights(route: RouteRef, weights: readonly TargetGroupWeight[]): Promise<void> {
    return writeForwardWeights(this.elbv2, route, weights);
  }

  /** DescribeListeners or DescribeRules of one route: its forward weights, or null when it is gone. */
  forwardWeights(route: RouteRef): Promise<TargetGroupWeight[] | null> {
    return readForwardWeights(this.elbv2, route);
  }
}
