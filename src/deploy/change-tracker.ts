/**
 * Whether a unit has changed anything yet: its ports, wrapped, note the first call that is not a read. A unit
 * whose strategy stops on an error before that is `not-started` (exit 2, what ran before runs untouched), not
 * `failed` (exit 3, an operator must look). Any method not listed as a read counts as a change, so that a port
 * method added later errs on the side of "an operator must look".
 */
import type { RegionPorts } from './ports/region-ports.js';
import { onlyLockTag } from './tag-lock.js';

const reads: ReadonlySet<string> = new Set([
  // ECS
  'describeService',
  'latestTaskDefinition',
  'describeTaskDefinition',
  'serviceTasks',
  'listServiceNames',
  // Elastic Load Balancing
  'targetHealth',
  'forwardingRoutes',
  'forwardWeights',
  // CloudWatch, STS, tagging
  'firingAlarms',
  'callerAccount',
  'resourceTags',
  'unitResources',
  // Lambda
  'describeFunction',
  'describeVersion',
  'describeAlias',
  'aliasesOfVersion',
  'permissions',
  'eventSourceMappings',
  'describeEventSourceMapping',
  'listFunctionNames',
  // API Gateway
  'describeApi',
  'describeRoute',
  'integrations',
  'stageVariables',
]);

export interface ChangeTracker {
  ports: RegionPorts;
  /** True once a call that is not a read has been made through `ports` (whether or not it succeeded). */
  changed(): boolean;
}

export function trackChanges(ports: RegionPorts): ChangeTracker {
  let changed = false;
  const wrap = <T extends object>(port: T): T =>
    new Proxy(port, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          if (!reads.has(property) && !onlyLockTag(property, args)) changed = true;
          return value.apply(target, args);
        };
      },
    });
  const cache = new Map<string, object>();
  const tracked = new Proxy(ports, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || value === null || typeof value !== 'object') return value;
      let wrapped = cache.get(property);
      if (wrapped === undefined) {
        wrapped = wrap(value);
        cache.set(property, wrapped);
      }
      return wrapped;
    },
  });
  return { ports: tracked, changed: () => changed };
}
