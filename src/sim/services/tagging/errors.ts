/**
 * The Resource Groups Tagging API's errors as awsJson1_1 `__type`s: every bad input is an
 * InvalidParameterException (400), whatever was wrong with it.
 * https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html#API_GetResources_Errors
 */
import { SimError } from '../../errors.js';

export function invalidParameter(message: string): SimError {
  return new SimError('InvalidParameterException', message, 400);
}
