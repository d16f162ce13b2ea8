/**
 * Lambda errors as Lambda answers them: the code travels in `x-amzn-ErrorType`, the body is
 * `{"Type": "User", "Message": "..."}`, and the status is the one the Lambda API reference lists for each error
 * (https://docs.aws.amazon.com/lambda/latest/api/CommonErrors.html and each operation's "Errors" section).
 * Messages are worded the way the real service words them, so a deployer's error handling sees the same text.
 */
import { SimError } from '../../errors.js';

export function resourceNotFound(message = 'The resource you requested does not exist.'): SimError {
  return new SimError('ResourceNotFoundException', message, 404);
}

export function functionNotFound(functionArn: string): SimError {
  return resourceNotFound(`Function not found: ${functionArn}`);
}

export function resourceConflict(message: string): SimError {
  return new SimError('ResourceConflictException', message, 409);
}

/** Lambda refuses overlapping changes while `LastUpdateStatus` is InProgress. */
export function updateInProgress(functionArn: string): SimError {
  return resourceConflict(`The operation cannot be performed at this time. An update is in progress for resource: ${functionArn}`);
}

/** Lambda refuses changes while a function is still being created (`State` Pending). */
export function functionNotReady(state: string): SimError {
  return resourceConflict(`The operation cannot be performed at this time. The function is currently in the following state: ${state}`);
}

export function invalidParameter(message: string): SimError {
  return new SimError('InvalidParameterValueException', message, 400);
}

/** The event source mapping is in a transitional state (Creating, Updating, Deleting...). */
export function resourceInUse(message: string): SimError {
  return new SimError('ResourceInUseException', message, 400);
}

/** A `RevisionId` that does not match the resource's current one. */
export function revisionMismatch(): SimError {
  return new SimError(
    'PreconditionFailedException',
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    412,
  );
}

export function codeStorageExceeded(): SimError {
  return new SimError('CodeStorageExceededException', 'Code storage limit exceeded.', 400);
}

export function policyLengthExceeded(size: number, limit: number): SimError {
  return new SimError('PolicyLengthExceededException', `The final policy size (${size}) is bigger than the limit (${limit}).`, 400);
}

/**
 * Model constraint violations (patterns, ranges, enums). Lambda answers them with the generic
 * `ValidationException` of AWS's request validation layer, e.g. a Role that is not an IAM role ARN.
 */
export function validationError(member: string, value: unknown, constraint: string): SimError {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return new SimError('ValidationException', `1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: ${constraint}`, 400);
}
