/**
 * The AWS SDK v3 clients gitmoxi uses, per Region: created on first use and cached, sharing one credential
 * source per profile and endpoint, retrying a blip at once (the deployment retries longer on its own clock), and
 * drawing every attempt from the Region's token buckets (rate-limit.ts).
 */
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { STSClient } from '@aws-sdk/client-sts';
import { systemClock, type Clock } from '../clock.js';
import { recordOf } from '../is-record.js';
import { RateLimiter, type AwsService } from './rate-limit.js';
import { SharedCredentials } from './shared-credentials.js';

/** Where and as whom gitmoxi talks to AWS (`--region`, `--profile`, `--endpoint-url`). */
export interface AwsConnection {
  region: string;
  /** A profile of the shared config files; absent = AWS_PROFILE or the default chain. */
  profile?: string;
  /** One endpoint for every service: the gitmoxi simulator or LocalStack. */
  endpointUrl?: string;
  /**
   * The simulator's virtual clock, as this run's participant (src/aws/simulator-clock.ts), when the run follows
   * one: rate-limit pauses then wait on it. Not part of the cache key: one run has one clock.
   */
  simulatorClock?: Clock;
}

/**
 * Attempts per SDK call, the first included. The SDK sleeps between its attempts on real time, outside any Clock,
 * and a long SDK backoff (adaptive mode waits up to 20 s) both stalls the deployment past its own waits and, against
 * the time-scaled simulator, lets minutes of simulated time pass inside one call. So the SDK only smooths over a
 * blip, once and quickly; riding out a throttling storm is the deployment's job, on its Clock, with a budget per
 * kind of call (src/deploy/retry-budget.ts). The token buckets of rate-limit.ts keep gitmoxi's own rate under AWS's.
 */
export const MAX_ATTEMPTS = 2;
/** The SDK's retry waits 0–50 ms (real time) before its second attempt. */
const SDK_RETRY_JITTER_MS = 50;

export interface RegionClients {
  readonly connection: AwsConnection;
  readonly ecs: ECSClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly cloudwatch: CloudWatchClient;
  readonly sts: STSClient;
  readonly lambda: LambdaClient;
  readonly apiGateway: ApiGatewayV2Client;
  readonly tagging: ResourceGroupsTaggingAPIClient;
  /** The Region's token buckets, which every attempt of every client above draws from. */
  readonly rateLimiter: RateLimiter;
  /** Closes the clients created so far (their keep-alive sockets). */
  destroy(): void;
}

export interface RegionClientOptions {
  /** The clock of the token buckets: real time unless a test drives it. */
  rateLimitClock?: Clock;
}

const cachedClients = new Map<string, RegionClients>();
const credentialSources = new Map<string, SharedCredentials>();

/** The cached clients of one connection (Region, profile and endpoint). */
export function regionClients(connection: AwsConnection): RegionClients {
  const key = connectionKey(connection);
  let clients = cachedClients.get(key);
  if (!clients) {
    clients = createRegionClients(connection);
    cachedClients.set(key, clients);
  }
  return clients;
}

/** Fresh, uncached clients; the credential source is still shared with the cached ones. */
export function createRegionClients(connection: AwsConnection, options: RegionClientOptions = {}): RegionClients {
  return new LazyRegionClients({ ...connection }, sharedCredentials(connection), rateLimiterFor(connection, options));
}

function rateLimiterFor(connection: AwsConnection, options: RegionClientOptions): RateLimiter {
  if (options.rateLimitClock) return new RateLimiter(undefined, options.rateLimitClock);
  return connection.simulatorClock ? new RateLimiter(undefined, connection.simulatorClock, true) : new RateLimiter(undefined, systemClock);
}

/** Destroys every cached client: for the end of a command, and for tests. */
export function destroyAwsClients(): void {
  for (const clients of cachedClients.values()) clients.destroy();
  cachedClients.clear();
  credentialSources.clear();
}

export function connectionKey(connection: AwsConnection): string {
  return JSON.stringify([connection.region, connection.profile ?? null, connection.endpointUrl ?? null]);
}

function sharedCredentials(connection: AwsConnection): SharedCredentials {
  const key = JSON.stringify([connection.profile ?? null, connection.endpointUrl ?? null]);
  let source = credentialSources.get(key);
  if (!source) {
    source = new SharedCredentials(connection.endpointUrl !== undefined);
    credentialSources.set(key, source);
  }
  return source;
}

/** The clients made so far, by service: each is made on first use. */
interface MadeClients {
  ecs?: ECSClient;
  elbv2?: ElasticLoadBalancingV2Client;
  cloudwatch?: CloudWatchClient;
  sts?: STSClient;
  lambda?: LambdaClient;
  apigateway?: ApiGatewayV2Client;
  tagging?: ResourceGroupsTaggingAPIClient;
}

class LazyRegionClients implements RegionClients {
  private made: MadeClients = {};

  constructor(
    readonly connection: AwsConnection,
    private readonly credentials: SharedCredentials,
    readonly rateLimiter: RateLimiter,
  ) {}

  get ecs(): ECSClient {
    this.made.ecs ??= this.limited('ecs', new ECSClient(this.config()));
    return this.made.ecs;
  }

  get elbv2(): ElasticLoadBalancingV2Client {
    this.made.elbv2 ??= this.limited('elbv2', new ElasticLoadBalancingV2Client(this.config()));
    return this.made.elbv2;
  }

  get cloudwatch(): CloudWatchClient {
    this.made.cloudwatch ??= this.limited('cloudwatch', new CloudWatchClient(this.config()));
    return this.made.cloudwatch;
  }

  get sts(): STSClient {
    this.made.sts ??= this.limited('sts', new STSClient(this.config()));
    return this.made.sts;
  }

  get lambda(): LambdaClient {
    this.made.lambda ??= this.limited('lambda', new LambdaClient(this.config()));
    return this.made.lambda;
  }

  get apiGateway(): ApiGatewayV2Client {
    this.made.apigateway ??= this.limited('apigateway', new ApiGatewayV2Client(this.config()));
    return this.made.apigateway;
  }

  get tagging(): ResourceGroupsTaggingAPIClient {
    this.made.tagging ??= this.limited('tagging', new ResourceGroupsTaggingAPIClient(this.config()));
    return this.made.tagging;
  }

  destroy(): void {
    for (const client of Object.values(this.made)) client?.destroy();
    this.made = {};
  }

  private limited<C extends { middlewareStack: RateLimitedStack }>(service: AwsService, client: C): C {
    addRateLimit(client.middlewareStack, this.rateLimiter, service);
    return client;
  }

  private config() {
    const { region, profile, endpointUrl } = this.connection;
    return {
      region,
      maxAttempts: MAX_ATTEMPTS,
      retryStrategy: quickRetries,
      extensions: [this.credentials.extension],
      // The client's own profile setting reaches both the credential chain and the config-file loaders.
      ...(profile !== undefined ? { profile } : {}),
      ...(endpointUrl !== undefined ? { endpoint: endpointUrl } : {}),
    };
  }
}

type Handler<Args, Output> = (args: Args) => Promise<Output>;
type Middleware = <Args, Output>(next: Handler<Args, Output>, context: { commandName?: string }) => Handler<Args, Output>;

interface RateLimitedStack {
  addRelativeTo(middleware: Middleware, options: { name: string; relation: 'before' | 'after'; toMiddleware: string }): void;
}

/**
 * Every attempt, retries included, takes a token: AWS counts each request. The middleware sits inside the retry
 * loop, just before signing, so that a long wait never leaves a request with a stale signature.
 */
function addRateLimit(stack: RateLimitedStack, limiter: RateLimiter, service: AwsService): void {
  stack.addRelativeTo(
    (next, context) => async (args) => {
      await limiter.take(service, (context.commandName ?? '').replace(/Command$/, ''));
      try {
        const result = await next(args);
        followSimulatorScale(limiter, recordOf(result).response);
        return result;
      } catch (error) {
        followSimulatorScale(limiter, recordOf(error).$response);
        throw error;
      }
    },
    { name: 'gitmoxiRateLimit', relation: 'before', toMiddleware: 'httpSigningMiddleware' },
  );
}

/** The members of the SDK's retry strategy (RetryStrategyV2 of @smithy/types) this one uses. */
interface RetryToken {
  getRetryCount(): number;
  getRetryDelay(): number;
}

interface RetryErrorInfo {
  errorType: 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';
}

function retryToken(count: number, delay: number): RetryToken {
  return { getRetryCount: () => count, getRetryDelay: () => delay };
}

/**
 * Throttling, transient and server errors are tried again up to MAX_ATTEMPTS, after a short jittered pause; the
 * SDK rethrows the last error when refreshing the token throws.
 */
const quickRetries = {
  acquireInitialRetryToken: async (): Promise<RetryToken> => retryToken(0, 0),
  refreshRetryTokenForRetry: async (token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> => {
    const count = token.getRetryCount() + 1;
    if (info.errorType === 'CLIENT_ERROR' || count >= MAX_ATTEMPTS) throw new Error('no more SDK attempts');
    return retryToken(count, Math.floor(Math.random() * SDK_RETRY_JITTER_MS));
  },
  recordSuccess: (): void => undefined,
};

/** The gitmoxi simulator names its time scale in every answer (docs/simulator.md); AWS never sends the header. */
const SIMULATOR_SCALE_HEADER = 'x-gitmoxi-sim-time-scale';

function followSimulatorScale(limiter: RateLimiter, response: unknown): void {
  const scale = Number(recordOf(recordOf(response).headers)[SIMULATOR_SCALE_HEADER]);
  if (scale > 0) limiter.followTimeScale(scale);
}
