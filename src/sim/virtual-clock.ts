/**
 * Discrete-event time for the simulator (docs/simulator.md, "Virtual clock"). Clients that register as
 * participants wait on this clock instead of sleeping real time; while any participant is registered, simulated
 * time stands still except for jumps: once every participant waits and no request is in flight, time jumps to the
 * earliest wake-up. A deployment's simulated durations then depend on nothing but its own steps, whatever the
 * load on the machine. With no participant registered (the AWS CLI, boto3), time runs `scale` times real time.
 *
 * The models need no scheduled events of their own: every model brings itself up to the current time before
 * each request (ServiceModel.advance), so a jump over a health check or a task start is seen on the next read.
 */
import type { Clock } from '../clock.js';

/** A participant busy this long in real time without starting a sleep is dropped: a hung client must not freeze time. */
const PARTICIPANT_LEASE_MS = 10_000;

/**
 * How long (real time) every participant must have been waiting, with nothing in flight, before time jumps: lets
 * wake-ups due together all land, and a participant's busy signal overtake its own SDK calls.
 */
const SETTLE_MS = 10;

interface Sleeper {
  until: number;
  wake: (now: number) => void;
}

interface Participant {
  sleepers: Set<Sleeper>;
  /** Real time of its last sleep, start or end. */
  lastSeen: number;
  /**
   * Woken (or just registered) and not yet heard from since: busy even if another of its activities still sleeps,
   * because the simulator cannot know what the woken one does next.
   */
  awake: boolean;
  /** It says when it is busy (holdBusy); otherwise any of its sleeps means it waits. */
  signalsBusy: boolean;
}

export interface VirtualClockState {
  participants: number;
  waiting: number;
  inFlight: number;
}

export class VirtualClock implements Clock {
  private base: number;
  private realAnchor = Date.now();
  private readonly participants = new Map<string, Participant>();
  private inFlight = 0;
  private quietSince = Date.now();
  private nextId = 1;
  private check: NodeJS.Timeout | undefined;
  private readonly leaseTimer: NodeJS.Timeout;

  /** `scale`: how fast time runs while no participant is registered; the rate limits of clients also follow it. */
  constructor(
    readonly scale: number,
    start: number = Date.now(),
  ) {
    if (!(scale > 0)) throw new RangeError(`time scale must be positive, got ${scale}`);
    this.base = start;
    this.leaseTimer = setInterval(() => this.dropLapsed(), 500);
    this.leaseTimer.unref();
  }

  now(): number {
    if (this.participants.size > 0) return this.base;
    return this.base + (Date.now() - this.realAnchor) * this.scale;
  }

  /** An in-process wait: a participant of its own for the length of the sleep. */
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const id = this.register();
    try {
      await this.sleepFor(id, ms, signal);
    } finally {
      this.release(id);
    }
  }

  register(): string {
    this.rebase();
    const id = `p${this.nextId++}`;
    this.participants.set(id, { sleepers: new Set(), lastSeen: Date.now(), awake: true, signalsBusy: false });
    return id;
  }

  release(id: string): void {
    const participant = this.participants.get(id);
    if (!participant) return;
    this.rebase();
    this.participants.delete(id);
    // Its pending sleeps end now: nobody is left to answer them at a later time.
    for (const sleeper of participant.sleepers) sleeper.wake(this.base);
    this.schedule();
  }

  /** Resolves with the simulated time once it reaches now + `ms`. An unknown (dropped) participant is taken back. */
  sleepFor(id: string, ms: number, signal?: AbortSignal): Promise<number> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let participant = this.participants.get(id);
    if (!participant) {
      this.rebase();
      participant = { sleepers: new Set(), lastSeen: Date.now(), awake: true, signalsBusy: false };
      this.participants.set(id, participant);
    }
    const owner = participant;
    owner.lastSeen = Date.now();
    if (!owner.signalsBusy) owner.awake = false;
    return new Promise((resolve, reject) => {
      const sleeper: Sleeper = {
        until: this.now() + Math.max(0, ms),
        wake: (now) => {
          owner.sleepers.delete(sleeper);
          owner.lastSeen = Date.now();
          owner.awake = true;
          signal?.removeEventListener('abort', onAbort);
          resolve(now);
        },
      };
      const onAbort = () => {
        owner.sleepers.delete(sleeper);
        owner.lastSeen = Date.now();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      owner.sleepers.add(sleeper);
      this.schedule();
    });
  }

  /**
   * The participant says it is busy, for as long as the caller keeps a request in flight (requestStarted and
   * requestEnded around it): from then on, it alone says when it is busy, and it is no longer taken as awake.
   */
  holdBusy(id: string): boolean {
    const participant = this.participants.get(id);
    if (!participant) return false;
    participant.signalsBusy = true;
    participant.awake = false;
    participant.lastSeen = Date.now();
    return true;
  }

  /** A request other than a clock wait started: time holds until it is answered. */
  requestStarted(): void {
    this.inFlight += 1;
  }

  requestEnded(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.quietSince = Date.now();
    this.schedule();
  }

  state(): VirtualClockState {
    let waiting = 0;
    for (const participant of this.participants.values()) if (participant.sleepers.size > 0) waiting += 1;
    return { participants: this.participants.size, waiting, inFlight: this.inFlight };
  }

  /** Stops the lease timer (the simulator is closing). */
  dispose(): void {
    clearInterval(this.leaseTimer);
    if (this.check) clearTimeout(this.check);
  }

  /** Keeps now() continuous when the mode changes between frozen (participants) and scaled (none). */
  private rebase(): void {
    this.base = this.now();
    this.realAnchor = Date.now();
  }

  private schedule(): void {
    if (this.check) return;
    this.check = setTimeout(() => {
      this.check = undefined;
      this.jumpIfAllWait();
    }, SETTLE_MS);
  }

  private jumpIfAllWait(): void {
    if (this.inFlight > 0 || this.participants.size === 0) return;
    let earliest = Infinity;
    for (const participant of this.participants.values()) {
      if (participant.sleepers.size === 0 || participant.awake) return;
      for (const sleeper of participant.sleepers) earliest = Math.min(earliest, sleeper.until);
    }
    const quietFor = Date.now() - this.quietSince;
    if (quietFor < SETTLE_MS) {
      this.schedule();
      return;
    }
    this.base = Math.max(this.base, earliest);
    const due: Sleeper[] = [];
    for (const participant of this.participants.values()) {
      for (const sleeper of participant.sleepers) if (sleeper.until <= this.base) due.push(sleeper);
    }
    due.sort((a, b) => a.until - b.until);
    for (const sleeper of due) sleeper.wake(this.base);
    this.quietSince = Date.now();
  }

  private dropLapsed(): void {
    const now = Date.now();
    for (const [id, participant] of this.participants) {
      if (participant.sleepers.size === 0 && now - participant.lastSeen > PARTICIPANT_LEASE_MS) this.release(id);
    }
  }
}
