/**
 * The one wrapper every adapter puts around an SDK call: credential failures become E_AWS_CREDENTIALS (a
 * pre-flight problem with a fix in its hint); every other AWS error becomes one PortError whose kind says what it
 * means (throttled, unavailable, conflict, not-found, denied, other), so that nothing above the adapters looks at
 * the SDK's error shapes. The AWS error code stays the error's name (adapters still tell ServiceNotFoundException
 * from ClientException by it), and the SDK error stays reachable as `cause` for `--verbose`.
 */
import { PortError, type PortErrorKind } from '../deploy/port-error.js';
import { recordOf } from '../is-record.js';
import { GitmoxiError } from '../errors.js';

/**
 * Error names that mean "no usable credentials": the SDK's own when the provider chain finds none or cannot
 * refresh them, and the codes AWS answers for unknown, expired or mis-signed credentials. AccessDenied is not
 * here: the credentials work, the policy is missing an action, and that is a deployment failure to report.
 */
const CREDENTIAL_ERROR_NAMES: ReadonlySet<string> = new Set([
  'CredentialsProviderError',
  'TokenProviderError',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'IncompleteSignatureException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'InvalidAccessKeyId',
  'AuthFailure',
]);

/** What `--verbose` prints about an AWS error: its name, AWS's request id and the HTTP status. */
export interface AwsErrorDetails {
  name: string;
  requestId?: string;
  httpStatusCode?: number;
}

export function isCredentialsError(error: unknown): error is Error {
  return error instanceof Error && CREDENTIAL_ERROR_NAMES.has(error.name);
}

/**
 * Codes AWS answers for throttling across the services gitmoxi calls (ECS and CloudWatch ThrottlingException,
 * query services Throttling, Lambda and API Gateway TooManyRequestsException, the tagging API ThrottledException),
 * with the ones the SDK's own retry strategy also counts as throttling.
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
const THROTTLING_NAMES: ReadonlySet<string> = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'RequestLimitExceeded',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
]);

/** Server-side failures and connections the network dropped: nothing says the call failed for good. */
const UNAVAILABLE_NAMES: ReadonlySet<string> = new Set([
  'ServerException',
  'ServiceException',
  'InternalFailure',
  'InternalError',
  'InternalServiceFault',
  'InternalServiceException',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
]);

const CONFLICT_NAMES: ReadonlySet<string> = new Set(['ResourceConflictException', 'ConflictException', 'ResourceInUseException', 'ResourceInUse']);

const DENIED_NAMES: ReadonlySet<string> = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError']);

/** What an AWS error means for a caller deciding whether to try again. */
export function classifyAwsError(details: AwsErrorDetails): PortErrorKind {
  const { name, httpStatusCode: status } = details;
  if (THROTTLING_NAMES.has(name) || status === 429) return 'throttled';
  if (UNAVAILABLE_NAMES.has(name) || (status !== undefined && status >= 500)) return 'unavailable';
  if (CONFLICT_NAMES.has(name) || status === 409) return 'conflict';
  if (DENIED_NAMES.has(name) || status === 403) return 'denied';
  if (/NotFound/.test(name) || status === 404) return 'not-found';
  return 'other';
}

/**
 * Runs one SDK call. `operation` names it for the message (`ECS DescribeServices`).
 * Credential failures throw GitmoxiError E_AWS_CREDENTIALS with the SDK error as cause; other failures throw a
 * PortError with the SDK error as cause.
 */
export async function callAws<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toPortError(operation, error);
  }
}

/**
 * Whether a port call failed with one of these AWS error codes: for the adapters, which turn some codes into answers
 * (a missing resource into null). Above the adapters, decide on `PortError.kind`.
 */
export function isAwsError(error: unknown, ...awsNames: readonly string[]): error is PortError {
  return error instanceof PortError && awsNames.includes(error.awsName);
}

/** The error a port throws for a failed SDK call (a GitmoxiError for credentials, a PortError otherwise). */
export function toPortError(operation: string, error: unknown): Error {
  if (error instanceof PortError || error instanceof GitmoxiError) return error;
  if (isCredentialsError(error)) {
    return new GitmoxiError('E_AWS_CREDENTIALS', `${operation}: no usable AWS credentials (${error.name}: ${error.message})`, { cause: error });
  }
  const details = findAwsErrorDetails(error) ?? networkErrorDetails(error);
  if (details === undefined) return error instanceof Error ? error : new Error(String(error));
  const message = error instanceof Error ? error.message : String(error);
  return new PortError(message, { kind: classifyAwsError(details), operation, awsName: details.name, ...optional(details) }, { cause: error });
}

/** A failure before AWS answered (a reset connection, a timeout): only its code or name says what it was. */
function networkErrorDetails(error: unknown): AwsErrorDetails | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = recordOf(error).code;
  const name = typeof code === 'string' ? code : error.name;
  return UNAVAILABLE_NAMES.has(name) ? { name } : undefined;
}

function optional(details: AwsErrorDetails): { requestId?: string; httpStatusCode?: number } {
  return {
    ...(details.requestId !== undefined ? { requestId: details.requestId } : {}),
    ...(details.httpStatusCode !== undefined ? { httpStatusCode: details.httpStatusCode } : {}),
  };
}

/** The SDK error's name, request id and status, found on the error or anywhere along its `cause` chain. */
export function findAwsErrorDetails(error: unknown): AwsErrorDetails | undefined {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const metadata = recordOf(current).$metadata;
    if (metadata === undefined && !CREDENTIAL_ERROR_NAMES.has(current.name)) continue;
    const details: AwsErrorDetails = { name: current.name };
    const requestId = recordOf(metadata).requestId;
    const httpStatusCode = recordOf(metadata).httpStatusCode;
    if (typeof requestId === 'string') details.requestId = requestId;
    if (typeof httpStatusCode === 'number') details.httpStatusCode = httpStatusCode;
    return details;
  }
  return undefined;
}
