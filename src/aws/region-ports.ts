/**
 * The ports of one Region over the SDK clients of clients.ts. IAM policy for a deploying role: the union of
 * the actions each adapter's header lists.
 */
import type { AlarmsPort } from '../deploy/ports/alarms-port.js';
import type { ApiGatewayPort } from '../deploy/ports/api-gateway-port.js';
import type { EcsPort } from '../deploy/ports/ecs-port.js';
import type { IdentityPort } from '../deploy/ports/identity-port.js';
import type { LambdaPort } from '../deploy/ports/lambda-port.js';
import type { LoadBalancingPort } from '../deploy/ports/elb-port.js';
import type { RegionPorts } from '../deploy/ports/region-ports.js';
import type { TaggingPort } from '../deploy/ports/tagging-port.js';
import { ApiGatewayAdapter } from './apigateway-adapter.js';
import { connectionKey, destroyAwsClients, regionClients, type AwsConnection } from './clients.js';
import { CloudWatchAdapter } from './cloudwatch-adapter.js';
import { EcsAdapter } from './ecs-adapter.js';
import { Elbv2Adapter } from './elbv2-adapter.js';
import { LambdaAdapter } from './lambda-adapter.js';
import { StsAdapter } from './sts-adapter.js';
import { TaggingAdapter } from './tagging-adapter.js';

const cachedPorts = new Map<string, RegionPorts>();

/**
 * The ports of `connection.region`, cached per Region (and profile and endpoint), so that every unit deploying
 * there shares one DescribeServices batcher and one set of rate-limit buckets. Clients are created on first use.
 */
export function createRegionPorts(connection: AwsConnection): RegionPorts {
  const key = connectionKey(connection);
  let ports = cachedPorts.get(key);
  if (!ports) {
    ports = lazyPorts(connection);
    cachedPorts.set(key, ports);
  }
  return ports;
}

/** Forgets every cached port and closes the SDK clients behind them: at the end of a command, and in tests. */
export function releaseRegionPorts(): void {
  cachedPorts.clear();
  destroyAwsClients();
}

function lazyPorts(connection: AwsConnection): RegionPorts {
  let ecs: EcsPort | undefined;
  let loadBalancing: LoadBalancingPort | undefined;
  let alarms: AlarmsPort | undefined;
  let identity: IdentityPort | undefined;
  let lambda: LambdaPort | undefined;
  let apiGateway: ApiGatewayPort | undefined;
  let tagging: TaggingPort | undefined;
  const clients = () => regionClients(connection);
  const identityPort = () => {
    identity ??= new StsAdapter(clients().sts, connection.region);
    return identity;
  };
  return {
    region: connection.region,
    get ecs() {
      ecs ??= new EcsAdapter(clients().ecs);
      return ecs;
    },
    get loadBalancing() {
      loadBalancing ??= new Elbv2Adapter(clients().elbv2);
      return loadBalancing;
    },
    get alarms() {
      alarms ??= new CloudWatchAdapter(clients().cloudwatch);
      return alarms;
    },
    get identity() {
      return identityPort();
    },
    get lambda() {
      lambda ??= new LambdaAdapter(clients().lambda);
      return lambda;
    },
    get apiGateway() {
      apiGateway ??= new ApiGatewayAdapter(clients().apiGateway);
      return apiGateway;
    },
    get tagging() {
      // The ARNs it asks for name the account, which the identity port already knows (and caches) for this Region.
      tagging ??= new TaggingAdapter(clients().tagging, connection.region, () => identityPort().callerAccount());
      return tagging;
    },
  };
}
