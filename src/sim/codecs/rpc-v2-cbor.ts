/**
 * Smithy RPC v2 CBOR: `POST …/service/{Service}/operation/{Operation}` with `smithy-protocol: rpc-v2-cbor`.
 * botocore picks it for CloudWatch (the first protocol of that service's model), so boto3 and the AWS CLI
 * speak it. https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html
 */
import { messageOf, SimError } from '../errors.js';
import { isInput, type Input } from '../coerce.js';
import type { ServiceModule } from '../types.js';
import { decodeCbor, encodeCbor } from './cbor.js';
import type { WireResponse } from './wire.js';
import type { HttpRequest, RoutedRequest } from '../router.js';

const PATH = /\/service\/([^/]+)\/operation\/([^/]+)$/;

export function isRpcV2CborRequest(headers: HttpRequest['headers'], pathname: string): boolean {
  return headers['smithy-protocol'] === 'rpc-v2-cbor' && PATH.test(pathname);
}

export function routeRpcV2Cbor(modules: readonly ServiceModule[], request: HttpRequest, pathname: string): Omit<RoutedRequest, 'region' | 'accessKeyId'> {
  const [, service = '', operation = ''] = PATH.exec(pathname) ?? [];
  const module = modules.find((candidate) => candidate.targetPrefix === service && candidate.protocols.includes('smithyRpcV2Cbor'));
  const queryCodes = module?.awsQueryErrorCodes;
  return {
    module,
    operation: module ? operation : `${service}.${operation}`,
    protocol: 'smithyRpcV2Cbor',
    decode: () => decodeCborInput(request.body),
    encodeResult: (output, requestId) => cborResponse(200, requestId, output ?? {}),
    encodeError: (error, requestId) => {
      const response = cborResponse(error.status, requestId, { __type: error.code, message: error.message });
      if (queryCodes) response.headers['x-amzn-query-error'] = `${queryCodes[error.code] ?? error.code};${error.fault}`;
      return response;
    },
  };
}

function decodeCborInput(body: Uint8Array): Input {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = decodeCbor(body);
  } catch (error) {
    throw new SimError('SerializationException', `Could not parse the CBOR request body: ${messageOf(error)}`);
  }
  if (!isInput(value)) throw new SimError('SerializationException', 'The request body must be a CBOR map.');
  return value;
}

function cborResponse(status: number, requestId: string, value: unknown): WireResponse {
  return {
    status,
    headers: {
      'smithy-protocol': 'rpc-v2-cbor',
      'content-type': 'application/cbor',
      'x-amzn-RequestId': requestId,
    },
    body: encodeCbor(value),
  };
}
