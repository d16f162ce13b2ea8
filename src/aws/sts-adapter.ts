/**
 * IdentityPort over @aws-sdk/client-sts. GetCallerIdentity needs no IAM permission (an SCP or a disabled Region
 * can still refuse it). It is the pre-flight's first call in each Region, so its failures are named here: an
 * endpoint that cannot be reached, credentials that do not work, or a refusal, each a GitmoxiError with exit 2,
 * since nothing was changed yet.
 */
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { GitmoxiError } from '../errors.js';
import type { IdentityPort } from '../deploy/ports/identity-port.js';
import { callAws } from './call-aws.js';
import { recordOf } from '../is-record.js';

/** Node's and the SDK's names for "no answer from that address": nothing reached AWS. */
const CONNECTION_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);
const CONNECTION_ERROR_NAMES: ReadonlySet<string> = new Set(['TimeoutError', 'RequestTimeout', 'AbortError']);
const REFUSAL_NAMES: ReadonlySet<string> = new Set(['AccessDenied', 'AccessDeniedException', 'RegionDisabledException']);

export class StsAdapter implements IdentityPort {
  private account: Promise<string> | undefined;

  constructor(
    private readonly sts: STSClient,
    private readonly region = '',
  ) {}

  /** STS GetCallerIdentity, asked once: the credentials of a run do not change account. A failure is not kept. */
  callerAccount(): Promise<string> {
    this.account ??= this.fetchAccount().catch((error: unknown) => {
      this.account = undefined;
      throw preflightError(error, this.region);
    });
    return this.account;
  }

  private async fetchAccount(): Promise<string> {
    const output = await callAws('STS GetCallerIdentity', () => this.sts.send(new GetCallerIdentityCommand({})));
    if (output.Account === undefined) throw new Error('STS GetCallerIdentity answered without an Account');
    return output.Account;
  }
}

/** The error as the pre-flight reports it: unreachable and refused get their own codes; credentials keep theirs. */
export function preflightError(error: unknown, region: string): unknown {
  const where = region ? ` in ${region}` : '';
  if (error instanceof GitmoxiError) {
    if (error.code !== 'E_AWS_CREDENTIALS') return error;
    return new GitmoxiError('E_AWS_CREDENTIALS', `${error.message}${where}; nothing was changed`, { cause: error.cause });
  }
  const text = errorText(error);
  if (isConnectionError(error)) {
    return new GitmoxiError('E_AWS_UNREACHABLE', `cannot reach AWS${where} (STS GetCallerIdentity: ${text}); nothing was changed`, { cause: error });
  }
  if (error instanceof Error && REFUSAL_NAMES.has(error.name)) {
    return new GitmoxiError('E_AWS_REFUSED', `AWS refused STS GetCallerIdentity${where} (${text}); nothing was changed`, { cause: error });
  }
  return error;
}

function isConnectionError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = recordOf(current).code;
    if (typeof code === 'string' && CONNECTION_ERROR_CODES.has(code)) return true;
    if (CONNECTION_ERROR_NAMES.has(current.name)) return true;
    if (current instanceof AggregateError && current.errors.some(isConnectionError)) return true;
  }
  return false;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}`;
}
