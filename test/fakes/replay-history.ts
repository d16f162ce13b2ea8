/**
 * A repository history that goes through what real teams' repositories went through, one situation per commit:
 * older GitMoxi keys, a stray settings file, a unit held back by an invalid sibling and by its own invalid file,
 * a renamed rolling and a renamed blue/green service, a cluster that changes through a Terraform output, a failed
 * deploy that also raised desiredCount, an emptied then deleted svcdef. Every commit says what must run once it is
 * deployed, derived from the same model its files are written from, so the files and the expectations cannot drift
 * apart.
 */
import { scaledClock } from '../../src/clock.js';
import { startSimulator, type Simulator } from '../../src/sim/server.js';
import type { Scenario } from '../../src/sim/types.js';
import type { FileTree } from './temp-repo.js';
import { cartFiles, frontFiles, json, plainFiles, platformOutputs, shopFiles, type ShopModel } from './replay-units.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const group = (name: string) => ({
  name,
  targetType: 'ip' as const,
  protocol: 'HTTP' as const,
  port: 8080,
  healthCheckIntervalSeconds: 5,
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 2,
  deregistrationDelaySeconds: 5,
});

/** One load balancer: port 80 for the blue/green storefront, port 81 for the rolling shop API. */
const replayScenario: Scenario = {
  region: 'us-east-1',
  infrastructure: {
    clusters: [{ name: 'prod' }, { name: 'platform-prod' }],
    targetGroups: ['front-blue', 'front-green', 'shop'].map(group),
    loadBalancers: [
      {
        name: 'edge',
        listeners: [
          { port: 80, targetGroup: 'front-blue' },
          { port: 81, targetGroup: 'shop' },
        ],
      },
    ],
  },
};

/** The image the simulator refuses to start, as a registry without that tag would. */
const brokenImage = 'registry.example/shop:2.0-rc1';

export async function startReplaySimulator(): Promise<Simulator> {
  const sim = await startSimulator({ clock: scaledClock(200), scenario: replayScenario });
  sim.control.addFaults([{ kind: 'task-fails-to-start', match: { image: brokenImage }, reason: 'CannotPullContainerError' }]);
  return sim;
}

/** What one unit runs: its cluster and service, the image of its only container, how many tasks. */
interface Running {
  cluster: string;
  service: string;
  image: string;
  desired: number;
  /** EXTERNAL deployment controller: traffic goes to the PRIMARY task set's target group. */
  blueGreen: boolean;
}

export interface ReplayStep {
  message: string;
  files: FileTree;
  /** The exit code docs/isolation.md and docs/deploy-failures.md give for this deployment. */
  exit: number;
  /** Units reported invalid at this commit, by deploy and by status. */
  invalid: string[];
  /** After the deploy, per unit prefix: the commit's definitions, or what ran before for a held-back unit. */
  runs: Record<string, Running>;
  /** Units whose running resource must be Synced with this commit (every valid unit that did not roll back). */
  synced: string[];
  /** A unit whose deployment failed and rolled back: Synced with the commit before, OutOfSync with this one. */
  rolledBack?: string;
  /** What the deploy's output must say. */
  says: RegExp[];
}

const SHOP = 'apps/shop/shop';
const FRONT = 'apps/front/front';
const CART = 'apps/cart/cart';
const MAILER = 'apps/mailer/mailer';

/** The history, given the simulator's target group ARNs (they appear in the definitions, as in real repositories). */
export function replayHistory(arns: Record<string, string>): ReplayStep[] {
  const shopTg = arns['shop'] ?? '';
  let shop: ShopModel = { service: 'shop', image: 'registry.example/shop:1.0', desired: 2 };
  const rolling = (model: ShopModel): Running => ({ cluster: 'prod', ...model, blueGreen: false });
  const front = (service: string, image: string): Running => ({ cluster: 'prod', service, image, desired: 2, blueGreen: true });
  const plain = (name: string, image: string, cluster = 'prod'): Running => ({ cluster, service: name, image, desired: 1, blueGreen: false });
  const steps: ReplayStep[] = [];
  let runs: Record<string, Running> = {};
  // `runs` lists what a commit changes (null: the unit's service is gone); the rest runs as after the commit before.
  const step = (s: Omit<ReplayStep, 'runs' | 'synced'> & { runs: Record<string, Running | null> }) => {
    runs = Object.fromEntries(Object.entries({ ...runs, ...s.runs }).filter((e): e is [string, Running] => e[1] !== null));
    const held = new Set([...s.invalid, ...(s.rolledBack ? [s.rolledBack] : [])]);
    steps.push({ ...s, runs, synced: Object.keys(runs).filter((unit) => !held.has(unit)) });
  };

  step({
    message: 'Shop API, storefront and cart, in the keys our GitMoxi setup used',
    files: {
      ...shopFiles(shop, shopTg),
      ...frontFiles('front', 'registry.example/front:1.0', arns),
      ...cartFiles('registry.example/cart:1.0'),
      ...platformOutputs('prod'),
      // Settings for a test environment whose svcdef was never written: it must not hold back a first deploy.
      'test/test_depdef.json': json({ environment: { region: 'us-east-1' } }),
    },
    exit: 0,
    invalid: [],
    runs: { [SHOP]: rolling(shop), [FRONT]: front('front', 'registry.example/front:1.0'), [CART]: plain('cart', 'registry.example/cart:1.0') },
    says: [
      /shop_depdef\.json: gmDeploymentCircuitBreaker\.timeout → stabilityCheck\.timeout/,
      /shop_depdef\.json: alarms\.enable → /,
      /shop_input\.json: ref without type \(infra\/shop\/terraform_output\.json read as TERRAFORM/,
      /front_depdef\.json: targetGroupArns → targetGroupArnPairs/,
      /front_depdef\.json: trafficShiftingEnabled → /,
      /cart_depdef\.json: environmentVariables → environment/,
      /warning: test\/test: has settings or inputs but no _svcdef\.json or _lambdadef\.json: not deployable/,
    ],
  });
  step({
    message: 'Storefront 1.1; the stray test settings get a region of their own',
    files: {
      'apps/front/front_input.json': json({ image: 'registry.example/front:1.1' }),
      'test/test_depdef.json': json({ environment: { region: 'eu-west-1' } }),
    },
    exit: 0,
    invalid: [],
    runs: { [FRONT]: front('front', 'registry.example/front:1.1') },
    says: [/warning: test\/test: has settings or inputs but no _svcdef\.json or _lambdadef\.json: not deployable/],
  });
  // The mailer's svcdef has a trailing comma: the cart's image change beside it must still reach AWS.
  const mailer = plainFiles('mailer', 'registry.example/mailer:1.0');
  step({
    message: 'Cart 1.1, and a mailer service',
    files: {
      'apps/cart/cart_input.json': cartFiles('registry.example/cart:1.1')['apps/cart/cart_input.json'] ?? null,
      ...mailer,
      'apps/mailer/mailer_svcdef.json': String(mailer['apps/mailer/mailer_svcdef.json']).replace(/\}\n\}\n$/, '},\n}\n'),
    },
    exit: 2,
    invalid: [MAILER],
    runs: { [CART]: plain('cart', 'registry.example/cart:1.1') },
    says: [/apps\/mailer\/mailer_svcdef\.json:\d+:\d+: invalid JSON/, /^apps\/cart\/cart +deployed/m],
  });
  step({
    message: 'Mailer: remove the trailing comma',
    files: { 'apps/mailer/mailer_svcdef.json': mailer['apps/mailer/mailer_svcdef.json'] ?? null },
    exit: 0,
    invalid: [],
    runs: { [MAILER]: plain('mailer', 'registry.example/mailer:1.0') },
    says: [/^apps\/mailer\/mailer +deployed/m],
  });
  // The cart's own depdef breaks in the commit that bumps its image (a timeout written in milliseconds) ...
  step({
    message: 'Cart 1.2 with a longer stability check',
    files: cartFiles('registry.example/cart:1.2', { stabilityCheck: { pollInterval: 5, timeout: 600000 } }),
    exit: 2,
    invalid: [CART],
    runs: {},
    says: [/apps\/cart\/cart_depdef\.json:\d+:\d+: stabilityCheck\.timeout/, /no unit to deploy/],
  });
  // ... and the fix touches only the depdef: the image it held back deploys now.
  step({
    message: 'Cart: the stability timeout is in seconds',
    files: cartFiles('registry.example/cart:1.2', { stabilityCheck: { pollInterval: 5, timeout: 600 } }),
    exit: 0,
    invalid: [],
    runs: { [CART]: plain('cart', 'registry.example/cart:1.2') },
    says: [/^apps\/cart\/cart +deployed/m],
  });
  // Only the Terraform output changes: the unit's files are the same, its service is a new one in another cluster.
  step({
    message: 'Platform: services move to the platform-prod cluster',
    files: platformOutputs('platform-prod'),
    exit: 0,
    invalid: [],
    runs: { [CART]: plain('cart', 'registry.example/cart:1.2', 'platform-prod') },
    says: [/replacing service cart in cluster prod \(us-east-1\) with service cart in cluster platform-prod/],
  });
  shop = { ...shop, service: 'shop-api' };
  step({
    message: 'Rename the shop service to shop-api',
    files: shopFiles(shop, shopTg),
    exit: 0,
    invalid: [],
    runs: { [SHOP]: rolling(shop) },
    says: [/replacing service shop in cluster prod/],
  });
  step({
    message: 'Rename the storefront service to storefront',
    files: { 'apps/front/front_svcdef.json': String(frontFiles('storefront', '', arns)['apps/front/front_svcdef.json']) },
    exit: 0,
    invalid: [],
    runs: { [FRONT]: front('storefront', 'registry.example/front:1.1') },
    says: [/replacing service front in cluster prod/],
  });
  step({
    message: 'Shop API 2.0 release candidate, four tasks for the sale',
    files: shopFiles({ ...shop, image: brokenImage, desired: 4 }, shopTg),
    exit: 1,
    invalid: [],
    runs: {},
    rolledBack: SHOP,
    says: [/^apps\/shop\/shop +rolled back/m],
  });
  shop = { ...shop, image: 'registry.example/shop:2.0', desired: 3 };
  step({
    message: 'Shop API 2.0, three tasks',
    files: shopFiles(shop, shopTg),
    exit: 0,
    invalid: [],
    runs: { [SHOP]: rolling(shop) },
    says: [/^apps\/shop\/shop +deployed/m],
  });
  step({
    message: 'Mailer: empty the svcdef before removing the service',
    files: { 'apps/mailer/mailer_svcdef.json': '' },
    exit: 2,
    invalid: [MAILER],
    runs: {},
    says: [/apps\/mailer\/mailer_svcdef\.json: file is empty/, /no unit to deploy/],
  });
  step({
    message: 'Remove the mailer',
    files: Object.fromEntries(Object.keys(mailer).map((path) => [path, null])),
    exit: 0,
    invalid: [],
    runs: { [MAILER]: null },
    says: [/^apps\/mailer\/mailer +deleted/m],
  });
  return steps;
}
