/**
 * The push sources of a Lambda unit as they run: each ELB target group or API Gateway API may invoke the alias
 * (a statement of the alias's policy), and the alias is registered in each ELB target group.
 */
import type { EventSources } from '../defs/eventsource-schema.js';
import type { LambdaFunctionState } from '../deploy/ports/lambda-port.js';
import type { DiffDocument } from './documents.js';
import type { LiveReads } from './live-reads.js';
import { toJson, type Json } from './project.js';

export async function pushSourcesDocument(
  fn: LambdaFunctionState | null,
  alias: string,
  sources: NonNullable<EventSources['PushEventSources']>,
  reads: LiveReads,
): Promise<DiffDocument> {
  const wanted = sources.map((source) =>
    source.Service === 'elasticloadbalancing.amazonaws.com'
      ? { Service: source.Service, TargetGroupArn: source.TargetGroupArn, mayInvoke: true, registered: true }
      : { Service: source.Service, ApiId: source.ApiId, mayInvoke: true },
  );
  if (fn === null) return { kind: 'eventsourcedef', label: 'push sources', wanted: toJson(wanted), live: undefined };
  const statements = await reads.permissions(fn.functionName, alias);
  const aliasArn = `${fn.functionArn}:${alias}`;
  const live: Json[] = [];
  for (const source of wanted) {
    const from = 'TargetGroupArn' in source ? source.TargetGroupArn : source.ApiId;
    const mayInvoke = statements.some((s) => s.principal === source.Service && (s.sourceArn === from || (s.sourceArn ?? '').includes(`:${from}/`)));
    if ('TargetGroupArn' in source) {
      const registered = (await reads.registeredTargets(source.TargetGroupArn)).includes(aliasArn);
      live.push({ ...source, mayInvoke, registered });
    } else {
      live.push({ ...source, mayInvoke });
    }
  }
  return { kind: 'eventsourcedef', label: 'push sources', wanted: toJson(wanted), live };
}
