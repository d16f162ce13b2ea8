/**
 * The simulated Resource Groups Tagging API: awsJson1_1 under `ResourceGroupsTaggingAPI_20170126`, GetResources
 * only, answered from the ECS and Lambda models of the same account and region.
 */
import type { ServiceModule } from '../../types.js';
import { getResources } from './get-resources.js';

export const taggingService: ServiceModule = {
  name: 'tagging',
  protocols: ['awsJson1_1'],
  targetPrefix: 'ResourceGroupsTaggingAPI_20170126',
  signingName: 'tagging',
  operations: { GetResources: getResources },
  readOnly: new Set(['GetResources']),
  // Stateless: it reads the other services' models.
  createModel: () => ({ snapshot: () => ({}) }),
};
