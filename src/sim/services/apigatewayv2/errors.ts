/**
 * API Gateway v2 errors with the codes and statuses of its model (apigatewayv2 2018-11-29): NotFoundException 404,
 * BadRequestException 400, ConflictException 409. The body's `message` is what the SDK shows.
 */
import { SimError } from '../../errors.js';

export function notFound(what: string, id: string): SimError {
  return new SimError('NotFoundException', `Invalid ${what} identifier specified ${id}`, 404);
}

export function badRequest(message: string): SimError {
  return new SimError('BadRequestException', message, 400);
}

export function conflict(message: string): SimError {
  return new SimError('ConflictException', message, 409);
}
