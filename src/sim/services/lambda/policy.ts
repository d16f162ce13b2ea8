/**
 * Resource-based policies: AddPermission, RemovePermission, GetPolicy. Each of the function, a version and an
 * alias has its own policy (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html),
 * and a policy change gives that resource a new RevisionId.
 */
import type { AddPermissionRequest, AddPermissionResponse, GetPolicyRequest, GetPolicyResponse, RemovePermissionRequest } from '@aws-sdk/client-lambda';
import { policyLengthExceeded, resourceConflict, resourceNotFound, validationError } from './errors.js';
import { checkRevision, newRevisionId, requireFunction, resolveTarget, type Target } from './lookup.js';
import type { LambdaModel, PolicyStatement } from './model.js';
import { parseFunctionName, qualifierOf, type QualifiedName } from './names.js';

/** A function's resource policy may be 20 KB (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). */
const POLICY_LIMIT_BYTES = 20_480;

const statementIdPattern = /^[a-zA-Z0-9_.-]{1,100}$/;
const actionPattern = /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/;

export function addPermission(model: LambdaModel, input: AddPermissionRequest): AddPermissionResponse {
  const target = findTarget(model, input);
  const statementId = required('statementId', input.StatementId);
  if (!statementIdPattern.test(statementId)) {
    throw validationError('statementId', statementId, 'Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)');
  }
  const action = required('action', input.Action);
  if (!actionPattern.test(action)) {
    throw validationError('action', action, 'Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])');
  }
  const principal = required('principal', input.Principal);
  checkRevision(input.RevisionId, revisionOf(target));
  const policy = policyOf(target);
  if (policy.some((statement) => statement.Sid === statementId)) {
    throw resourceConflict(`The statement id (${statementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`);
  }
  const statement = buildStatement(target, { ...input, StatementId: statementId, Action: action, Principal: principal });
  const size = Buffer.byteLength(policyDocument([...policy, statement]), 'utf8');
  if (size > POLICY_LIMIT_BYTES) throw policyLengthExceeded(size, POLICY_LIMIT_BYTES);
  policy.push(statement);
  touch(target);
  return { Statement: JSON.stringify(statement) };
}

export function removePermission(model: LambdaModel, input: RemovePermissionRequest): void {
  const target = findTarget(model, input);
  checkRevision(input.RevisionId, revisionOf(target));
  const policy = policyOf(target);
  if (policy.length === 0) throw resourceNotFound('No policy is associated with the given resource.');
  const index = policy.findIndex((statement) => statement.Sid === input.StatementId);
  if (index < 0) throw resourceNotFound(`Statement ${input.StatementId ?? ''} is not found in resource policy.`);
  policy.splice(index, 1);
  touch(target);
}

/** `Policy` is the policy document as a JSON string, the way IAM policies travel. */
export function getPolicy(model: LambdaModel, input: GetPolicyRequest): GetPolicyResponse {
  const target = findTarget(model, input);
  const policy = policyOf(target);
  if (policy.length === 0) throw resourceNotFound('The resource you requested does not exist.');
  const response: GetPolicyResponse = { Policy: policyDocument(policy) };
  const revisionId = revisionOf(target);
  if (revisionId !== undefined) response.RevisionId = revisionId;
  return response;
}

function findTarget(model: LambdaModel, input: QualifiedName): Target {
  const ref = parseFunctionName(input.FunctionName);
  return resolveTarget(model, requireFunction(model, ref.name), qualifierOf(ref, input.Qualifier));
}

function required(member: string, value: string | undefined): string {
  if (value === undefined || value === '') throw validationError(member, 'null', 'Member must not be null');
  return value;
}

function policyOf(target: Target): PolicyStatement[] {
  return (target.alias ?? target.version).policy;
}

function revisionOf(target: Target): string | undefined {
  return target.alias ? target.alias.config.RevisionId : target.version.config.RevisionId;
}

function touch(target: Target): void {
  if (target.alias) target.alias.config.RevisionId = newRevisionId();
  else target.version.config.RevisionId = newRevisionId();
}

function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
}

type PermissionInput = AddPermissionRequest & { StatementId: string; Action: string; Principal: string };

/** The statement as IAM stores it: a service principal, an account's root, or `*`, with the conditions. */
function buildStatement(target: Target, input: PermissionInput): PolicyStatement {
  const statement: PolicyStatement = {
    Sid: input.StatementId,
    Effect: 'Allow',
    Principal: principalOf(input.Principal),
    Action: input.Action,
    Resource: target.arn,
  };
  const condition: Record<string, Record<string, string>> = {};
  const add = (operator: string, key: string, value: string | undefined) => {
    if (value !== undefined) condition[operator] = { ...(condition[operator] ?? {}), [key]: value };
  };
  add('StringEquals', 'AWS:SourceAccount', input.SourceAccount);
  add('StringEquals', 'aws:PrincipalOrgID', input.PrincipalOrgID);
  add('StringEquals', 'lambda:EventSourceToken', input.EventSourceToken);
  add('StringEquals', 'lambda:FunctionUrlAuthType', input.FunctionUrlAuthType);
  add('ArnLike', 'AWS:SourceArn', input.SourceArn);
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return statement;
}

function principalOf(principal: string): string | Record<string, string> {
  if (principal === '*') return '*';
  if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (principal.startsWith('arn:')) return { AWS: principal };
  return { Service: principal };
}

/**
 * Whether the policy of the function, version or alias the ARN names lets `principal` call lambda:InvokeFunction
 * from `sourceArn`: a statement for that service principal (or `*`), an invoke action, and an AWS:SourceArn
 * condition, if any, that matches (ArnLike wildcards).
 */
export function invokeAllowed(model: LambdaModel, functionArn: string, principal: string, sourceArn: string): boolean {
  let target: Target;
  try {
    target = findTarget(model, { FunctionName: functionArn });
  } catch {
    return false;
  }
  return policyOf(target).some((statement) => statementAllows(statement, principal, sourceArn));
}

function statementAllows(statement: PolicyStatement, principal: string, sourceArn: string): boolean {
  const who = statement.Principal;
  const principalOk = who === '*' || (typeof who === 'object' && who.Service === principal);
  const actionOk = ['lambda:InvokeFunction', 'lambda:*', '*'].includes(statement.Action);
  const condition = statement.Condition?.ArnLike?.['AWS:SourceArn'] ?? statement.Condition?.ArnEquals?.['AWS:SourceArn'];
  return principalOk && actionOk && (condition === undefined || arnLike(condition, sourceArn));
}

function arnLike(pattern: string, arn: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(arn);
}
