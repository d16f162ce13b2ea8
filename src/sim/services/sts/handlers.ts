/** STS GetCallerIdentity and AssumeRole, typed with the SDK's own shapes. */
import type { AssumeRoleResponse, GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import { optionalInteger, optionalString, type Input } from '../../coerce.js';
import { SimError } from '../../errors.js';
import type { OperationHandler, RequestContext } from '../../types.js';
import { STS_GLOBAL_REGION, type StsModel, stableId } from './model.js';

/**
 * "The value can range from 900 seconds (15 minutes) up to the maximum session duration setting for the role",
 * at most 43200 (12 hours); the default is 3600 (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
 */
const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 43_200;
const DEFAULT_DURATION_SECONDS = 3_600;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

/** The identity of unsigned or long-term credentials: an IAM user named after the simulator. */
const SIM_USER = 'gitmoxi-sim';

function sessions(ctx: RequestContext): StsModel {
  return ctx.world.model('sts', ctx.account, STS_GLOBAL_REGION);
}

export const getCallerIdentity: OperationHandler = (_input: Input, ctx): GetCallerIdentityResponse => {
  const session = sessions(ctx).session(ctx.accessKeyId);
  if (session) {
    return {
      UserId: session.assumedRoleId,
      Account: session.roleAccount,
      Arn: `arn:aws:sts::${session.roleAccount}:assumed-role/${session.roleName}/${session.sessionName}`,
    };
  }
  return {
    UserId: stableId('AIDA', `${ctx.account}/${SIM_USER}`),
    Account: ctx.account,
    Arn: `arn:aws:iam::${ctx.account}:user/${SIM_USER}`,
  };
};

export const assumeRole: OperationHandler = (input: Input, ctx): AssumeRoleResponse => {
  const roleArn = required(input, 'RoleArn');
  const [, roleAccount, roleName] = ROLE_ARN.exec(roleArn) ?? [];
  if (roleAccount === undefined || roleName === undefined) throw validationError(roleArn, 'roleArn', 'be a role ARN (arn:aws:iam::ACCOUNT:role/NAME)');
  const sessionName = required(input, 'RoleSessionName');
  if (!SESSION_NAME.test(sessionName)) {
    throw validationError(sessionName, 'roleSessionName', 'satisfy regular expression pattern: [\\w+=,.@-]{2,64}');
  }
  const duration = optionalInteger(input, 'DurationSeconds') ?? DEFAULT_DURATION_SECONDS;
  if (duration < MIN_DURATION_SECONDS || duration > MAX_DURATION_SECONDS) {
    throw validationError(String(duration), 'durationSeconds', 'have value between 900 and 43200');
  }
  const sourceIdentity = optionalString(input, 'SourceIdentity');
  const session = sessions(ctx).assumeRole({
    roleArn,
    roleAccount,
    roleName,
    sessionName,
    expiration: ctx.world.clock.now() + duration * 1000,
    ...(sourceIdentity === undefined ? {} : { sourceIdentity }),
  });
  const output: AssumeRoleResponse = {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiration),
    },
    AssumedRoleUser: {
      AssumedRoleId: session.assumedRoleId,
      Arn: `arn:aws:sts::${session.roleAccount}:assumed-role/${session.roleName}/${sessionName}`,
    },
  };
  if (sourceIdentity !== undefined) output.SourceIdentity = sourceIdentity;
  return output;
};

function required(input: Input, member: string): string {
  const value = optionalString(input, member);
  if (value === undefined) {
    const field = member.charAt(0).toLowerCase() + member.slice(1);
    throw new SimError('ValidationError', `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

function validationError(value: string, field: string, constraint: string): SimError {
  return new SimError('ValidationError', `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must ${constraint}`);
}
