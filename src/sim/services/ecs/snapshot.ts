/** The model's state for /_sim/state and test assertions: SDK-shaped, dates as ISO strings. */
import { toClusterOutput } from './clusters.js';
import type { EcsModel } from './model.js';
import { toServiceOutput } from './outputs.js';
import { toTaskDefinitionOutput } from './task-definitions.js';
import { toTaskOutput } from './tasks.js';
import { clusterCounts } from './cluster-counts.js';

export function snapshotState(model: EcsModel): unknown {
  const state = {
    clusters: model.clusters.all().map((c) => toClusterOutput(c, clusterCounts(model, c.arn), ['TAGS', 'SETTINGS'])),
    services: model.services.map((s) => toServiceOutput(s, true)),
    tasks: model.tasks.map((t) => toTaskOutput(t, true)),
    taskDefinitions: model.taskDefinitions.all().map((r) => ({ ...toTaskDefinitionOutput(r), tags: r.tags })),
  };
  return JSON.parse(JSON.stringify(state));
}
