/**
 * The narrow interfaces the deployment strategies talk to, named by intent, one file per AWS service. Adapters in
 * src/aws/ implement them with the AWS SDK (their TSDoc names the AWS operations each calls: that list is also the
 * IAM policy); tests implement them in memory. Failures are PortErrors (../port-error.ts).
 */
import type { AlarmsPort } from './alarms-port.js';
import type { ApiGatewayPort } from './api-gateway-port.js';
import type { EcsPort } from './ecs-port.js';
import type { LoadBalancingPort } from './elb-port.js';
import type { IdentityPort } from './identity-port.js';
import type { LambdaPort } from './lambda-port.js';
import type { TaggingPort } from './tagging-port.js';

/** Everything a strategy may touch in one region. */
export interface RegionPorts {
  region: string;
  ecs: EcsPort;
  loadBalancing: LoadBalancingPort;
  alarms: AlarmsPort;
  identity: IdentityPort;
  lambda: LambdaPort;
  apiGateway: ApiGatewayPort;
  tagging: TaggingPort;
}
