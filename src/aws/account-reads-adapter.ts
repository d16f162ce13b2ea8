/**
 * AccountReads over the SDK: ECS DescribeClusters, ELBv2 DescribeTargetGroups, CloudWatch Logs
 * DescribeLogGroups, IAM GetRole, ECR DescribeImages, CloudWatch DescribeAlarms, Lambda GetAlias,
 * GetFunctionConfiguration and GetLayerVersionByArn, SQS GetQueueUrl. All reads: these are the permissions `gitmoxi verify` adds to a deploy policy.
 */
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, ECRClient } from '@aws-sdk/client-ecr';
import { DescribeTargetGroupsCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetAliasCommand, GetFunctionConfigurationCommand, GetLayerVersionByArnCommand } from '@aws-sdk/client-lambda';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { parseEcrImage, type AccountReads, type ImageFacts, type RoleFacts, type VersionFacts } from '../verify/account-reads.js';
import { callAws, isAwsError } from './call-aws.js';
import { recordOf } from '../is-record.js';
import { regionClients, type AwsConnection } from './clients.js';
import { SharedCredentials } from './shared-credentials.js';

export function createAccountReads(connection: AwsConnection): AccountReads {
  const clients = regionClients(connection);
  const credentials = new SharedCredentials(connection.endpointUrl !== undefined);
  const config = (region: string) => ({
    region,
    maxAttempts: 3,
    extensions: [credentials.extension],
    ...(connection.profile !== undefined ? { profile: connection.profile } : {}),
    ...(connection.endpointUrl !== undefined ? { endpoint: connection.endpointUrl } : {}),
  });
  const iam = new IAMClient(config(connection.region));
  const logs = new CloudWatchLogsClient(config(connection.region));
  const ecr = new Map<string, ECRClient>();
  const ecrIn = (region: string) => {
    const client = ecr.get(region) ?? new ECRClient(config(region));
    ecr.set(region, client);
    return client;
  };
  const sqs = new Map<string, SQSClient>();
  const sqsIn = (region: string) => {
    const client = sqs.get(region) ?? new SQSClient(config(region));
    sqs.set(region, client);
    return client;
  };

  return {
    close() {
      for (const client of [iam, logs, ...ecr.values(), ...sqs.values()]) client.destroy();
    },
    async cluster(name) {
      const out = await callAws('ECS DescribeClusters', () => clients.ecs.send(new DescribeClustersCommand({ clusters: [name] })));
      const cluster = out.clusters?.[0];
      return cluster ? { status: cluster.status ?? 'UNKNOWN', capacityProviders: cluster.capacityProviders ?? [] } : null;
    },
    async targetGroup(targetGroupArn) {
      try {
        const out = await callAws('ELBv2 DescribeTargetGroups', () =>
          clients.elbv2.send(new DescribeTargetGroupsCommand({ TargetGroupArns: [targetGroupArn] })),
        );
        const group = out.TargetGroups?.[0];
        if (!group) return null;
        return { targetType: group.TargetType, protocol: group.Protocol, port: group.Port, loadBalancerArns: group.LoadBalancerArns ?? [] };
      } catch (error) {
        if (isAwsError(error, 'TargetGroupNotFoundException', 'ValidationError')) return null;
        throw error;
      }
    },
    async logGroupExists(name) {
      const out = await callAws('CloudWatch Logs DescribeLogGroups', () => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name })));
      return (out.logGroups ?? []).some((group) => group.logGroupName === name);
    },
    async role(roleArn): Promise<RoleFacts | null> {
      const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
      try {
        const out = await callAws('IAM GetRole', () => iam.send(new GetRoleCommand({ RoleName: roleName })));
        return { trustedServices: trustedServices(out.Role?.AssumeRolePolicyDocument) };
      } catch (error) {
        if (isAwsError(error, 'NoSuchEntityException', 'NoSuchEntity')) return null;
        throw error;
      }
    },
    async image(uri): Promise<ImageFacts> {
      const image = parseEcrImage(uri);
      if (image === null) return 'found';
      const imageId = image.digest !== undefined ? { imageDigest: image.digest } : { imageTag: image.tag ?? 'latest' };
      try {
        await callAws('ECR DescribeImages', () =>
          ecrIn(image.region).send(new DescribeImagesCommand({ registryId: image.registryId, repositoryName: image.repository, imageIds: [imageId] })),
        );
        return 'found';
      } catch (error) {
        if (isAwsError(error, 'ImageNotFoundException')) return 'no-image';
        if (isAwsError(error, 'RepositoryNotFoundException')) return 'no-repository';
        throw error;
      }
    },
    async missingAlarms(alarmNames) {
      if (alarmNames.length === 0) return [];
      const out = await callAws('CloudWatch DescribeAlarms', () =>
        clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [...alarmNames], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] })),
      );
      const found = new Set([...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])].map((alarm) => alarm.AlarmName));
      return alarmNames.filter((name) => !found.has(name));
    },
    async eventSourceExists(eventSourceArn) {
      // arn:aws:sqs:REGION:ACCOUNT:NAME; streams and tables are not read (docs/verify.md).
      const [, , service, region = '', owner = '', name = ''] = eventSourceArn.split(':');
      if (service !== 'sqs') return null;
      try {
        await callAws('SQS GetQueueUrl', () => sqsIn(region).send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: owner })));
        return true;
      } catch (error) {
        if (isAwsError(error, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue')) return false;
        throw error;
      }
    },
    async layerExists(layerVersionArn) {
      try {
        await callAws('Lambda GetLayerVersionByArn', () => clients.lambda.send(new GetLayerVersionByArnCommand({ Arn: layerVersionArn })));
        return true;
      } catch (error) {
        if (isAwsError(error, 'ResourceNotFoundException', 'AccessDeniedException')) return false;
        throw error;
      }
    },
    async aliasVersion(functionName, alias): Promise<VersionFacts | null> {
      try {
        const pointer = await callAws('Lambda GetAlias', () => clients.lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: alias })));
        const version = pointer.FunctionVersion;
        if (version === undefined) return null;
        const config = await callAws('Lambda GetFunctionConfiguration', () =>
          clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName, Qualifier: version })),
        );
        return { version, role: config.Role, deadLetterTarget: config.DeadLetterConfig?.TargetArn };
      } catch (error) {
        if (isAwsError(error, 'ResourceNotFoundException')) return null;
        throw error;
      }
    },
  };
}

/** The service principals an IAM trust policy (URL-encoded JSON, as GetRole returns it) allows to assume the role. */
function trustedServices(document: string | undefined): string[] {
  if (document === undefined) return [];
  let policy: unknown;
  try {
    policy = JSON.parse(decodeURIComponent(document));
  } catch {
    return [];
  }
  const statements = recordOf(policy).Statement;
  const list: unknown[] = Array.isArray(statements) ? statements : [statements];
  return list.flatMap((statement) => {
    if (recordOf(statement).Effect !== 'Allow') return [];
    const service = recordOf(recordOf(statement).Principal).Service;
    const services: unknown[] = Array.isArray(service) ? service : [service];
    return services.filter((name) => typeof name === 'string');
  });
}
