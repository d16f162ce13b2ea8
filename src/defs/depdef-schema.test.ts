import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  breakerThreshold,
  ecsDepdefSchema,
  effectiveStabilityTimeout,
  resolveEcsSettings,
  type CircuitBreakerSettings,
  type EcsDepdef,
  type EcsDeploymentSettings,
} from './depdef-schema.js';
import { parseDefinition } from './describe-issue.js';

const blue = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web-blue/1111111111111111';
const green = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web-green/2222222222222222';

/** Messages as printed (hint in parentheses), or [] when the value is valid. */
function problems(value: unknown): string[] {
  const result = parseDefinition(ecsDepdefSchema, value);
  return result.ok ? [] : result.issues.map((i) => (i.hint === undefined ? i.message : `${i.message} (${i.hint})`));
}

function parse(value: unknown): EcsDepdef {
  const result = parseDefinition(ecsDepdefSchema, value);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.data;
}

const fullExample = {
  environment: { region: 'us-east-2', account: '123456789012' },
  trafficShiftingConfig: { percent: 25, waitInterval: 45, type: 'LINEAR' },
  targetGroupArnPairs: [[blue, green]],
  alarms: { alarmNames: ['web-5xx', 'web-latency'] },
  deleteNewUponTrafficShiftFailure: false,
  stabilityCheck: { pollInterval: 15, timeout: 240, timeoutPerTask: 40 },
  deleteNewUponFailure: true,
  gmDeploymentCircuitBreaker: { failureThreshold: 4, failureThresholdPercent: 30 },
  fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
};

const valid: [string, unknown][] = [
  ['an empty depdef (all defaults)', {}],
  ['every documented key', fullExample],
  [
    'a rolling depdef',
    {
      stabilityCheck: { timeoutPerTask: 25, timeout: 220 },
      gmDeploymentCircuitBreaker: { rollback: true, failureThresholdPercent: 50 },
      environment: { region: 'us-east-1' },
    },
  ],
  [
    "GitMoxi's older single pair and switch",
    { trafficShiftingEnabled: true, targetGroupArns: [blue, green], trafficShiftingConfig: { type: 'CANARY', percent: 50, waitInterval: 60 } },
  ],
  ['breaker alias of rollback', { gmDeploymentCircuitBreaker: { deleteNewUponFailure: false, rollback: false } }],
  ['an empty fallback list', { fallbackCapacityProviderStrategy: [] }],
  ['fractional seconds', { trafficShiftingConfig: { waitInterval: 0.5 }, stabilityCheck: { pollInterval: 0.25 } }],
  ['percent bounds', { trafficShiftingConfig: { percent: 1 }, gmDeploymentCircuitBreaker: { failureThresholdPercent: 100 } }],
  ['GovCloud region', { environment: { region: 'us-gov-west-1' } }],
  ['a day at most', { trafficShiftingConfig: { waitInterval: 86400 }, stabilityCheck: { pollInterval: 86400, timeout: 86400, timeoutPerTask: 86400 } }],
];

for (const [name, value] of valid) {
  test(`depdef valid: ${name}`, () => assert.equal(problems(value), []));
}

const allowedTopLevel =
  'Allowed here: environment, trafficShiftingConfig, alarms, webhooks, targetGroupArnPairs, stabilityCheck, gmDeploymentCircuitBreaker, deleteNewUponFailure, deleteNewUponTrafficShiftFailure, deleteOldUponSuccess, fallbackCapacityProviderStrategy; older GitMoxi spellings are listed in docs/legacy-keys.md.';

const invalid: [string, unknown, string[]][] = [
  ['percent 0', { trafficShiftingConfig: { percent: 0 } }, ['trafficShiftingConfig.percent: must be between 1 and 100, got 0']],
  ['percent 101', { trafficShiftingConfig: { percent: 101 } }, ['trafficShiftingConfig.percent: must be between 1 and 100, got 101']],
  ['percent 150', { trafficShiftingConfig: { percent: 150 } }, ['trafficShiftingConfig.percent: must be between 1 and 100, got 150']],
  ['negative percent', { trafficShiftingConfig: { percent: -30 } }, ['trafficShiftingConfig.percent: must be between 1 and 100, got -30']],
  ['fractional percent', { trafficShiftingConfig: { percent: 12.5 } }, ['trafficShiftingConfig.percent: must be a whole number, got 12.5']],
  ['percent as a string', { trafficShiftingConfig: { percent: '20' } }, ["trafficShiftingConfig.percent: must be a number, got '20'"]],
  ['zero waitInterval', { trafficShiftingConfig: { waitInterval: 0 } }, ['trafficShiftingConfig.waitInterval: must be greater than 0, got 0']],
  ['negative waitInterval', { trafficShiftingConfig: { waitInterval: -60 } }, ['trafficShiftingConfig.waitInterval: must be greater than 0, got -60']],
  [
    'unknown type',
    { trafficShiftingConfig: { type: 'CANARYY' } },
    ["trafficShiftingConfig.type: must be one of 'CANARY', 'LINEAR', 'ALL_AT_ONCE', got 'CANARYY' (did you mean 'CANARY'?)"],
  ],
  [
    'lower-case type',
    { trafficShiftingConfig: { type: 'linear' } },
    ["trafficShiftingConfig.type: must be one of 'CANARY', 'LINEAR', 'ALL_AT_ONCE', got 'linear' (did you mean 'LINEAR'?)"],
  ],
  [
    'type far from any',
    { trafficShiftingConfig: { type: 'BLUE_GREEN' } },
    ["trafficShiftingConfig.type: must be one of 'CANARY', 'LINEAR', 'ALL_AT_ONCE', got 'BLUE_GREEN'"],
  ],
  [
    'misspelt nested key',
    { trafficShiftingConfig: { waitIntervl: 30 } },
    [
      "trafficShiftingConfig.waitIntervl: unknown key 'waitIntervl' (did you mean 'waitInterval'?) (Allowed here: type, percent, waitInterval; older GitMoxi spellings are listed in docs/legacy-keys.md.)",
    ],
  ],
  [
    'misspelt top-level key',
    { trafficShiftingConfg: {} },
    [`trafficShiftingConfg: unknown key 'trafficShiftingConfg' (did you mean 'trafficShiftingConfig'?) (${allowedTopLevel})`],
  ],
  ['unknown key, nothing close', { blueGreen: true }, [`blueGreen: unknown key 'blueGreen' (${allowedTopLevel})`]],
  [
    "GitMoxi's placeholder sample, never deployed",
    { deploymentConfiguration: {} },
    [
      "deploymentConfiguration: unknown key 'deploymentConfiguration' (GitMoxi's first sample nested the settings here; write trafficShiftingConfig and alarms at the top level of the depdef (deploymentConfiguration belongs in the svcdef, where ECS reads it).)",
    ],
  ],
  [
    'the first breaker sample',
    { gmDeploymentCircuitBreaker: { numberOfTaskFailures: 3 } },
    [
      "gmDeploymentCircuitBreaker.numberOfTaskFailures: unknown key 'numberOfTaskFailures' (the number of failed tasks that trips the breaker is failureThreshold.)",
    ],
  ],
  [
    'waitInterval over a day',
    { trafficShiftingConfig: { waitInterval: 1e12 } },
    [
      'trafficShiftingConfig.waitInterval: must be at most 86400 seconds (24 h), got 1000000000000 (Intervals and timeouts are in seconds: was this written in milliseconds?)',
    ],
  ],
  [
    'stability timeout over a day',
    { stabilityCheck: { timeout: 90000 } },
    ['stabilityCheck.timeout: must be at most 86400 seconds (24 h), got 90000 (Intervals and timeouts are in seconds: was this written in milliseconds?)'],
  ],
  [
    'pollInterval in milliseconds',
    { stabilityCheck: { pollInterval: 30000000 } },
    [
      'stabilityCheck.pollInterval: must be at most 86400 seconds (24 h), got 30000000 (Intervals and timeouts are in seconds: was this written in milliseconds?)',
    ],
  ],
  [
    'timeoutPerTask over a day',
    { stabilityCheck: { timeoutPerTask: 86401 } },
    [
      'stabilityCheck.timeoutPerTask: must be at most 86400 seconds (24 h), got 86401 (Intervals and timeouts are in seconds: was this written in milliseconds?)',
    ],
  ],
  [
    'older breaker timeout over a day',
    { gmDeploymentCircuitBreaker: { timeout: 1e9 } },
    [
      'gmDeploymentCircuitBreaker.timeout: must be at most 86400 seconds (24 h), got 1000000000 (Intervals and timeouts are in seconds: was this written in milliseconds?)',
    ],
  ],
  [
    'negative pre-shift poll',
    { trafficShiftingConfig: { preShiftStabilityCheck: { pollInterval: -30 } } },
    ['trafficShiftingConfig.preShiftStabilityCheck.pollInterval: must be greater than 0, got -30'],
  ],
  ['initialScale 0', { initialScale: 0 }, ['initialScale: must be between 1 and 100, got 0']],
  ['initialScale 150', { initialScale: 150 }, ['initialScale: must be between 1 and 100, got 150']],
  [
    'fallback in both spellings',
    { fallbackCapacityProvider: 'FARGATE', fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] },
    ['fallbackCapacityProvider: is the older spelling of fallbackCapacityProviderStrategy; keep fallbackCapacityProviderStrategy and remove this key'],
  ],
  ['empty fallback provider', { fallbackCapacityProvider: '' }, ['fallbackCapacityProvider: must not be empty']],
  ['alarms.enable not a boolean', { alarms: { enable: 'yes' } }, ["alarms.enable: must be true or false, got 'yes'"]],
  [
    'environment spellings disagree',
    { environment: { region: 'us-east-1' }, environmentVariables: { region: 'us-east-2' } },
    ["environmentVariables.region: is 'us-east-2' but environment.region is 'us-east-1': environmentVariables is the older spelling of environment, keep one"],
  ],
  [
    'bad region in the older spelling',
    { environmentVariables: { region: 'useast1' } },
    ["environmentVariables.region: must be an AWS region such as us-east-1, got 'useast1'"],
  ],
  ['webhook without urls', { webhooks: [{ name: 'slack' }] }, ['webhooks[0].urls: is required']],
  ['webhook with an empty url list', { webhooks: [{ name: 'slack', urls: [] }] }, ['webhooks[0].urls: must not be empty']],
  [
    'webhook url not http (not shown)',
    { webhooks: [{ name: 'slack', urls: ['hooks.example.com/T1/secret'] }] },
    ['webhooks[0].urls[0]: must be an http:// or https:// URL (the value is not shown: webhook URLs carry tokens)'],
  ],
  ['webhooks not a list', { webhooks: { name: 'slack' } }, ['webhooks: must be a list, got an object']],
  [
    'two webhooks of one name',
    {
      webhooks: [
        { name: 'slack', urls: ['https://a.example'] },
        { name: 'slack', urls: ['https://b.example'] },
      ],
    },
    ["webhooks[1].name: repeats the webhook name 'slack': give each webhook its own name"],
  ],
  [
    'webhook misspelt key',
    { webhooks: [{ name: 'slack', urls: ['https://a.example'], payload_templat: {} }] },
    ["webhooks[0].payload_templat: unknown key 'payload_templat' (did you mean 'payload_template'?) (Allowed here: name, urls, payload_template.)"],
  ],
  ['section of the wrong type', { stabilityCheck: [] }, ['stabilityCheck: must be an object, got a list']],
  ['zero pollInterval', { stabilityCheck: { pollInterval: 0 } }, ['stabilityCheck.pollInterval: must be greater than 0, got 0']],
  ['negative timeout', { stabilityCheck: { timeout: -10 } }, ['stabilityCheck.timeout: must be greater than 0, got -10']],
  ['zero timeoutPerTask', { stabilityCheck: { timeoutPerTask: 0 } }, ['stabilityCheck.timeoutPerTask: must be greater than 0, got 0']],
  ['timeout as a string', { stabilityCheck: { timeout: '300' } }, ["stabilityCheck.timeout: must be a number, got '300'"]],
  [
    'zero failureThreshold',
    { gmDeploymentCircuitBreaker: { failureThreshold: 0 } },
    ['gmDeploymentCircuitBreaker.failureThreshold: must be at least 1, got 0'],
  ],
  [
    'fractional failureThreshold',
    { gmDeploymentCircuitBreaker: { failureThreshold: 2.5 } },
    ['gmDeploymentCircuitBreaker.failureThreshold: must be a whole number, got 2.5'],
  ],
  [
    'failureThresholdPercent 0',
    { gmDeploymentCircuitBreaker: { failureThresholdPercent: 0 } },
    ['gmDeploymentCircuitBreaker.failureThresholdPercent: must be between 1 and 100, got 0'],
  ],
  [
    'failureThresholdPercent 101',
    { gmDeploymentCircuitBreaker: { failureThresholdPercent: 101 } },
    ['gmDeploymentCircuitBreaker.failureThresholdPercent: must be between 1 and 100, got 101'],
  ],
  ['rollback as a string', { gmDeploymentCircuitBreaker: { rollback: 'yes' } }, ["gmDeploymentCircuitBreaker.rollback: must be true or false, got 'yes'"]],
  [
    'rollback spellings disagree',
    { deleteNewUponFailure: true, gmDeploymentCircuitBreaker: { rollback: false } },
    ['deleteNewUponFailure: is true but gmDeploymentCircuitBreaker.rollback is false: they are one setting, keep one'],
  ],
  ['pairs not a list', { targetGroupArnPairs: blue }, [`targetGroupArnPairs: must be a list, got '${blue.slice(0, 60)}…'`]],
  ['a pair of one', { targetGroupArnPairs: [[blue]] }, ['targetGroupArnPairs[0]: must have at least 2 items, got 1']],
  ['a pair of three', { targetGroupArnPairs: [[blue, green, 'x']] }, ['targetGroupArnPairs[0]: must have at most 2 items, got 3']],
  [
    'a flat list instead of pairs',
    { targetGroupArnPairs: [blue, green] },
    [`targetGroupArnPairs[0]: must be a list, got '${blue.slice(0, 60)}…'`, `targetGroupArnPairs[1]: must be a list, got '${green.slice(0, 60)}…'`],
  ],
  [
    'a pair of the same target group',
    { targetGroupArnPairs: [[blue, blue]] },
    ['targetGroupArnPairs[0][1]: is the same target group as the first of its pair: blue/green needs two different target groups'],
  ],
  [
    'a target group in two pairs',
    {
      targetGroupArnPairs: [
        [blue, green],
        ['other', green],
      ],
    },
    ['targetGroupArnPairs[1][1]: is already in pair 0: each target group has one partner'],
  ],
  ['an ARN that is not a string', { targetGroupArnPairs: [[1, green]] }, ['targetGroupArnPairs[0][0]: must be a string, got 1']],
  [
    'older and newer pair keys together',
    { targetGroupArns: [blue, green], targetGroupArnPairs: [[blue, green]] },
    ['targetGroupArns: is the older spelling of targetGroupArnPairs; write the pair into targetGroupArnPairs and remove this key'],
  ],
  [
    'switched off yet gradual',
    { trafficShiftingEnabled: false, trafficShiftingConfig: { type: 'LINEAR' } },
    ['trafficShiftingEnabled: false contradicts trafficShiftingConfig.type LINEAR; remove one of them'],
  ],
  ['alarm names not a list', { alarms: { alarmNames: 'web-5xx' } }, ["alarms.alarmNames: must be a list, got 'web-5xx'"]],
  ['empty alarm name', { alarms: { alarmNames: [''] } }, ['alarms.alarmNames[0]: must not be empty']],
  ['misplaced percent', { percent: 20 }, ['percent: unknown key \'percent\' (percent belongs inside "trafficShiftingConfig".)']],
  [
    'breaker percent outside the breaker',
    { failureThresholdPercent: 20 },
    [
      'failureThresholdPercent: unknown key \'failureThresholdPercent\' (failureThresholdPercent belongs inside "gmDeploymentCircuitBreaker", which also turns the breaker on.)',
    ],
  ],
  [
    'fallback item without provider',
    { fallbackCapacityProviderStrategy: [{ weight: 1 }] },
    ['fallbackCapacityProviderStrategy[0].capacityProvider: is required'],
  ],
  [
    'fallback weight out of range',
    { fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: -1 }] },
    ['fallbackCapacityProviderStrategy[0].weight: must be at least 0, got -1'],
  ],
  ['bad region', { environment: { region: 'us-east1' } }, ["environment.region: must be an AWS region such as us-east-1, got 'us-east1'"]],
  ['short account', { environment: { account: '12345' } }, ["environment.account: must be a 12-digit AWS account ID, got '12345'"]],
  ['account as a number', { environment: { account: 123456789012 } }, ['environment.account: must be a string, got 123456789012']],
  ['not an object', [], ['the file must contain an object, got a list']],
];

for (const [name, value, expected] of invalid) {
  test(`depdef invalid: ${name}`, () => assert.equal(problems(value), expected));
}

test('depdef: an old file with many mistakes reports all of them', () => {
  const messages = problems({
    trafficShiftingConfig: { percent: -30, waitInterval: -60, type: 'CANARY', preShiftStabilityCheck: { pollInterval: -30 } },
    gmDeploymentCircuitBreaker: { failureThreshold: -5, pollInterval: -300, timeout: 0 },
  });
  assert.equal(messages.length, 6);
  assert.ok(messages.every((m) => m.startsWith('trafficShiftingConfig.') || m.startsWith('gmDeploymentCircuitBreaker.')));
});

const defaults: EcsDeploymentSettings = {
  environment: {},
  trafficShiftingConfig: { type: 'CANARY', percent: 20, waitInterval: 60 },
  targetGroupArnPairs: [],
  stabilityCheck: { pollInterval: 30, timeout: 300 },
  circuitBreaker: null,
  rollback: true,
  deleteNewUponTrafficShiftFailure: true,
  deleteOldUponSuccess: true,
  alarmNames: [],
  fallbackCapacityProviderStrategy: [],
  initialScale: 100,
  alarmsRollback: true,
  webhooks: [],
};

test('resolveEcsSettings: no depdef gives every default (docs/design.md#settings)', () => {
  assert.equal(resolveEcsSettings(undefined), defaults);
  assert.equal(resolveEcsSettings(parse({})), defaults);
});

test('resolveEcsSettings: every key of a full depdef', () => {
  assert.equal(resolveEcsSettings(parse(fullExample)), {
    environment: { region: 'us-east-2', account: '123456789012' },
    trafficShiftingConfig: { type: 'LINEAR', percent: 25, waitInterval: 45 },
    targetGroupArnPairs: [[blue, green]],
    stabilityCheck: { pollInterval: 15, timeout: 240, timeoutPerTask: 40 },
    circuitBreaker: { failureThreshold: 4, failureThresholdPercent: 30, rollback: true },
    rollback: true,
    deleteNewUponTrafficShiftFailure: false,
    deleteOldUponSuccess: true,
    alarmNames: ['web-5xx', 'web-latency'],
    fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    initialScale: 100,
    alarmsRollback: true,
    webhooks: [],
  });
});

const resolved: [string, unknown, Partial<EcsDeploymentSettings>][] = [
  ['a present breaker is on with defaults', { gmDeploymentCircuitBreaker: {} }, { circuitBreaker: { failureThreshold: 5, rollback: true } }],
  [
    'top-level deleteNewUponFailure switches rollback off',
    { deleteNewUponFailure: false, gmDeploymentCircuitBreaker: {} },
    { rollback: false, circuitBreaker: { failureThreshold: 5, rollback: false } },
  ],
  [
    'breaker alias switches rollback off',
    { gmDeploymentCircuitBreaker: { deleteNewUponFailure: false } },
    { rollback: false, circuitBreaker: { failureThreshold: 5, rollback: false } },
  ],
  ['older single pair', { targetGroupArns: [blue, green] }, { targetGroupArnPairs: [[blue, green]] }],
  ['traffic shifting switched off', { trafficShiftingEnabled: false }, { trafficShiftingConfig: { type: 'ALL_AT_ONCE', percent: 20, waitInterval: 60 } }],
  [
    'partial sections keep the other defaults',
    { trafficShiftingConfig: { percent: 10 }, stabilityCheck: { timeout: 600 } },
    { trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 60 }, stabilityCheck: { pollInterval: 30, timeout: 600 } },
  ],
];

for (const [name, depdef, expected] of resolved) {
  test(`resolveEcsSettings: ${name}`, () => assert.equal(resolveEcsSettings(parse(depdef)), { ...defaults, ...expected }));
}

const timeouts: [number, number | undefined, number, number][] = [
  [300, undefined, 10, 300],
  [300, 60, 10, 600],
  [300, 25, 5, 300],
  [300, 60, 0, 300],
  [220, 25, 9, 225],
];

for (const [timeout, timeoutPerTask, desired, expected] of timeouts) {
  test(`effectiveStabilityTimeout(${timeout}, ${timeoutPerTask ?? '-'}, ×${desired}) = ${expected}`, () => {
    const stabilityCheck = timeoutPerTask === undefined ? { pollInterval: 30, timeout } : { pollInterval: 30, timeout, timeoutPerTask };
    assert.is(effectiveStabilityTimeout({ stabilityCheck }, desired), expected);
  });
}

const thresholds: [number | null, number | undefined, number, number | null][] = [
  [null, undefined, 10, null],
  [5, undefined, 10, 5],
  [5, 30, 10, 3],
  [5, 50, 20, 5],
  [5, 25, 1, 1],
  [5, 10, 0, 1],
  [1, 100, 10, 1],
  [10, 12.5, 8, 1],
  [3, 33, 100, 3],
  [10, 30, 10, 3],
  [10, 70, 10, 7],
];

for (const [failureThreshold, percent, desired, expected] of thresholds) {
  test(`breakerThreshold(${failureThreshold ?? 'off'}, ${percent ?? '-'}%, ×${desired}) = ${expected}`, () => {
    let circuitBreaker: CircuitBreakerSettings | null = null;
    if (failureThreshold !== null) {
      circuitBreaker = percent === undefined ? { failureThreshold, rollback: true } : { failureThreshold, failureThresholdPercent: percent, rollback: true };
    }
    assert.is(breakerThreshold({ circuitBreaker }, desired), expected);
  });
}

test.run();
