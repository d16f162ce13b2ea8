/**
 * The one error a port throws when AWS refuses a call, so that strategies decide on what it means (`kind`) and
 * never on the SDK's shapes (`$metadata`, error names). Adapters make it (src/aws/call-aws.ts); the AWS error code
 * stays the error's `name`, so messages read as AWS wrote them, and the request id travels with it for --verbose.
 */

/**
 * - throttled: AWS asked to slow down (ThrottlingException, TooManyRequestsException, HTTP 429): nothing happened.
 * - unavailable: a 5xx answer or a dropped connection: worth trying again, as the SDK itself would.
 * - conflict: the resource is busy with another change (Lambda's ResourceConflictException, a 409).
 * - not-found, denied (the policy lacks an action), other: retrying does not help.
 */
export type PortErrorKind = 'throttled' | 'unavailable' | 'conflict' | 'not-found' | 'denied' | 'other';

export interface PortErrorDetails {
  kind: PortErrorKind;
  /** What was called, `ECS UpdateService`. */
  operation: string;
  /** The AWS error code (ThrottlingException, ServiceNotFoundException, …). */
  awsName: string;
  requestId?: string;
  httpStatusCode?: number;
}

export class PortError extends Error {
  readonly kind: PortErrorKind;
  readonly operation: string;
  /** The AWS error code, also the error's `name`. */
  readonly awsName: string;
  readonly requestId: string | undefined;
  readonly httpStatusCode: number | undefined;

  constructor(message: string, details: PortErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.name = details.awsName;
    this.awsName = details.awsName;
    this.kind = details.kind;
    this.operation = details.operation;
    this.requestId = details.requestId;
    this.httpStatusCode = details.httpStatusCode;
  }
}

export function portErrorKind(error: unknown): PortErrorKind | null {
  return error instanceof PortError ? error.kind : null;
}

/** Throttling and server-side failures: AWS did not act on the call, or may have, and trying again is safe. */
export function isTransient(error: unknown): boolean {
  const kind = portErrorKind(error);
  return kind === 'throttled' || kind === 'unavailable';
}

/** One line for a failure report: `ThrottlingException: Rate exceeded (request id …)`. */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const name = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
  const requestId = error instanceof PortError && error.requestId !== undefined ? ` (request id ${error.requestId})` : '';
  return `${name}${error.message}${requestId}`;
}
