/**
 * The ports one unit's deployment talks to: every call AWS throttles (or answers with a 5xx) is tried again on the
 * clock within the forward budget (retry-budget.ts), and the first retry of each port is announced. Whether the
 * unit changed anything yet is the engine's change tracker's to say (change-tracker.ts).
 */
import type { Clock } from '../clock.js';
import type { EmitEvent } from '../events/types.js';
import { errorLine } from './port-error.js';
import type { RegionPorts } from './ports/region-ports.js';
import { forwardBudget, retryTransient } from './retry-budget.js';

const PORT_NAMES = ['ecs', 'loadBalancing', 'alarms', 'identity', 'lambda', 'apiGateway', 'tagging'] as const;

export interface ResilienceOptions {
  clock: Clock;
  signal: AbortSignal;
  unit: string;
  emit: EmitEvent;
}

export function resilientPorts(ports: RegionPorts, options: ResilienceOptions): RegionPorts {
  const wrapped = { region: ports.region } as Record<string, unknown>;
  for (const name of PORT_NAMES) {
    let port: object | undefined;
    // Resolved on first use: the region's ports create their SDK clients lazily.
    Object.defineProperty(wrapped, name, { enumerable: true, get: () => (port ??= wrapPort(ports[name], name, options)) });
  }
  return wrapped as unknown as RegionPorts;
}

function wrapPort<P extends object>(port: P, portName: string, options: ResilienceOptions): P {
  let announced = false;
  return new Proxy(port, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== 'function' || typeof property !== 'string') return member;
      return (...args: unknown[]) => {
        return retryTransient(() => Promise.resolve(member.apply(target, args)), {
          clock: options.clock,
          budget: forwardBudget,
          signal: options.signal,
          onRetry: (error) => {
            if (announced) return;
            announced = true;
            const reason = `${portName}.${property}: AWS answered ${errorLine(error)}; trying again for up to ${forwardBudget.totalMs / 60000} minutes`;
            options.emit({ type: 'wait.started', time: options.clock.now(), unit: options.unit, reason, until: options.clock.now() + forwardBudget.totalMs });
          },
        });
      };
    },
  });
}
