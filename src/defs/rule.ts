/** The shape of a cross-field rule (rules.ts runs them; ecs-rules.ts and lambda-rules.ts define them). */
import type { DefinitionKind } from '../units/suffixes.js';
import type { EcsDepdef } from './depdef-schema.js';
import type { EventSources } from './eventsource-schema.js';
import type { JsonPath } from './json-source.js';
import type { Lambdadef } from './lambdadef-schema.js';
import type { LambdaDepdef } from './lambdadepdef-schema.js';
import type { Svcdef } from './svcdef-schema.js';
import type { Taskdef } from './taskdef-schema.js';

/** A broken rule, pointing at the value (file kind + JSON path) to change. */
export interface RuleFinding {
  kind: DefinitionKind;
  path: JsonPath;
  /** Completes "<path>: …", or stands alone when the path is empty. */
  message: string;
  hint?: string;
}

export interface Rule<Input> {
  name: string;
  /** The optional files the rule reads: it is skipped when one of them failed validation (its findings would be noise). */
  reads: readonly DefinitionKind[];
  check(input: Input): RuleFinding[];
}

/** A valid svcdef, and the unit's other ECS files when present and valid. */
export interface EcsRuleInput {
  svcdef: Svcdef;
  taskdef?: Taskdef;
  depdef?: EcsDepdef;
}

/** A valid lambdadef, and the unit's other Lambda files when present and valid. */
export interface LambdaRuleInput {
  lambdadef: Lambdadef;
  depdef?: LambdaDepdef;
  eventSources?: EventSources;
}

/** A finding; `hint` is left out rather than undefined (exactOptionalPropertyTypes). */
export function finding(kind: DefinitionKind, path: JsonPath, message: string, hint?: string): RuleFinding {
  return hint === undefined ? { kind, path, message } : { kind, path, message, hint };
}
