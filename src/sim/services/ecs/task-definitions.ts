/** Task definition families and revisions of one account and region. */
import type { RegisterTaskDefinitionRequest, TaskDefinition } from '@aws-sdk/client-ecs';
import { ecsArn, isArn, arnResource, type ArnScope } from './arns.js';
import { clientException, invalidParameter } from './errors.js';
import type { TaskDefinitionRecord } from './records.js';
import { completeTaskDefinition, validateTaskDefinition } from './task-definition-rules.js';

export interface ListTaskDefinitionsFilter {
  familyPrefix?: string;
  status?: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  sort?: 'ASC' | 'DESC';
}

export class TaskDefinitionRegistry {
  /** family → revisions, index = revision - 1. */
  private readonly families = new Map<string, TaskDefinitionRecord[]>();

  constructor(private readonly scope: ArnScope) {}

  register(input: RegisterTaskDefinitionRequest, now: number): TaskDefinitionRecord {
    const family = validateTaskDefinition(input);
    const revisions = this.families.get(family) ?? [];
    const revision = revisions.length + 1;
    const arn = ecsArn(this.scope, `task-definition/${family}:${revision}`);
    const definition = completeTaskDefinition(input, arn, revision);
    definition.registeredBy = `arn:aws:iam::${this.scope.account}:root`;
    const record: TaskDefinitionRecord = { definition, registeredAt: now, tags: [...(input.tags ?? [])] };
    revisions.push(record);
    this.families.set(family, revisions);
    return record;
  }

  /**
   * `family` (latest ACTIVE revision), `family:revision` or a full ARN; undefined when there is none.
   * An INACTIVE revision is found when named explicitly, as ECS does.
   */
  find(reference: string): TaskDefinitionRecord | undefined {
    const body = isArn(reference) ? (arnResource(reference) ?? '').replace(/^task-definition\//, '') : reference;
    const [family, revisionText, extra] = body.split(':');
    if (!family || extra !== undefined) return undefined;
    const revisions = this.families.get(family);
    if (!revisions) return undefined;
    if (revisionText === undefined) {
      return [...revisions].reverse().find((r) => r.definition.status === 'ACTIVE');
    }
    const revision = Number(revisionText);
    return Number.isInteger(revision) ? revisions[revision - 1] : undefined;
  }

  /** Like `find`, throwing the error DescribeTaskDefinition gives. */
  get(reference: string): TaskDefinitionRecord {
    const record = this.find(reference);
    if (!record) throw clientException('Unable to describe task definition.');
    return record;
  }

  deregister(reference: string, now: number): TaskDefinitionRecord {
    const body = isArn(reference) ? (arnResource(reference) ?? '') : reference;
    const revisionText = body.split(':')[1];
    if (revisionText === undefined || !/^\d+$/.test(revisionText)) {
      throw clientException(`Invalid revision number. Number: ${revisionText ?? ''}`);
    }
    const record = this.find(reference);
    if (!record) throw clientException('The specified task definition does not exist.');
    if (record.definition.status === 'ACTIVE') {
      record.definition.status = 'INACTIVE';
      record.deregisteredAt = now;
    }
    return record;
  }

  list(filter: ListTaskDefinitionsFilter): string[] {
    const status = filter.status ?? 'ACTIVE';
    if (!['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'].includes(status)) {
      throw invalidParameter(`Invalid status: ${status}`);
    }
    // familyPrefix is the full family name despite its name (ListTaskDefinitions API reference).
    const families = [...this.families.keys()].filter((family) => filter.familyPrefix === undefined || family === filter.familyPrefix).sort();
    const arns = families.flatMap((family) =>
      (this.families.get(family) ?? []).flatMap(({ definition }) =>
        definition.status === status && definition.taskDefinitionArn !== undefined ? [definition.taskDefinitionArn] : [],
      ),
    );
    return filter.sort === 'DESC' ? arns.reverse() : arns;
  }

  all(): TaskDefinitionRecord[] {
    return [...this.families.values()].flat();
  }

  findByArn(arn: string): TaskDefinitionRecord | undefined {
    return this.all().find((r) => r.definition.taskDefinitionArn === arn);
  }
}

/** The output shape: the definition with its dates. */
export function toTaskDefinitionOutput(record: TaskDefinitionRecord): TaskDefinition {
  const output: TaskDefinition = { ...record.definition, registeredAt: new Date(record.registeredAt) };
  if (record.deregisteredAt !== undefined) output.deregisteredAt = new Date(record.deregisteredAt);
  return output;
}
