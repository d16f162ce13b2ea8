/**
 * An operator rollback of a rolling service goes back to a task definition revision; when gitmoxi registered that
 * revision at a known commit, the service settings (desiredCount, deploymentConfiguration, …) go back to that
 * commit's svcdef as well, so that what runs is that commit's content and not a mix of two. Pure: the svcdefs are
 * rendered by the caller. The same rules as a failed deployment's rollback (restore-settings.ts): a setting the
 * commit does not write but the newer svcdef does is put back to ECS's "not set" value where there is one.
 */
import type { Svcdef } from '../../defs/svcdef-schema.js';
import { arnName } from '../../short-names.js';
import { restoreSettingsRequest } from '../ecs/restore-settings.js';
import { updateServiceRequest } from '../ecs/service-requests.js';
import type { ServiceTarget } from '../ecs/service-target.js';
import { recordOf } from '../../is-record.js';
import type { ServiceSettings, UpdateServiceRequest } from '../ports/ecs-port.js';

export interface EarlierSettings {
  /** The commit whose svcdef the settings come from (the one that registered the revision). */
  commit: string;
  /** That commit's rendered definitions' hash: the service is tagged with it once it reads back as asked. */
  hash: string;
  /** UpdateService: the revision rolled back to and the commit's settings. */
  request: UpdateServiceRequest;
  /** The settings that differ from what runs now (shown before the operator confirms). */
  changing: string[];
  /** Settings the newer svcdef writes that neither the commit writes nor ECS has a "not set" value for: left as they are. */
  unrestorable: string[];
}

export interface EarlierSettingsInput {
  target: ServiceTarget;
  toRevision: string;
  commit: string;
  hash: string;
  /** The svcdef rendered at `commit`. */
  earlier: Svcdef;
  /** The svcdef rendered at the branch tip (what the rolled-back deployment sent), when it renders. */
  current: Svcdef | undefined;
  /** The service's settings as DescribeServices reports them now. */
  live: Readonly<ServiceSettings> | undefined;
}

/** Null when the commit's svcdef names another service: then only the task definition goes back. */
export function earlierSettings(input: EarlierSettingsInput): EarlierSettings | null {
  const { target, earlier } = input;
  if (earlier.serviceName !== target.serviceName || (earlier.cluster ?? 'default') !== arnName(target.cluster)) return null;
  const service = { cluster: target.cluster, service: target.serviceName };
  const wanted = { ...updateServiceRequest(earlier, input.toRevision), ...service };
  const reset = restoreSettingsRequest(target, wanted, input.current === undefined ? {} : updateServiceRequest(input.current, input.toRevision));
  const request: UpdateServiceRequest = { ...reset.request, ...wanted };
  const fields = Object.keys(request).filter((key) => key !== 'cluster' && key !== 'service' && key !== 'taskDefinition');
  return { commit: input.commit, hash: input.hash, request, changing: notIn(request, fields, input.live), unrestorable: reset.unrestorable };
}

/** The requested settings that the service, read back, does not have. */
export function settingsNotApplied(settings: EarlierSettings, live: Readonly<ServiceSettings> | undefined): string[] {
  return notIn(
    settings.request,
    Object.keys(settings.request).filter((key) => key !== 'cluster' && key !== 'service' && key !== 'taskDefinition'),
    live,
  );
}

function notIn(request: UpdateServiceRequest, fields: readonly string[], live: Readonly<ServiceSettings> | undefined): string[] {
  return fields.filter((field) => live === undefined || !containedIn(recordOf(request)[field], recordOf(live)[field]));
}

/**
 * Whatever the request writes is in what ECS reports: ECS fills in members nobody wrote (a circuit breaker that is
 * off, empty security groups), so a read-back has more than was sent. An empty list sent matches a list not reported.
 */
export function containedIn(wanted: unknown, actual: unknown): boolean {
  if (Array.isArray(wanted)) {
    const list = Array.isArray(actual) ? actual : actual === undefined ? [] : null;
    return list !== null && list.length === wanted.length && wanted.every((item, index) => containedIn(item, list[index]));
  }
  if (wanted !== null && typeof wanted === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(wanted).every(([key, value]) => containedIn(value, recordOf(actual)[key]));
  }
  if (wanted === false && actual === undefined) return true;
  return wanted === actual;
}
