import type { EcsUnitDefinitions } from '../../defs/validate.js';
import type { UnitContext } from '../context.js';

/** Which service a unit deploys: from the plan's identity (cluster defaults to "default", as in ECS). */
export interface ServiceTarget {
  cluster: string;
  serviceName: string;
}

export function serviceTarget(ctx: UnitContext, defs: EcsUnitDefinitions): ServiceTarget {
  const identity = ctx.planned.identity;
  if (identity?.platform === 'ecs') return { cluster: identity.cluster, serviceName: identity.serviceName };
  return { cluster: String(defs.svcdef.cluster ?? 'default'), serviceName: String(defs.svcdef.serviceName) };
}
