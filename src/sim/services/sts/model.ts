/**
 * STS sessions minted by AssumeRole, keyed by their access key id, so GetCallerIdentity can tell who calls.
 * STS credentials are global: the handlers keep one model per account under the pseudo-region `aws-global`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ServiceModel } from '../../types.js';

export const STS_GLOBAL_REGION = 'aws-global';

export interface RoleSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  roleArn: string;
  roleName: string;
  roleAccount: string;
  sessionName: string;
  /** `AROA…:sessionName`. */
  assumedRoleId: string;
  expiration: number;
  sourceIdentity?: string;
}

export class StsModel implements ServiceModel {
  private sessions = new Map<string, RoleSession>();

  /** Creates a session; ids are random like AWS's, role ids stable per role ARN. */
  assumeRole(request: {
    roleArn: string;
    roleName: string;
    roleAccount: string;
    sessionName: string;
    expiration: number;
    sourceIdentity?: string;
  }): RoleSession {
    const session: RoleSession = {
      ...request,
      accessKeyId: `ASIA${randomId(16)}`,
      secretAccessKey: randomBytes(30).toString('base64').slice(0, 40),
      sessionToken: randomBytes(96).toString('base64'),
      assumedRoleId: `${stableId('AROA', request.roleArn)}:${request.sessionName}`,
    };
    this.sessions.set(session.accessKeyId, session);
    return session;
  }

  session(accessKeyId: string | undefined): RoleSession | undefined {
    return accessKeyId === undefined ? undefined : this.sessions.get(accessKeyId);
  }

  snapshot(): unknown {
    return {
      sessions: [...this.sessions.values()].map(({ secretAccessKey: _secret, sessionToken: _token, ...session }) => session),
    };
  }
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomId(length: number): string {
  return [...randomBytes(length)].map((byte) => ID_ALPHABET[byte % 32]).join('');
}

/** An IAM-style unique id (`AIDA…`, `AROA…`) derived from a name, so the same principal keeps the same id. */
export function stableId(prefix: string, name: string): string {
  const digest = createHash('sha256').update(name).digest();
  return prefix + [...digest.subarray(0, 17)].map((byte) => ID_ALPHABET[byte % 32]).join('');
}
