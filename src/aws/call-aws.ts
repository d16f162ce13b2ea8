/**
 * The one wrapper every adapter puts around an SDK call: credential failures become E_AWS_CREDENTIALS (a
 * pre-flight problem with a fix in its hint), everything else passes through untouched so that callers can still
 * branch on the SDK error's name. The SDK error stays reachable as `cause` for `--verbose`.
 */
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

export function isCredentialsError(error: unknown): boolean {
  return error instanceof Error && CREDENTIAL_ERROR_NAMES.has(error.name);
}

/**
 * Runs one SDK call. `operation` names it for the message (`ECS DescribeServices`).
 * Credential failures throw GitmoxiError E_AWS_CREDENTIALS with the SDK error as cause.
 */
export async function callAws<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isCredentialsError(error)) throw error;
    const sdkError = error as Error;
    throw new GitmoxiError(
      'E_AWS_CREDENTIALS',
      `${operation}: no usable AWS credentials (${sdkError.name}: ${sdkError.message})`,
      { cause: error },
    );
  }
}

/** The SDK error's name, request id and status, found on the error or anywhere along its `cause` chain. */
export function findAwsErrorDetails(error: unknown): AwsErrorDetails | undefined {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const metadata = (current as { $metadata?: { requestId?: unknown; httpStatusCode?: unknown } }).$metadata;
    if (metadata === undefined && !CREDENTIAL_ERROR_NAMES.has(current.name)) continue;
    const details: AwsErrorDetails = { name: current.name };
    if (typeof metadata?.requestId === 'string') details.requestId = metadata.requestId;
    if (typeof metadata?.httpStatusCode === 'number') details.httpStatusCode = metadata.httpStatusCode;
    return details;
  }
  return undefined;
}
