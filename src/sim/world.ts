/**
 * The simulated cloud: models per account → region (created lazily by each service module), the loaded
 * scenario and its faults, and the call log. Knows nothing of HTTP.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import { SimError } from './errors.js';
import { faultMatches, trafficSubject } from './fault-match.js';
import type {
  AlarmSetter,
  Fault,
  RequestContext,
  Scenario,
  ServiceModel,
  ServiceModels,
  ServiceModule,
  ServiceModuleOf,
  ServiceName,
  SimWorld,
  TrafficSignal,
} from './types.js';

/** One request as the simulator saw it: what tests and `/_sim/calls` read. */
export interface CallRecord {
  /** Simulated time, ms since the epoch. */
  time: number;
  account: string;
  region: string;
  service: ServiceName | 'unknown';
  operation: string;
  /** False for the operations a module lists as read-only. */
  mutating: boolean;
  /** The decoded input, blobs (Lambda's ZipFile) replaced by their size in bytes. */
  params: unknown;
  /** `ok`, or the AWS error code answered. */
  outcome: string;
  status: number;
}

/** `{ account: { region: { service: snapshot } } }`, plus the time it was taken. */
export interface WorldSnapshot {
  now: number;
  accounts: Record<string, Record<string, Record<string, unknown>>>;
}

type AlarmFault = Extract<Fault, { kind: 'alarm' }>;

/** The models of one account and region, each under its service's name. */
type RegionModels = { [S in ServiceName]?: ServiceModels[S] };

/** Narrows a module to the one named `name`, so that its `createModel` gives that service's model type. */
function isModuleOf<S extends ServiceName>(module: ServiceModule, name: S): module is Extract<ServiceModule, ServiceModuleOf<S>> {
  return module.name === name;
}

const DEFAULT_SCENARIO_REGION = 'us-east-1';

export class World implements SimWorld {
  readonly calls: CallRecord[] = [];
  private current: Scenario = {};
  /** Keyed by account, then region. */
  private models = new Map<string, Map<string, RegionModels>>();
  private extraFaults: Fault[] = [];
  private used = new Map<Fault, number>();
  private fired = new Set<Fault>();
  /** When each fault was added: `atSeconds` counts from there. */
  private addedAt = new Map<Fault, number>();

  constructor(
    readonly clock: Clock,
    private readonly modules: readonly ServiceModule[],
    private readonly account: string,
  ) {}

  get defaultAccount(): string {
    return this.current.account ?? this.account;
  }

  get scenario(): Scenario {
    return this.current;
  }

  /** The scenario's region, where seeded resources and region-less faults live. */
  get defaultRegion(): string {
    return this.current.region ?? DEFAULT_SCENARIO_REGION;
  }

  module<S extends ServiceName>(name: S): ServiceModuleOf<S> | undefined {
    return this.modules.find((module) => isModuleOf(module, name));
  }

  model<S extends ServiceName>(service: S, account: string, region: string): ServiceModels[S] {
    const regionModels = this.regionModels(account, region);
    const existing = regionModels[service];
    if (existing) return existing;
    const module = this.module(service);
    if (!module) throw new Error(`the simulator has no ${service} service registered`);
    const model = module.createModel(this, account, region);
    regionModels[service] = model;
    return model;
  }

  /** Brings every existing model of one account and region up to now, then fires due timed alarms. */
  advanceRegion(account: string, region: string): void {
    const now = this.clock.now();
    const models: ServiceModel[] = Object.values(this.models.get(account)?.get(region) ?? {});
    for (const model of models) model.advance?.(now);
    if (account === this.defaultAccount) this.fireTimedAlarms(region, now);
  }

  /** Brings every existing model up to now (before the control endpoints read state). */
  advanceAll(): void {
    for (const [account, regions] of [...this.models]) for (const region of [...regions.keys()]) this.advanceRegion(account, region);
  }

  faults<K extends Fault['kind']>(kind: K): Extract<Fault, { kind: K }>[] {
    return this.allFaults().filter((fault): fault is Extract<Fault, { kind: K }> => fault.kind === kind && !this.usedUp(fault));
  }

  consumeFault(fault: Fault): boolean {
    if (this.usedUp(fault)) return false;
    this.used.set(fault, (this.used.get(fault) ?? 0) + 1);
    return true;
  }

  /** Adds faults to the running scenario without resetting state; their `atSeconds` count from now. */
  addFaults(faults: readonly Fault[]): void {
    for (const fault of faults) this.addedAt.set(fault, this.clock.now());
    this.extraFaults.push(...faults);
  }

  trafficReached(signal: TrafficSignal): void {
    const subject = trafficSubject(signal);
    for (const fault of this.pendingAlarms()) {
      if (fault.whenTrafficTo === undefined) continue;
      if ((fault.region ?? signal.region) !== signal.region) continue;
      if (!faultMatches(fault.whenTrafficTo, subject)) continue;
      this.fireAlarm(fault, signal.account, signal.region, 'traffic reached the new version');
    }
  }

  /** Empties the world: no scenario, no models, no faults, no calls. */
  reset(): void {
    this.current = {};
    this.models.clear();
    this.extraFaults = [];
    this.used.clear();
    this.fired.clear();
    this.addedAt.clear();
    this.calls.length = 0;
  }

  /** Resets, then makes `scenario` the current one (seeding is scenario.ts's job). */
  replaceScenario(scenario: Scenario): void {
    this.reset();
    this.current = scenario;
    for (const fault of scenario.faults ?? []) this.addedAt.set(fault, this.clock.now());
  }

  snapshot(): WorldSnapshot {
    const accounts: WorldSnapshot['accounts'] = {};
    for (const [account, regions] of this.models) {
      const views: Record<string, Record<string, unknown>> = {};
      for (const [region, services] of regions) {
        const models: [string, ServiceModel][] = Object.entries(services);
        views[region] = Object.fromEntries(models.map(([service, model]) => [service, model.snapshot()]));
      }
      accounts[account] = views;
    }
    return { now: this.clock.now(), accounts };
  }

  /** Calls an operation handler in-process, as a request would (scenario seeding uses the API's own rules). */
  async invoke(service: ServiceName, operation: string, input: unknown, where: { account: string; region: string }): Promise<unknown> {
    const module = this.module(service);
    const handler = module?.operations[operation];
    if (!module || !handler) throw new Error(`the simulator has no ${service} ${operation} operation`);
    this.advanceRegion(where.account, where.region);
    const context: RequestContext = {
      ...where,
      requestId: randomUUID(),
      service,
      operation,
      protocol: module.protocols[0] ?? 'awsJson1_1',
      world: this,
    };
    return handler(input, context);
  }

  private regionModels(account: string, region: string): RegionModels {
    let regions = this.models.get(account);
    if (!regions) {
      regions = new Map();
      this.models.set(account, regions);
    }
    let models = regions.get(region);
    if (!models) {
      models = {};
      regions.set(region, models);
    }
    return models;
  }

  private allFaults(): Fault[] {
    return [...(this.current.faults ?? []), ...this.extraFaults];
  }

  private usedUp(fault: Fault): boolean {
    const count = 'count' in fault ? fault.count : undefined;
    return count !== undefined && (this.used.get(fault) ?? 0) >= count;
  }

  private pendingAlarms(): AlarmFault[] {
    return this.faults('alarm').filter((fault) => !this.fired.has(fault));
  }

  private fireTimedAlarms(region: string, now: number): void {
    for (const fault of this.pendingAlarms()) {
      if (fault.atSeconds === undefined || (fault.region ?? this.defaultRegion) !== region) continue;
      const due = (this.addedAt.get(fault) ?? now) + fault.atSeconds * 1000;
      if (due <= now) this.fireAlarm(fault, this.defaultAccount, region, `scheduled at +${fault.atSeconds}s`);
    }
  }

  /** Sets the alarm through CloudWatch; an alarm that does not exist yet stays pending. */
  private fireAlarm(fault: AlarmFault, account: string, region: string, why: string): void {
    if (!this.module('cloudwatch')) return;
    const alarms: AlarmSetter = this.model('cloudwatch', account, region);
    const state = fault.state ?? 'ALARM';
    try {
      alarms.setAlarmState(fault.alarmName, state, `Simulator scenario fault: ${why}.`);
      this.fired.add(fault);
    } catch (error) {
      if (!(error instanceof SimError)) throw error;
    }
  }
}
