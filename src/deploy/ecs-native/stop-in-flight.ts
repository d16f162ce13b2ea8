/**
 * `gitmoxi rollback` of a BLUE_GREEN, LINEAR or CANARY service whose deployment is still running: ECS is asked
 * to roll it back (StopServiceDeployment ROLLBACK), which moves production straight back to the running
 * revision, rather than starting yet another deployment. docs/ecs-native.md.
 */
import type { UnitContext } from '../context.js';
import { recordOf } from '../../is-record.js';
import type { ServiceSettings } from '../ports/ecs-port.js';
import { waitFor } from '../waits.js';

const NATIVE = ['BLUE_GREEN', 'LINEAR', 'CANARY'];
const ENDED = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);

/** Null when the service is not an ECS-native one with a deployment in flight: the caller rolls back as usual. */
export async function stopNativeInFlight(
  ctx: UnitContext,
  service: { cluster: string; serviceName: string; settings?: ServiceSettings | undefined },
  timeoutMs: number,
): Promise<{ ok: boolean; message: string } | null> {
  const strategy = recordOf(service.settings?.deploymentConfiguration).strategy;
  const ecs = ctx.ports.ecs;
  if (typeof strategy !== 'string' || !NATIVE.includes(strategy) || !ecs.latestServiceDeployment || !ecs.rollBackServiceDeployment) return null;
  const latest = await ecs.latestServiceDeployment(service.cluster, service.serviceName);
  if (latest?.status !== 'IN_PROGRESS') return null;
  ctx.emit({ type: 'unit.phase', phase: 'rollback', detail: `StopServiceDeployment ROLLBACK of ${latest.serviceDeploymentArn}` });
  await ecs.rollBackServiceDeployment(latest.serviceDeploymentArn);
  const ended = await waitFor({
    clock: ctx.clock,
    intervalMs: 5000,
    timeoutMs,
    check: async () => {
      const state = await ecs.latestServiceDeployment?.(service.cluster, service.serviceName);
      return state && ENDED.has(state.status) ? { status: 'done', value: state } : { status: 'pending' };
    },
  });
  if (ended.kind === 'done' && ended.value.status === 'ROLLBACK_SUCCESSFUL') {
    return { ok: true, message: `${service.serviceName}: ECS rolled the deployment in flight back` };
  }
  return { ok: false, message: `${service.serviceName}: ECS did not finish rolling back (${ended.kind === 'done' ? ended.value.status : ended.kind})` };
}
