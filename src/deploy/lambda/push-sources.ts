/**
 * Push event sources (docs/design.md#lambda): an ELB target group and API Gateway v2 routes invoke the function through
 * its alias. Reconciled on every deployment: what the event source file lists is granted and attached once (a re-run
 * adds nothing), and what gitmoxi granted earlier but the file no longer lists is taken away. gitmoxi recognises its
 * own grants by their statement ids (`gitmoxi-elb-…`, `gitmoxi-apigw-…`) in the alias's policy.
 */
import { createHash } from 'node:crypto';
import type { PushEventSource } from '../../defs/eventsource-schema.js';
import type { UnitContext } from '../context.js';
import type { PermissionState } from '../ports/lambda-port.js';
import { functionArnParts, qualifiedArn } from './function-target.js';
import { attachApiRoute } from './api-route.js';

export interface PushTarget {
  functionName: string;
  /** The unqualified function ARN. */
  functionArn: string;
  alias: string;
}

const elbPrincipal = 'elasticloadbalancing.amazonaws.com';
export const elbStatementPrefix = 'gitmoxi-elb-';
const apiStatementPrefix = 'gitmoxi-apigw-';

type ElbSource = Extract<PushEventSource, { Service: 'elasticloadbalancing.amazonaws.com' }>;
type ApiSource = Extract<PushEventSource, { Service: 'apigateway.amazonaws.com' }>;

export async function reconcilePushSources(ctx: UnitContext, target: PushTarget, sources: readonly PushEventSource[]): Promise<void> {
  const statements = await ctx.ports.lambda.permissions(target.functionName, target.alias);
  const elb = sources.filter((source): source is ElbSource => source.Service === 'elasticloadbalancing.amazonaws.com');
  const apis = sources.filter((source): source is ApiSource => source.Service === 'apigateway.amazonaws.com');
  for (const source of elb) await attachTargetGroup(ctx, target, source.TargetGroupArn, statements);
  for (const source of apis) await attachApi(ctx, target, source, statements);
  await detachUnlisted(ctx, target, statements, elb, apis);
}

/** The statement id of a grant to one target group: its ARN is too long for a statement id, so a digest of it. */
function elbStatementId(targetGroupArn: string): string {
  return `${elbStatementPrefix}${createHash('sha256').update(targetGroupArn).digest('hex').slice(0, 16)}`;
}

function apiStatementId(apiId: string): string {
  return `${apiStatementPrefix}${apiId}`;
}

/** Permission first: ELB refuses to register a function it may not invoke. */
async function attachTargetGroup(ctx: UnitContext, target: PushTarget, targetGroupArn: string, statements: PermissionState[]): Promise<void> {
  const statementId = elbStatementId(targetGroupArn);
  if (!statements.some((statement) => statement.statementId === statementId)) {
    ctx.emit({ type: 'unit.phase', phase: 'update', detail: `allowing target group ${targetGroupArn} to invoke ${target.functionName}:${target.alias}` });
    await ctx.ports.lambda.addPermission(target.functionName, target.alias, {
      statementId,
      principal: elbPrincipal,
      action: 'lambda:InvokeFunction',
      sourceArn: targetGroupArn,
    });
  }
  const aliasArn = qualifiedArn(target.functionArn, target.alias);
  const registered = await ctx.ports.loadBalancing.targetHealth(targetGroupArn);
  if (registered.some((health) => health.targetId === aliasArn && health.state !== 'draining')) return;
  // A Lambda target group holds one function: the function this unit replaces (ready by now) makes room first.
  const displaced = registered
    .filter((health) => health.state !== 'draining' && isReplacedFunction(ctx, target, health.targetId))
    .map((health) => health.targetId);
  for (const targetId of displaced) {
    ctx.emit({
      type: 'unit.phase',
      phase: 'update',
      detail: `moving target group ${targetGroupArn} from ${targetId} to ${target.functionName}:${target.alias}`,
    });
    await ctx.ports.loadBalancing.deregisterLambdaTarget(targetGroupArn, targetId);
  }
  ctx.emit({ type: 'unit.phase', phase: 'update', detail: `registering ${target.functionName}:${target.alias} in target group ${targetGroupArn}` });
  try {
    await ctx.ports.loadBalancing.registerLambdaTarget(targetGroupArn, aliasArn);
  } catch (error) {
    // The replaced function keeps serving when its successor cannot take over.
    for (const targetId of displaced) await ctx.ports.loadBalancing.registerLambdaTarget(targetGroupArn, targetId).catch(() => undefined);
    throw error;
  }
}

/** A target (function, version or alias ARN) of the function this unit replaces, in the same account and Region. */
function isReplacedFunction(ctx: UnitContext, target: PushTarget, targetId: string): boolean {
  const replaced = ctx.planned.replaces;
  if (replaced?.platform !== 'lambda') return false;
  const { partition, region, account } = functionArnParts(target.functionArn);
  const arn = `arn:${partition}:lambda:${region}:${account}:function:${replaced.functionName}`;
  return targetId === arn || targetId.startsWith(`${arn}:`);
}

/** Invoke permission for the whole API (every stage, method and path), scoped to the API by its ARN. */
async function attachApi(ctx: UnitContext, target: PushTarget, source: ApiSource, statements: PermissionState[]): Promise<void> {
  const statementId = apiStatementId(source.ApiId);
  if (!statements.some((statement) => statement.statementId === statementId)) {
    const { partition, region, account } = functionArnParts(target.functionArn);
    const sourceArn = `arn:${partition}:execute-api:${region}:${account}:${source.ApiId}/*`;
    ctx.emit({ type: 'unit.phase', phase: 'update', detail: `allowing API ${source.ApiId} to invoke ${target.functionName}:${target.alias}` });
    await ctx.ports.lambda.addPermission(target.functionName, target.alias, {
      statementId,
      principal: 'apigateway.amazonaws.com',
      action: 'lambda:InvokeFunction',
      sourceArn,
    });
    statements.push({ statementId, sourceArn });
  }
  await attachApiRoute(ctx, target, source);
}

/** What gitmoxi granted before and the file no longer lists: deregistered from ELB, then the grant removed. */
async function detachUnlisted(ctx: UnitContext, target: PushTarget, statements: PermissionState[], elb: ElbSource[], apis: ApiSource[]): Promise<void> {
  const wanted = new Set([...elb.map((source) => elbStatementId(source.TargetGroupArn)), ...apis.map((source) => apiStatementId(source.ApiId))]);
  const stale = statements.filter(
    (s) => (s.statementId.startsWith(elbStatementPrefix) || s.statementId.startsWith(apiStatementPrefix)) && !wanted.has(s.statementId),
  );
  for (const statement of stale) {
    if (statement.statementId.startsWith(elbStatementPrefix) && statement.sourceArn !== undefined) {
      ctx.emit({
        type: 'unit.phase',
        phase: 'update',
        detail: `deregistering ${target.functionName}:${target.alias} from target group ${statement.sourceArn}`,
      });
      await ctx.ports.loadBalancing.deregisterLambdaTarget(statement.sourceArn, qualifiedArn(target.functionArn, target.alias));
    }
    ctx.emit({ type: 'unit.phase', phase: 'update', detail: `removing permission ${statement.statementId} from ${target.functionName}:${target.alias}` });
    await ctx.ports.lambda.removePermission(target.functionName, target.alias, statement.statementId);
  }
}

/** Target groups gitmoxi registered the alias in, from its grants: a deleted function leaves them. */
export async function detachAllTargetGroups(ctx: UnitContext, target: PushTarget): Promise<void> {
  const statements = await ctx.ports.lambda.permissions(target.functionName, target.alias);
  for (const statement of statements) {
    if (!statement.statementId.startsWith(elbStatementPrefix) || statement.sourceArn === undefined) continue;
    ctx.emit({ type: 'unit.phase', phase: 'delete', detail: `deregistering ${target.functionName}:${target.alias} from target group ${statement.sourceArn}` });
    await ctx.ports.loadBalancing.deregisterLambdaTarget(statement.sourceArn, qualifiedArn(target.functionArn, target.alias));
  }
}
