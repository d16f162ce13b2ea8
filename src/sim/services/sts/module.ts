import type { ServiceModule } from '../../types.js';
import { assumeRole, getCallerIdentity } from './handlers.js';
import { StsModel } from './model.js';

/** AWS STS over awsQuery, as every SDK sends it. */
export const stsModule: ServiceModule = {
  name: 'sts',
  protocols: ['awsQuery'],
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  signingName: 'sts',
  operations: {
    GetCallerIdentity: getCallerIdentity,
    AssumeRole: assumeRole,
  },
  readOnly: new Set(['GetCallerIdentity']),
  createModel: () => new StsModel(),
};
