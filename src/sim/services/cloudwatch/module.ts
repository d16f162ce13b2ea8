import type { ServiceModule } from '../../types.js';
import { cloudWatchQueryErrorCodes } from './errors.js';
import { deleteAlarms, describeAlarms, putMetricAlarm, setAlarmState } from './handlers.js';
import { CloudWatchModel } from './model.js';

/**
 * CloudWatch alarms. The SDK v3 client sends awsJson1_0; the service also accepts awsQuery (older clients)
 * and Smithy RPC v2 CBOR (what botocore, so boto3 and the AWS CLI, sends today).
 */
export const cloudwatchModule: ServiceModule = {
  name: 'cloudwatch',
  protocols: ['awsJson1_0', 'awsQuery', 'smithyRpcV2Cbor'],
  targetPrefix: 'GraniteServiceVersion20100801',
  xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
  signingName: 'monitoring',
  awsQueryErrorCodes: cloudWatchQueryErrorCodes,
  operations: {
    PutMetricAlarm: putMetricAlarm,
    DescribeAlarms: describeAlarms,
    DeleteAlarms: deleteAlarms,
    SetAlarmState: setAlarmState,
  },
  readOnly: new Set(['DescribeAlarms']),
  createModel: (world, account, region) => new CloudWatchModel(world.clock, account, region),
};
