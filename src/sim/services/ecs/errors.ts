/**
 * ECS errors as ECS answers them: the code is the awsJson `__type`, every one is a 400 client fault, and the
 * messages are worded the way the real service words them (so a deployer's error handling sees the same text).
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/CommonErrors.html
 */
import { SimError } from '../../errors.js';

export function clusterNotFound(): SimError {
  return new SimError('ClusterNotFoundException', 'Cluster not found.', 400);
}

export function serviceNotFound(): SimError {
  return new SimError('ServiceNotFoundException', 'Service not found.', 400);
}

export function serviceNotActive(): SimError {
  return new SimError('ServiceNotActiveException', 'Service was not ACTIVE.', 400);
}

export function invalidParameter(message: string): SimError {
  return new SimError('InvalidParameterException', message, 400);
}

export function clientException(message: string): SimError {
  return new SimError('ClientException', message, 400);
}

export function taskSetNotFound(message = 'The specified task set does not exist.'): SimError {
  return new SimError('TaskSetNotFoundException', message, 400);
}

export function resourceNotFound(message = 'The specified resource could not be found.'): SimError {
  return new SimError('ResourceNotFoundException', message, 400);
}
