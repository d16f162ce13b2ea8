/**
 * Pure matching of scenario faults against what they target (tasks, images, Lambda versions).
 * A FaultMatch matches when every field it gives matches; an empty match matches everything.
 */
import type { FaultMatch, TrafficSignal } from './types.js';

/** What a fault is checked against: a task being started, a version receiving traffic. */
export interface FaultSubject {
  region?: string;
  taskDefinitions?: { family: string; revision: number }[];
  images?: string[];
  functionName?: string;
  version?: string;
}

/** `arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REV` → family and revision. */
export function parseTaskDefinitionArn(arn: string): { family: string; revision: number } | undefined {
  const [, family, revision] = /:task-definition\/([^:/]+):(\d+)$/.exec(arn) ?? [];
  if (family === undefined) return undefined;
  return { family, revision: Number(revision) };
}

/** Exact match, or prefix match when the pattern ends with `*` (`repo/web:*`). */
export function imageMatches(pattern: string, image: string): boolean {
  return pattern.endsWith('*') ? image.startsWith(pattern.slice(0, -1)) : image === pattern;
}

/** `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]` or a plain name → the function name. */
export function functionNameOf(nameOrArn: string): string {
  const [, name] = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn) ?? [];
  return name ?? nameOrArn;
}

export function faultMatches(match: FaultMatch, subject: FaultSubject): boolean {
  if (match.region !== undefined && match.region !== subject.region) return false;
  if (match.family !== undefined || match.revision !== undefined) {
    const found = (subject.taskDefinitions ?? []).some(
      (definition) =>
        (match.family === undefined || definition.family === match.family) && (match.revision === undefined || definition.revision === match.revision),
    );
    if (!found) return false;
  }
  if (match.image !== undefined) {
    const pattern = match.image;
    if (!(subject.images ?? []).some((image) => imageMatches(pattern, image))) return false;
  }
  if (match.functionName !== undefined) {
    if (subject.functionName === undefined) return false;
    if (functionNameOf(subject.functionName) !== functionNameOf(match.functionName)) return false;
  }
  if (match.version !== undefined && match.version !== subject.version) return false;
  return true;
}

export function trafficSubject(signal: TrafficSignal): FaultSubject {
  const subject: FaultSubject = { region: signal.region };
  const taskDefinitions = (signal.taskDefinitionArns ?? []).flatMap((arn) => parseTaskDefinitionArn(arn) ?? []);
  if (taskDefinitions.length > 0) subject.taskDefinitions = taskDefinitions;
  if (signal.images !== undefined) subject.images = signal.images;
  if (signal.functionName !== undefined) subject.functionName = signal.functionName;
  if (signal.version !== undefined) subject.version = signal.version;
  return subject;
}
