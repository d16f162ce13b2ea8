/** LoadBalancingPort over @aws-sdk/client-elastic-load-balancing-v2. IAM action used: elasticloadbalancing:DescribeTargetHealth. */
import { DescribeTargetHealthCommand, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LoadBalancingPort, TargetHealthState } from '../deploy/ports.js';
import { callAws } from './call-aws.js';
import { compact } from './compact.js';

export class Elbv2Adapter implements LoadBalancingPort {
  constructor(private readonly elbv2: ElasticLoadBalancingV2Client) {}

  /** DescribeTargetHealth of every target registered in the target group (one call, not paginated). */
  async targetHealth(targetGroupArn: string): Promise<TargetHealthState[]> {
    const output = await callAws('ELBv2 DescribeTargetHealth', () =>
      this.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })),
    );
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
}
