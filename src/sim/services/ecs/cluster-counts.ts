/** The task and service counts DescribeClusters reports. */
import type { ClusterCounts } from './clusters.js';
import type { EcsModel } from './model.js';
import { isPending, isRunning } from './scheduler.js';

export function clusterCounts(model: EcsModel, clusterArn: string): ClusterCounts {
  const tasks = model.tasks.filter((t) => t.clusterArn === clusterArn);
  return {
    runningTasksCount: tasks.filter(isRunning).length,
    pendingTasksCount: tasks.filter(isPending).length,
    activeServicesCount: model.services.filter((s) => s.clusterArn === clusterArn && s.status === 'ACTIVE').length,
  };
}
