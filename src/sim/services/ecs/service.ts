/** The simulated Amazon ECS: awsJson1_1 under the `AmazonEC2ContainerServiceV20141113` target prefix. */
import type { ServiceModule } from '../../types.js';
import { ecsOperations } from './handlers.js';
import { EcsModel } from './model.js';

export const ecsService: ServiceModule = {
  name: 'ecs',
  protocols: ['awsJson1_1'],
  targetPrefix: 'AmazonEC2ContainerServiceV20141113',
  signingName: 'ecs',
  operations: ecsOperations,
  readOnly: new Set([
    'DescribeClusters',
    'ListClusters',
    'DescribeTaskDefinition',
    'ListTaskDefinitions',
    'DescribeServices',
    'ListServices',
    'DescribeTaskSets',
    'ListTasks',
    'DescribeTasks',
    'ListTagsForResource',
    'ListServiceDeployments',
    'DescribeServiceDeployments',
  ]),
  createModel: (world, account, region) => new EcsModel(world, account, region),
};
