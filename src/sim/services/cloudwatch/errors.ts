import { SimError } from '../../errors.js';

/**
 * CloudWatch is `awsQueryCompatible`: handlers throw the modeled error name, query clients see these codes
 * (the `awsQueryError` traits of the CloudWatch model), JSON and CBOR clients get them in `x-amzn-query-error`.
 */
export const cloudWatchQueryErrorCodes: Readonly<Record<string, string>> = {
  InvalidParameterValueException: 'InvalidParameterValue',
  InvalidParameterCombinationException: 'InvalidParameterCombination',
  MissingRequiredParameterException: 'MissingParameter',
  InvalidFormatFault: 'InvalidFormat',
  LimitExceededFault: 'LimitExceeded',
  InternalServiceFault: 'InternalServiceError',
  ValidationException: 'ValidationError',
  ThrottlingException: 'Throttling',
};

/** Constraint violations, worded as CloudWatch words them. */
export function validationError(message: string): SimError {
  return new SimError('ValidationException', message);
}

export function missingParameter(member: string): SimError {
  return validationError(`1 validation error detected: Value null at '${lowerFirst(member)}' failed to satisfy constraint: Member must not be null`);
}

export function invalidValue(member: string, value: unknown, why: string): SimError {
  return new SimError('InvalidParameterValueException', `The value ${JSON.stringify(value)} for parameter ${member} is not valid: ${why}`);
}

export function invalidCombination(message: string): SimError {
  return new SimError('InvalidParameterCombinationException', message);
}

/** ResourceNotFound answers 404 (its httpStatusCode in the CloudWatch model). */
export function alarmNotFound(alarmName: string): SimError {
  return new SimError('ResourceNotFound', `Alarm ${alarmName} not found`, 404);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
