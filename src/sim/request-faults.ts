/**
 * Faults the framework applies before a request reaches its handler: latency, throttling and server errors,
 * each answered the way the real service answers it.
 */
import { SimError } from './errors.js';
import type { Protocol, ServiceName, SimWorld } from './types.js';

/** Extra real-time delay for a request: the sum of the latency faults that match it. */
export function injectedLatency(world: SimWorld, service: ServiceName, operation: string): number {
  return world
    .faults('latency')
    .filter((fault) => matches(fault, service, operation))
    .reduce((total, fault) => total + fault.ms, 0);
}

/** The throttling or server error to answer instead of dispatching, consuming one use of its fault. */
export function injectedError(world: SimWorld, service: ServiceName, operation: string, protocol: Protocol): SimError | undefined {
  const throttle = world.faults('throttle').find((fault) => matches(fault, service, operation));
  if (throttle && world.consumeFault(throttle)) return throttlingError(service, protocol);
  const failure = world.faults('server-error').find((fault) => matches(fault, service, operation));
  if (failure && world.consumeFault(failure)) return serverError(service, failure.status ?? 500);
  return undefined;
}

function matches(fault: { service?: ServiceName; operation?: string }, service: ServiceName, operation: string): boolean {
  return (fault.service === undefined || fault.service === service) && (fault.operation ?? operation) === operation;
}

/**
 * Lambda answers `TooManyRequestsException` with 429; query services `Throttling` with 400; JSON services
 * `ThrottlingException` with 400 (CloudWatch's JSON answer also carries the query code `Throttling`), except the
 * tagging API, whose model names it `ThrottledException`.
 * All are names the SDKs' retry strategies treat as throttling.
 */
function throttlingError(service: ServiceName, protocol: Protocol): SimError {
  if (service === 'lambda') return new SimError('TooManyRequestsException', 'Rate exceeded', 429);
  if (service === 'apigatewayv2') return new SimError('TooManyRequestsException', 'Too Many Requests', 429);
  if (service === 'tagging') return new SimError('ThrottledException', 'Rate exceeded', 400);
  if (protocol === 'awsQuery') return new SimError('Throttling', 'Rate exceeded', 400);
  return new SimError('ThrottlingException', 'Rate exceeded', 400);
}

/** Each service's modeled internal error: ECS ServerException, Lambda ServiceException, CloudWatch InternalServiceFault. */
function serverError(service: ServiceName, status: number): SimError {
  const message = 'We encountered an internal error. Please try again.';
  switch (service) {
    case 'ecs':
      return new SimError('ServerException', message, status);
    case 'lambda':
      return new SimError('ServiceException', message, status);
    case 'cloudwatch':
      return new SimError('InternalServiceFault', message, status);
    case 'tagging':
      return new SimError('InternalServiceException', message, status);
    case 'iam':
      return new SimError('ServiceFailure', message, status);
    case 'logs':
      return new SimError('ServiceUnavailableException', message, status);
    case 'ecr':
      return new SimError('ServerException', message, status);
    case 'sqs':
      return new SimError('InternalError', message, status);
    case 'apigatewayv2':
    case 'elbv2':
    case 'sts':
      return new SimError(status === 503 ? 'ServiceUnavailable' : 'InternalFailure', message, status);
    default: {
      const unknown: never = service;
      throw new Error(`no server error for ${String(unknown)}`);
    }
  }
}
