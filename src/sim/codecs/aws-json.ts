/**
 * awsJson1_0 / awsJson1_1: `POST /` with `X-Amz-Target: Prefix.Operation` and a JSON body; answers are JSON.
 * https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
 */
import { messageOf, SimError } from '../errors.js';
import { parseJsonInput, toJsonValue, type WireResponse } from './wire.js';

export type JsonVersion = '1.0' | '1.1';

/** Decodes the request body; malformed JSON is AWS's `SerializationException`. */
export function decodeAwsJson(body: Uint8Array): Record<string, unknown> {
  try {
    return parseJsonInput(body);
  } catch (error) {
    throw new SimError('SerializationException', `Could not parse the request body: ${messageOf(error)}`);
  }
}

export function encodeAwsJsonResult(output: unknown, version: JsonVersion, requestId: string): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amzn-RequestId': requestId },
    body: JSON.stringify(toJsonValue(output ?? {})),
  };
}

/**
 * Errors are `{"__type": "Code", "message": "..."}`. A service that also speaks awsQuery puts the query error
 * code in `x-amzn-query-error: Code;Sender`, which query-compatible SDKs prefer over `__type`
 * (https://smithy.io/2.0/aws/protocols/aws-query-protocol.html#aws-protocols-awsquerycompatible-trait).
 */
export function encodeAwsJsonError(error: SimError, version: JsonVersion, requestId: string, queryErrorCode?: string): WireResponse {
  const headers: Record<string, string> = {
    'content-type': `application/x-amz-json-${version}`,
    'x-amzn-RequestId': requestId,
  };
  if (queryErrorCode !== undefined) headers['x-amzn-query-error'] = `${queryErrorCode};${error.fault}`;
  return {
    status: error.status,
    headers,
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}
