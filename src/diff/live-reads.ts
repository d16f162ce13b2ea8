/** What `gitmoxi diff` reads of what runs, named by intent (src/aws/live-definitions-adapter.ts implements it). */
import type { EventSourceMappingState, LambdaAliasState, LambdaFunctionState, PermissionState } from '../deploy/ports/lambda-port.js';
import type { ForwardRoute } from '../deploy/ports/elb-port.js';

export interface LiveReads {
  /** DescribeServices (include TAGS) as ECS answers it; null when there is no ACTIVE service. */
  service(cluster: string, serviceName: string): Promise<Record<string, unknown> | null>;
  /** DescribeTaskDefinition: the registration as ECS answers it; null when it does not exist. */
  taskDefinition(taskDefinitionArn: string): Promise<Record<string, unknown> | null>;
  /** The listeners and rules that forward to any of these target groups, with their weights. */
  routes(targetGroupArns: readonly string[]): Promise<ForwardRoute[]>;
  lambdaFunction(functionName: string): Promise<LambdaFunctionState | null>;
  alias(functionName: string, alias: string): Promise<LambdaAliasState | null>;
  /** The names of every alias of the function. */
  aliasNames(functionName: string): Promise<string[]>;
  eventSourceMappings(functionName: string): Promise<EventSourceMappingState[]>;
  /** The statements of the alias's resource policy. */
  permissions(functionName: string, alias: string): Promise<PermissionState[]>;
  /** The ids of the targets registered in a target group and not draining. */
  registeredTargets(targetGroupArn: string): Promise<string[]>;
}
