/**
 * The files of the replay's units, in the shapes real GitMoxi repositories held them: definitions that read
 * Terraform outputs, older settings keys, target group ARNs written into the files.
 */
import type { FileTree } from './temp-repo.js';

export interface ShopModel {
  service: string;
  image: string;
  desired: number;
}

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const network = { awsvpcConfiguration: { subnets: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'], securityGroups: ['sg-0123abcd'], assignPublicIp: 'DISABLED' } };

function taskdef(family: string, image: string, port: number) {
  return json({
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: family, image, essential: true, portMappings: [{ containerPort: port, protocol: 'tcp' }] }],
  });
}

/** The rolling shop API: its image and target group come from a Terraform output file read with an untyped ref. */
export function shopFiles(shop: ShopModel, targetGroup: string): FileTree {
  return {
    'apps/shop/shop_svcdef.json': json({
      cluster: 'prod',
      serviceName: shop.service,
      desiredCount: shop.desired,
      launchType: 'FARGATE',
      networkConfiguration: network,
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200 },
      loadBalancers: [{ targetGroupArn: '{{ shop_target_group_arn }}', containerName: 'shop', containerPort: 8080 }],
    }),
    'apps/shop/shop_taskdef.json': taskdef('shop', '{{ shop_image }}', 8080),
    // GitMoxi's mid-2024 depdef: the breaker held the stability check's timing, alarms were switched off by flag.
    'apps/shop/shop_depdef.json': json({
      environment: { region: 'us-east-1' },
      gmDeploymentCircuitBreaker: { failureThreshold: 2, pollInterval: 5, timeout: 300 },
      alarms: { enable: false, rollback: true },
    }),
    'apps/shop/shop_input.json': json({ ref: { file: 'infra/shop/terraform_output.json' } }),
    'infra/shop/terraform_output.json': json({
      shop_image: { sensitive: false, type: 'string', value: shop.image },
      shop_target_group_arn: { sensitive: false, type: 'string', value: targetGroup },
    }),
  };
}

/** The blue/green storefront, written with the target group pair's older key and traffic shifting switched off. */
export function frontFiles(service: string, image: string, arns: Record<string, string>): FileTree {
  const [blue, green] = [arns['front-blue'] ?? '', arns['front-green'] ?? ''];
  return {
    'apps/front/front_svcdef.json': json({
      cluster: 'prod',
      serviceName: service,
      desiredCount: 2,
      deploymentController: { type: 'EXTERNAL' },
      launchType: 'FARGATE',
      networkConfiguration: network,
      loadBalancers: [{ targetGroupArn: blue, containerName: 'front', containerPort: 8080 }],
    }),
    'apps/front/front_taskdef.json': taskdef('front', '{{ image }}', 8080),
    'apps/front/front_depdef.json': json({
      environment: { region: 'us-east-1' },
      targetGroupArns: [blue, green],
      trafficShiftingEnabled: false,
      stabilityCheck: { pollInterval: 5, timeout: 300 },
      gmDeploymentCircuitBreaker: { failureThreshold: 2 },
    }),
    'apps/front/front_input.json': json({ image }),
  };
}

/** A rolling unit without a load balancer, settings in the older `environmentVariables` block. */
export function plainFiles(name: string, image: string, depdef: Record<string, unknown> = {}): FileTree {
  return {
    [`apps/${name}/${name}_svcdef.json`]: json({ cluster: 'prod', serviceName: name, desiredCount: 1, launchType: 'FARGATE', networkConfiguration: network }),
    [`apps/${name}/${name}_taskdef.json`]: taskdef(name, '{{ image }}', 8080),
    [`apps/${name}/${name}_depdef.json`]: json({ environmentVariables: { region: 'us-east-1' }, stabilityCheck: { pollInterval: 5, timeout: 300 }, ...depdef }),
    [`apps/${name}/${name}_input.json`]: json({ image }),
  };
}

/** The cart's cluster comes from the platform team's Terraform outputs, as GitMoxi's getting-started does it. */
export function cartFiles(image: string, depdef: Record<string, unknown> = {}): FileTree {
  const files = plainFiles('cart', image, depdef);
  const svcdef = JSON.parse(String(files['apps/cart/cart_svcdef.json'])) as Record<string, unknown>;
  return {
    ...files,
    'apps/cart/cart_svcdef.json': json({ ...svcdef, cluster: '{{ cluster_name }}' }),
    'apps/cart/cart_input.json': json({ ref: { file: ['infra/platform/terraform_output.json'], type: 'TERRAFORM' }, image }),
  };
}

export function platformOutputs(cluster: string): FileTree {
  return { 'infra/platform/terraform_output.json': json({ cluster_name: { sensitive: false, type: 'string', value: cluster } }) };
}
