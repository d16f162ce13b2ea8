/**
 * Picks the service, operation and codec of a request: awsJson from `X-Amz-Target`, awsQuery from the form's
 * `Action` plus the SigV4 signing name, restJson1 from the method and path. Signatures are not verified.
 */
import { decodeAwsJson, encodeAwsJsonError, encodeAwsJsonResult, type JsonVersion } from './codecs/aws-json.js';
import { decodeQueryForm, encodeQueryError, encodeQueryResult } from './codecs/aws-query.js';
import { decodeRestInput, encodeRestError, encodeRestResult, matchRestRoute } from './codecs/rest-json.js';
import { isRpcV2CborRequest, routeRpcV2Cbor } from './codecs/rpc-v2-cbor.js';
import type { WireResponse } from './codecs/wire.js';
import { SimError } from './errors.js';
import type { Protocol, ServiceModule } from './types.js';

export interface HttpRequest {
  method: string;
  /** Path and query string, as node:http gives them. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

/** A request bound to its service and codec. `module` is undefined when no service answers to it. */
export interface RoutedRequest {
  module: ServiceModule | undefined;
  operation: string;
  protocol: Protocol;
  region: string;
  accessKeyId?: string;
  /** Decodes the input; throws SimError for a malformed body. */
  decode(): Record<string, unknown>;
  encodeResult(output: unknown, requestId: string): WireResponse;
  encodeError(error: SimError, requestId: string): WireResponse;
}

/** Where a request is signed for: `Credential=AKID/20260101/us-east-1/monitoring/aws4_request`. */
export interface CredentialScope {
  accessKeyId?: string;
  region: string;
  signingName?: string;
}

const DEFAULT_REGION = 'us-east-1';

export function readCredentialScope(headers: HttpRequest['headers'], query: URLSearchParams): CredentialScope {
  const authorization = header(headers, 'authorization') ?? '';
  const credential = /Credential=([^,\s]+)/.exec(authorization)?.[1] ?? query.get('X-Amz-Credential') ?? '';
  const [accessKeyId, , region, signingName] = credential.split('/');
  const scope: CredentialScope = { region: region || DEFAULT_REGION };
  if (accessKeyId) scope.accessKeyId = accessKeyId;
  if (signingName) scope.signingName = signingName;
  return scope;
}

function header(headers: HttpRequest['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function routeRequest(modules: readonly ServiceModule[], request: HttpRequest): RoutedRequest {
  const url = new URL(request.url, 'http://sim.invalid');
  const scope = readCredentialScope(request.headers, url.searchParams);
  const base = { region: scope.region, ...(scope.accessKeyId ? { accessKeyId: scope.accessKeyId } : {}) };
  if (isRpcV2CborRequest(request.headers, url.pathname)) return { ...base, ...routeRpcV2Cbor(modules, request, url.pathname) };
  const target = header(request.headers, 'x-amz-target');
  if (target !== undefined) return { ...base, ...routeAwsJson(modules, target, request) };
  const contentType = header(request.headers, 'content-type') ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded') || url.searchParams.has('Action')) {
    const form = request.method === 'GET' ? url.search.slice(1) : Buffer.from(request.body).toString('utf8');
    return { ...base, ...routeAwsQuery(modules, form, scope.signingName) };
  }
  return { ...base, ...routeRestJson(modules, request, url, scope.signingName) };
}

type Routed = Omit<RoutedRequest, 'region' | 'accessKeyId'>;

function routeAwsJson(modules: readonly ServiceModule[], target: string, request: HttpRequest): Routed {
  const dot = target.lastIndexOf('.');
  const prefix = target.slice(0, Math.max(0, dot));
  const operation = dot < 0 ? target : target.slice(dot + 1);
  const module = modules.find((candidate) => candidate.targetPrefix === prefix && hasJsonProtocol(candidate));
  const version = jsonVersion(header(request.headers, 'content-type'), module);
  const queryCodes = module?.awsQueryErrorCodes;
  return {
    module,
    operation: module ? operation : target,
    protocol: version === '1.0' ? 'awsJson1_0' : 'awsJson1_1',
    decode: () => decodeAwsJson(request.body),
    encodeResult: (output, requestId) => encodeAwsJsonResult(output, version, requestId),
    encodeError: (error, requestId) => {
      const queryCode = queryCodes ? (queryCodes[error.code] ?? error.code) : undefined;
      return encodeAwsJsonError(error, version, requestId, queryCode);
    },
  };
}

function hasJsonProtocol(module: ServiceModule): boolean {
  return module.protocols.includes('awsJson1_0') || module.protocols.includes('awsJson1_1');
}

function jsonVersion(contentType: string | undefined, module: ServiceModule | undefined): JsonVersion {
  const declared = /x-amz-json-(1\.[01])/.exec(contentType ?? '')?.[1];
  if (declared === '1.0' || declared === '1.1') return declared;
  return module?.protocols.includes('awsJson1_0') ? '1.0' : '1.1';
}

function routeAwsQuery(modules: readonly ServiceModule[], form: string, signingName: string | undefined): Routed {
  const params = decodeQueryForm(form);
  const operation = typeof params.Action === 'string' ? params.Action : '';
  const version = typeof params.Version === 'string' ? params.Version : '';
  const module = findQueryModule(modules, signingName, version);
  const namespace = module?.xmlNamespace ?? '';
  const codes = module?.awsQueryErrorCodes ?? {};
  const { Action: _action, Version: _version, ...input } = params;
  return {
    module,
    operation,
    protocol: 'awsQuery',
    decode: () => input,
    encodeResult: (output, requestId) => encodeQueryResult(operation, namespace, output, requestId),
    encodeError: (error, requestId) => encodeQueryError(error, namespace, requestId, codes[error.code] ?? error.code),
  };
}

/** By signing name; unsigned requests fall back to the API version, which query namespaces end with. */
function findQueryModule(modules: readonly ServiceModule[], signingName: string | undefined, version: string) {
  const query = modules.filter((module) => module.protocols.includes('awsQuery'));
  if (signingName !== undefined) return query.find((module) => module.signingName === signingName);
  return query.find((module) => version !== '' && (module.xmlNamespace ?? '').includes(`/${version}/`));
}

function routeRestJson(modules: readonly ServiceModule[], request: HttpRequest, url: URL, signingName: string | undefined): Routed {
  const candidates = modules.filter((module) => module.routes !== undefined && (signingName === undefined || module.signingName === signingName));
  for (const module of candidates) {
    const match = matchRestRoute(module.routes ?? [], request.method, url.pathname);
    if (match === undefined) continue;
    return {
      module,
      operation: match.route.operation,
      protocol: 'restJson1',
      decode: () => decodeRestInput(match, url.searchParams, request.body),
      encodeResult: (output, requestId) => encodeRestResult(match.route, output, requestId),
      encodeError: (error, requestId) => encodeRestError(error, requestId),
    };
  }
  return {
    module: candidates.length === 1 ? candidates[0] : undefined,
    operation: `${request.method} ${url.pathname}`,
    protocol: 'restJson1',
    decode: () => ({}),
    encodeResult: () => {
      throw new Error('an unrouted request has no result');
    },
    encodeError: (error, requestId) => encodeRestError(error, requestId),
  };
}

/** The error AWS answers for an operation the service does not have, in the request's protocol. */
export function unknownOperationError(routed: RoutedRequest): SimError {
  if (routed.protocol === 'awsQuery') {
    if (routed.operation === '') return new SimError('MissingAction', 'The request must contain the parameter Action.');
    return new SimError('InvalidAction', `The action ${routed.operation} is not valid for this web service.`);
  }
  // A REST path that no route matches is a 404, like API Gateway-fronted services answer; RPC protocols say 400.
  const status = routed.protocol === 'restJson1' ? 404 : 400;
  const service = routed.module ? ` for service ${routed.module.name}` : '';
  return new SimError('UnknownOperationException', `Unknown operation ${routed.operation}${service}.`, status);
}
