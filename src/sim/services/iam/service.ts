/**
 * IAM, only as far as `gitmoxi verify` reads it: GetRole over awsQuery (IAM's only protocol), answering from the
 * roles the scenario seeds (none seeded: every role exists). IAM is global: every region sees the same roles.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html
 */
import type { GetRoleResponse } from '@aws-sdk/client-iam';
import { createHash } from 'node:crypto';
import { optionalString, type Input } from '../../coerce.js';
import { SimError } from '../../errors.js';
import { seededRoles } from '../../seeded-roles.js';
import type { OperationHandler, ServiceModule } from '../../types.js';

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** Seeded roles have no history: they were all created at this moment. */
const SEEDED_AT = new Date(Date.UTC(2024, 0, 1));

const getRole: OperationHandler = (input: Input, ctx): GetRoleResponse => {
  const name = optionalString(input, 'RoleName');
  if (name === undefined) {
    throw new SimError('ValidationError', "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null");
  }
  if (!ROLE_NAME.test(name)) {
    throw new SimError(
      'ValidationError',
      `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
  // A scenario that seeds no roles accepts any (as Lambda does): each exists, trusted by ECS tasks and Lambda.
  const seeded = seededRoles(ctx.world.scenario.infrastructure);
  const role = seeded.length === 0 ? seededRoles({ roles: [name] })[0] : seeded.find((candidate) => candidate.name === name);
  if (role === undefined) throw new SimError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
  const policy = {
    Version: '2012-10-17',
    Statement: role.trust.map((service) => ({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' })),
  };
  return {
    Role: {
      Path: '/',
      RoleName: name,
      RoleId: `AROA${createHash('sha256').update(name).digest('hex').slice(0, 17).toUpperCase()}`,
      Arn: `arn:aws:iam::${ctx.account}:role/${name}`,
      CreateDate: SEEDED_AT,
      // IAM returns the trust policy URL-encoded (RFC 3986), as every GetRole caller has to decode.
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(policy)),
      MaxSessionDuration: 3600,
    },
  };
};

export const iamService: ServiceModule = {
  name: 'iam',
  protocols: ['awsQuery'],
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  signingName: 'iam',
  operations: { GetRole: getRole },
  readOnly: new Set(['GetRole']),
  createModel: () => ({ snapshot: () => ({}) }),
};
