/**
 * Everything that runs and serves in the replay's world, read back through the real SDK clients: every service of
 * the cluster with its tags, image and task sets, and every listener's forward weights by target group.
 */
import { DescribeClustersCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ListClustersCommand, ListServicesCommand } from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { ecsClient, type Simulator } from './sim-fixture.js';

interface LiveService {
  cluster: string;
  name: string;
  status: string;
  unit: string | undefined;
  desired: number;
  running: number;
  /** Rolling: the service's task definition; blue/green: the PRIMARY task set's. */
  image: string | undefined;
  /** Rolling: deployments; blue/green: task sets that are not draining (a deleted task set drains first). */
  generations: number;
  /** Target groups (by name) that the tasks serving traffic register in. */
  targetGroups: string[];
}

export interface LiveWorld {
  services: LiveService[];
  /** Per listener port, the target groups (by name) it forwards to with a weight above 0. */
  forwards: Record<number, string[]>;
  /** Every resource of the Region that the tagging index knows with a `gitmoxi:unit` tag, whatever its cluster. */
  tagged: { unit: string; arn: string }[];
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

export async function readLiveWorld(sim: Simulator): Promise<LiveWorld> {
  const elb = new ElasticLoadBalancingV2Client({ endpoint: sim.endpoint, region: 'us-east-1', credentials });
  const groups = (await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
  const groupName = new Map(groups.map((g) => [g.TargetGroupArn ?? '', g.TargetGroupName ?? '']));
  const name = (arn: string | undefined) => groupName.get(arn ?? '') ?? arn ?? '';
  const ecs = ecsClient(sim);
  const clusters = (await ecs.send(new DescribeClustersCommand({ clusters: (await ecs.send(new ListClustersCommand({}))).clusterArns ?? [] }))).clusters ?? [];
  const services = (await Promise.all(clusters.map((c) => readServices(sim, c.clusterName ?? '', name)))).flat();
  return { services, forwards: await readForwards(elb, name), tagged: await readTagged(sim) };
}

async function readTagged(sim: Simulator): Promise<{ unit: string; arn: string }[]> {
  const tagging = new ResourceGroupsTaggingAPIClient({ endpoint: sim.endpoint, region: 'us-east-1', credentials });
  const found: { unit: string; arn: string }[] = [];
  let token: string | undefined;
  do {
    const page = await tagging.send(new GetResourcesCommand({ TagFilters: [{ Key: 'gitmoxi:unit' }], ...(token ? { PaginationToken: token } : {}) }));
    for (const resource of page.ResourceTagMappingList ?? []) {
      found.push({ unit: resource.Tags?.find((t) => t.Key === 'gitmoxi:unit')?.Value ?? '', arn: resource.ResourceARN ?? '' });
    }
    token = page.PaginationToken || undefined;
  } while (token);
  return found;
}

async function readServices(sim: Simulator, cluster: string, groupName: (arn: string | undefined) => string): Promise<LiveService[]> {
  const ecs = ecsClient(sim);
  const arns = (await ecs.send(new ListServicesCommand({ cluster }))).serviceArns ?? [];
  if (arns.length === 0) return [];
  const described = (await ecs.send(new DescribeServicesCommand({ cluster, services: arns, include: ['TAGS'] }))).services ?? [];
  const imageOf = async (taskDefinition: string | undefined) =>
    taskDefinition ? (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }))).taskDefinition?.containerDefinitions?.[0]?.image : undefined;
  return Promise.all(
    described.map(async (service) => {
      const external = service.deploymentController?.type === 'EXTERNAL';
      const primary = service.taskSets?.find((ts) => ts.status === 'PRIMARY');
      return {
        cluster,
        name: service.serviceName ?? '',
        status: service.status ?? '',
        unit: service.tags?.find((t) => t.key === 'gitmoxi:unit')?.value,
        desired: service.desiredCount ?? -1,
        running: external ? (primary?.runningCount ?? 0) : (service.runningCount ?? 0),
        image: await imageOf(external ? primary?.taskDefinition : service.taskDefinition),
        generations: external ? (service.taskSets ?? []).filter((ts) => ts.status !== 'DRAINING').length : (service.deployments?.length ?? 0),
        targetGroups: (external ? (primary?.loadBalancers ?? []) : (service.loadBalancers ?? [])).map((lb) => groupName(lb.targetGroupArn)),
      };
    }),
  );
}

async function readForwards(elb: ElasticLoadBalancingV2Client, groupName: (arn: string | undefined) => string): Promise<Record<number, string[]>> {
  const forwards: Record<number, string[]> = {};
  for (const lb of (await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? []) {
    for (const listener of (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }))).Listeners ?? []) {
      const forward = listener.DefaultActions?.find((a) => a.Type === 'forward');
      const weighted = forward?.ForwardConfig?.TargetGroups ?? (forward?.TargetGroupArn ? [{ TargetGroupArn: forward.TargetGroupArn, Weight: 1 }] : []);
      forwards[listener.Port ?? 0] = weighted
        .filter((t) => (t.Weight ?? 1) > 0)
        .map((t) => groupName(t.TargetGroupArn))
        .sort();
    }
  }
  return forwards;
}
