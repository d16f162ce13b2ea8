/** List-, Describe-, Stop- and ContinueServiceDeployment, with ECS's own checks. */
import type {
  ContinueServiceDeploymentRequest,
  ContinueServiceDeploymentResponse,
  DescribeServiceDeploymentsRequest,
  DescribeServiceDeploymentsResponse,
  Failure,
  ServiceDeployment,
  ListServiceDeploymentsRequest,
  ListServiceDeploymentsResponse,
  StopServiceDeploymentRequest,
  StopServiceDeploymentResponse,
} from '@aws-sdk/client-ecs';
import type { OperationHandler, RequestContext } from '../../types.js';
import { invalidParameter } from './errors.js';
import type { EcsModel } from './model.js';
import { continueServiceDeployment, listServiceDeployments, stopServiceDeployment, toServiceDeploymentOutput } from './native-deployments.js';
import { paginate } from './pagination.js';

/** DescribeServiceDeployments takes up to 20 ARNs. */
const DESCRIBE_LIMIT = 20;

function ecsModel(ctx: RequestContext): EcsModel {
  return ctx.world.model('ecs', ctx.account, ctx.region);
}

function list(input: ListServiceDeploymentsRequest, ctx: RequestContext): ListServiceDeploymentsResponse {
  const page = paginate(listServiceDeployments(ecsModel(ctx), input), input, { defaultSize: 20, maxSize: 100 });
  return page.nextToken === undefined ? { serviceDeployments: page.items } : { serviceDeployments: page.items, nextToken: page.nextToken };
}

function describe(input: DescribeServiceDeploymentsRequest, ctx: RequestContext): DescribeServiceDeploymentsResponse {
  const model = ecsModel(ctx);
  model.sync();
  const arns = input.serviceDeploymentArns ?? [];
  if (arns.length === 0) throw invalidParameter('serviceDeploymentArns can not be empty.');
  if (arns.length > DESCRIBE_LIMIT) throw invalidParameter(`serviceDeploymentArns can have at most ${DESCRIBE_LIMIT} items.`);
  const serviceDeployments: ServiceDeployment[] = [];
  const failures: Failure[] = [];
  for (const arn of arns) {
    const found = model.serviceDeployments.find((d) => d.arn === arn);
    if (found) serviceDeployments.push(toServiceDeploymentOutput(model, found));
    else failures.push({ arn, reason: 'MISSING' });
  }
  return { serviceDeployments, failures };
}

function stop(input: StopServiceDeploymentRequest, ctx: RequestContext): StopServiceDeploymentResponse {
  return { serviceDeploymentArn: stopServiceDeployment(ecsModel(ctx), input) };
}

function continueDeployment(input: ContinueServiceDeploymentRequest, ctx: RequestContext): ContinueServiceDeploymentResponse {
  return { serviceDeploymentArn: continueServiceDeployment(ecsModel(ctx), input) };
}

export const nativeOperations: Record<string, OperationHandler> = {
  ContinueServiceDeployment: continueDeployment,
  ListServiceDeployments: list,
  DescribeServiceDeployments: describe,
  StopServiceDeployment: stop,
};
