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

type PortName = Exclude<keyof RegionPorts, 'region'>;

export interface ResilienceOptions {
  clock: Clock;
  signal: AbortSignal;
  unit: string;
  emit: EmitEvent;
}

export function resilientPorts(ports: RegionPorts, options: ResilienceOptions): RegionPorts {
  // Resolved on first use: the region's ports create their SDK clients lazily.
  const lazy = <K extends PortName>(name: K): (() => RegionPorts[K]) => {
    let port: RegionPorts[K] | undefined;
    return () => (port ??= wrapPort(ports[name], name, options));
  };
  const ecs = lazy('ecs');
  const loadBalancing = lazy('loadBalancing');
  const alarms = lazy('alarms');
  const identity = lazy('identity');
  const lambda = lazy('lambda');
  const apiGateway = lazy('apiGateway');
  const tagging = lazy('tagging');
  return {
    region: ports.region,
    get ecs() {
      return ecs();
    },
    get loadBalancing() {
      return loadBalancing();
    },
    get alarms() {
      return alarms();
    },
    get identity() {
      return identity();
    },
    get lambda() {
      return lambda();
    },
    get apiGateway() {
      return apiGateway();
    },
    get tagging() {
      return tagging();
    },
  };
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
