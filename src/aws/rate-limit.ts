/**
 * Client-side token buckets, one per API group, so that gitmoxi stays under the request rates AWS enforces per
 * account and Region instead of spending its retries on ThrottlingException. AWS's buckets are shared with every
 * other caller in the account (the console, other pipelines, autoscaling), so gitmoxi budgets itself at or below
 * the published sustained rates, not at them.
 *
 * AWS's limits run on wall-clock time, so the buckets read a real clock even when the deployment engine follows
 * a faster simulated one; the Clock parameter is there for tests. The gitmoxi simulator is the exception: it plays
 * AWS at `scale` times real time (it says so in every answer), so against it the rates are per simulated second, as
 * they would be per second against AWS; otherwise a throttling rehearsal at 200× would spend minutes of simulated
 * time waiting for tokens that AWS would have given in a second.
 */
import { systemClock, type Clock } from '../clock.js';

/** The services gitmoxi's SDK clients talk to. */
export type AwsService = 'ecs' | 'elbv2' | 'cloudwatch' | 'sts' | 'lambda' | 'apigateway' | 'tagging';

export interface RateLimit {
  /** Tokens added per second: the sustained request rate. */
  perSecond: number;
  /** Bucket size: how many requests may go at once after a quiet period. */
  burst: number;
}

export interface ServiceRateLimits {
  /** The budget of an operation that belongs to no group. */
  default: RateLimit;
  /** Named groups of operations that share one bucket, as AWS groups them. */
  groups: Record<string, { limit: RateLimit; operations: readonly string[] }>;
}

const READ_ECS: RateLimit = { perSecond: 20, burst: 20 };

/**
 * Per account and Region. ECS groups its operations and throttles each group with its own bucket
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html); the same page is why
 * RegisterTaskDefinition, the scarcest one, gets 1/s and why gitmoxi reuses an identical revision.
 * ELBv2 gives every non-mutating Describe* call one bucket refilled at 10/s and mutating calls smaller ones
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html). Lambda allows
 * GetFunction 100/s and the rest of its control plane 15/s
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). CloudWatch's DescribeAlarms quota
 * is a few transactions per second (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html).
 */
export const awsRateLimits: Record<AwsService, ServiceRateLimits> = {
  ecs: {
    default: { perSecond: 5, burst: 5 },
    groups: {
      'service-read': { limit: READ_ECS, operations: ['DescribeServices', 'ListServices', 'DescribeTaskSets'] },
      'service-modify': {
        limit: { perSecond: 5, burst: 5 },
        operations: ['CreateService', 'UpdateService', 'DeleteService'],
      },
      'task-set-modify': {
        limit: { perSecond: 5, burst: 5 },
        operations: ['CreateTaskSet', 'UpdateTaskSet', 'DeleteTaskSet', 'UpdateServicePrimaryTaskSet'],
      },
      'task-definition-modify': {
        limit: { perSecond: 1, burst: 1 },
        operations: ['RegisterTaskDefinition', 'DeregisterTaskDefinition'],
      },
      'task-definition-read': { limit: READ_ECS, operations: ['DescribeTaskDefinition', 'ListTaskDefinitions'] },
      'task-read': { limit: READ_ECS, operations: ['DescribeTasks', 'ListTasks'] },
      'cluster-read': { limit: READ_ECS, operations: ['DescribeClusters', 'ListClusters'] },
    },
  },
  elbv2: {
    default: { perSecond: 5, burst: 5 },
    groups: {
      describe: {
        limit: { perSecond: 8, burst: 20 },
        operations: ['DescribeTargetHealth', 'DescribeTargetGroups', 'DescribeListeners', 'DescribeRules', 'DescribeLoadBalancers', 'DescribeTags'],
      },
    },
  },
  cloudwatch: {
    default: { perSecond: 3, burst: 3 },
    groups: { alarms: { limit: { perSecond: 5, burst: 5 }, operations: ['DescribeAlarms'] } },
  },
  sts: { default: { perSecond: 10, burst: 10 }, groups: {} },
  lambda: {
    default: { perSecond: 10, burst: 10 },
    groups: { 'get-function': { limit: { perSecond: 50, burst: 50 }, operations: ['GetFunction'] } },
  },
  // API Gateway's management API allows an account 10 requests per second across every API and operation
  // (https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html): half of it, as for the others.
  apigateway: { default: { perSecond: 5, burst: 10 }, groups: {} },
  // AWS publishes no rate for the Resource Groups Tagging API. One GetResources call reads up to 100 resources,
  // so the burst covers the tags of 2,000 units at once and the sustained rate stays modest.
  tagging: { default: { perSecond: 5, burst: 20 }, groups: {} },
};

/** One bucket. Callers are served in the order they asked: each reserves the next token, even a future one. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    readonly limit: RateLimit,
    private readonly clock: Clock = systemClock,
    /** How many times faster than real time the service's own clock runs (1 for AWS). */
    private readonly timeScale: () => number = () => 1,
  ) {
    if (!(limit.perSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError(`a rate limit needs perSecond > 0 and burst >= 1, got ${JSON.stringify(limit)}`);
    }
    this.tokens = limit.burst;
    this.updatedAt = clock.now();
  }

  /** Takes one token, waiting until it is due; an aborted wait gives its token back. */
  async take(signal?: AbortSignal): Promise<void> {
    this.refill();
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    const waitMs = (-this.tokens / (this.limit.perSecond * this.timeScale())) * 1000;
    try {
      await this.clock.sleep(waitMs, signal);
    } catch (error) {
      this.tokens += 1;
      throw error;
    }
  }

  /** Tokens available now (negative while callers wait for reserved ones). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.limit.burst, this.tokens + (elapsed * this.limit.perSecond * this.timeScale()) / 1000);
    this.updatedAt = now;
  }
}

/** The buckets of one account and Region, created on first use. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private scale = 1;

  constructor(
    private readonly limits: Record<AwsService, ServiceRateLimits> = awsRateLimits,
    private readonly clock: Clock = systemClock,
    /**
     * The clock is the simulator's own (a participant of its virtual clock): waits are already in simulated time,
     * and a pause for a token is a wait the simulator can see, rather than real time in which it would jump ahead.
     */
    private readonly simulatedClock = false,
  ) {}

  /** The simulator answered that it runs `scale` times faster than real time: rates are per simulated second. */
  followTimeScale(scale: number): void {
    if (this.simulatedClock) return;
    if (Number.isFinite(scale) && scale > 0) this.scale = scale;
  }

  /** Waits for a token of the bucket `operation` of `service` draws from. */
  take(service: AwsService, operation: string, signal?: AbortSignal): Promise<void> {
    return this.bucketFor(service, operation).take(signal);
  }

  bucketFor(service: AwsService, operation: string): TokenBucket {
    const limits = this.limits[service];
    const group = Object.entries(limits.groups).find(([, entry]) => entry.operations.includes(operation));
    const key = `${service}:${group?.[0] ?? 'default'}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(group?.[1].limit ?? limits.default, this.clock, () => this.scale);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
