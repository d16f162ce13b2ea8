/**
 * LiveReads over the SDK, for `gitmoxi diff` and `status --deep`: ECS DescribeServices and
 * DescribeTaskDefinition; ELBv2 DescribeTargetGroups, DescribeListeners, DescribeRules; Lambda GetFunction,
 * GetAlias, ListAliases, ListEventSourceMappings, GetPolicy and ListTags; ELBv2 DescribeTargetHealth. Reads only.
 */
import { DescribeServicesCommand } from '@aws-sdk/client-ecs';
import type { LiveReads } from '../diff/live-reads.js';
import { isRecord } from '../is-record.js';
import { callAws } from './call-aws.js';
import { regionClients, type AwsConnection } from './clients.js';
import { createRegionPorts } from './region-ports.js';

export function createLiveReads(connection: AwsConnection): LiveReads {
  const ports = createRegionPorts(connection);
  const ecs = () => regionClients(connection).ecs;
  return {
    async service(cluster, serviceName) {
      const out = await callAws('ECS DescribeServices', () => ecs().send(new DescribeServicesCommand({ cluster, services: [serviceName], include: ['TAGS'] })));
      const service = out.services?.find((s) => s.status === 'ACTIVE' || s.status === 'DRAINING');
      if (service?.status !== 'ACTIVE') return null;
      // A plain JSON value (dates become ISO strings), which is what the diff compares.
      const copy: unknown = JSON.parse(JSON.stringify(service));
      return isRecord(copy) ? copy : null;
    },
    async taskDefinition(taskDefinitionArn) {
      const state = await ports.ecs.describeTaskDefinition(taskDefinitionArn);
      return state?.registration ?? null;
    },
    routes: (targetGroupArns) => ports.loadBalancing.forwardingRoutes(targetGroupArns),
    lambdaFunction: (functionName) => ports.lambda.describeFunction(functionName),
    alias: (functionName, alias) => ports.lambda.describeAlias(functionName, alias),
    aliasNames: (functionName) => ports.lambda.aliasesOfVersion(functionName, null),
    eventSourceMappings: (functionName) => ports.lambda.eventSourceMappings(functionName),
    permissions: (functionName, alias) => ports.lambda.permissions(functionName, alias),
    registeredTargets: async (targetGroupArn) =>
      (await ports.loadBalancing.targetHealth(targetGroupArn)).filter((t) => t.state !== 'draining').map((t) => t.targetId),
  };
}
