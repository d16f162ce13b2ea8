/**
 * The ports one unit's deployment talks to: every call AWS throttles (or answers with a 5xx) is tried again on the
 * clock within the forward budget (retry-budget.ts), and whether the unit has changed anything yet is recorded, so
 * that a unit AWS kept refusing before any change is reported as such: nothing changed, exit 2 (docs/resilience.md).
 */
import type { Clock } from '../clock.js';
import type { EmitEvent } from '../events/types.js';
import { lockTagKey } from './ecs-bluegreen/service-lock.js';
import { errorLine, isTransient, portErrorKind } from './port-error.js';
import type { RegionPorts } from './ports.js';
import type { UnitResult } from './results.js';
import { forwardBudget, retryTransient } from './retry-budget.js';

/** Port methods that only read. Anything else counts as a change (a new method is a change until listed here). */
const READS = /^(describe|latest|list|serviceTasks|targetHealth|forwardingRoutes|forwardWeights|firingAlarms|callerAccount|permissions|eventSourceMappings|aliasesOfVersion|integrations|stageVariables|resourceTags)/;

const PORT_NAMES = ['ecs', 'loadBalancing', 'alarms', 'identity', 'lambda', 'apiGateway', 'tagging'] as const;

export interface UnitPorts {
  ports: RegionPorts;
  /**
   * True once a call that changes AWS was answered, or failed other than by throttling (writing or removing only
   * the lock tag does not count).
   */
  readonly changed: boolean;
}

export interface ResilienceOptions {
  clock: Clock;
  signal: AbortSignal;
  unit: string;
  emit: EmitEvent;
}

export function resilientPorts(ports: RegionPorts, options: ResilienceOptions): UnitPorts {
  const state = { changed: false };
  const wrapped = { region: ports.region } as Record<string, unknown>;
  for (const name of PORT_NAMES) {
    let port: object | undefined;
    // Resolved on first use: the region's ports create their SDK clients lazily.
    Object.defineProperty(wrapped, name, { enumerable: true, get: () => (port ??= wrapPort(ports[name], name, options, state)) });
  }
  return {
    ports: wrapped as unknown as RegionPorts,
    get changed() {
      return state.changed;
    },
  };
}

function wrapPort<P extends object>(port: P, portName: string, options: ResilienceOptions, state: { changed: boolean }): P {
  let announced = false;
  return new Proxy(port, {
    get(target, property, receiver) {
      const member: unknown = Reflect.get(target, property, receiver);
      if (typeof member !== 'function' || typeof property !== 'string') return member;
      return (...args: unknown[]) => {
        const changes = !READS.test(property) && !onlyLockTag(property, args);
        // A throttled call did nothing; any other answer (a 5xx included) may have changed something.
        const attempt = () =>
          Promise.resolve(member.apply(target, args)).then(
            (value: unknown) => {
              if (changes) state.changed = true;
              return value;
            },
            (error: unknown) => {
              if (changes && portErrorKind(error) !== 'throttled') state.changed = true;
              throw error;
            },
          );
        return retryTransient(attempt, {
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

/** Taking, renewing or releasing the lock tag (tagResource or untagResource of `gitmoxi:lock` alone). */
function onlyLockTag(method: string, args: readonly unknown[]): boolean {
  const second = args[1];
  if (method === 'tagResource' && typeof second === 'object' && second !== null && !Array.isArray(second)) return Object.keys(second).every((key) => key === lockTagKey);
  if (method === 'untagResource' && Array.isArray(second)) return second.every((key) => key === lockTagKey);
  return false;
}

/**
 * A unit whose deployment stopped on throttling or server errors that outlasted the forward budget before it
 * changed anything: what ran before still runs, untouched. Null for any other failure.
 */
export function untouchedFailure(unit: string, startedAt: number, finishedAt: number, error: unknown, changed: boolean): UnitResult | null {
  if (changed || !isTransient(error)) return null;
  const summary = `AWS kept refusing the calls of this deployment (${errorLine(error)}) for ${forwardBudget.totalMs / 60000} minutes before anything was changed; nothing was changed`;
  return {
    unit,
    outcome: 'rolled-back',
    startedAt,
    finishedAt,
    error: { code: unavailableCode, message: summary },
    report: {
      summary,
      step: 'preflight',
      stoppedTasks: [],
      serviceEvents: [],
      targetHealth: [],
      action: 'Deploy again once AWS stops throttling the account (other callers, another pipeline, or a quota: see Service Quotas); the previous version still runs.',
    },
  };
}

const unavailableCode = 'E_AWS_UNAVAILABLE';

/**
 * Exit 2 (nothing was changed) when the only failures are units AWS kept refusing before any change and no other
 * unit changed anything either; null leaves the exit code to runExitCode.
 */
export function untouchedExitCode(results: readonly UnitResult[], interrupted: boolean): 2 | null {
  if (interrupted) return null;
  const untouched = results.filter((r) => r.error?.code === unavailableCode && r.report?.step === 'preflight');
  if (untouched.length === 0) return null;
  const others = results.filter((r) => !untouched.includes(r));
  return others.every((r) => r.outcome === 'unchanged' || r.outcome === 'pinned' || r.outcome === 'skipped') ? 2 : null;
}
