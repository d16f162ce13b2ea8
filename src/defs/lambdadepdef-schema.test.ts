import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDefinition } from './describe-issue.js';
import { lambdaDepdefSchema, resolveLambdaSettings, type LambdaDepdef } from './lambdadepdef-schema.js';

function problems(value: unknown): string[] {
  const result = parseDefinition(lambdaDepdefSchema, value);
  return result.ok ? [] : result.issues.map((i) => (i.hint === undefined ? i.message : `${i.message} (${i.hint})`));
}

function parse(value: unknown): LambdaDepdef {
  const result = parseDefinition(lambdaDepdefSchema, value);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.data;
}

const fullExample = {
  alias: 'live',
  environment: { region: 'eu-west-1', account: '123456789012' },
  trafficShiftingConfig: { percent: 10, waitInterval: 120, type: 'CANARY' },
  alarms: { alarmNames: ['orders-errors'] },
  readinessCheck: { waitInterval: 5, maxRetries: 12 },
};

const valid: [string, unknown][] = [
  ['alias only', { alias: 'live' }],
  ['every documented key', fullExample],
  [
    "GitMoxi's traffic shifting switch",
    { alias: 'PROD', trafficShiftingEnabled: true, trafficShiftingConfig: { percent: 50, waitInterval: 60, type: 'CANARY' } },
  ],
  ['zero retries', { alias: 'blue_green-1', readinessCheck: { maxRetries: 0 } }],
  ['alias that starts with a digit', { alias: '2024-release' }],
];

for (const [name, value] of valid) {
  test(`lambdadepdef valid: ${name}`, () => assert.equal(problems(value), []));
}

const invalid: [string, unknown, string[]][] = [
  ['missing alias', {}, ['alias: is required']],
  ['empty alias', { alias: '' }, ['alias: must not be empty']],
  ['$LATEST alias', { alias: '$LATEST' }, ['alias: must not be $LATEST: that is the unpublished code, not an alias gitmoxi can move between versions']],
  ['numeric alias', { alias: '12' }, ["alias: must not be a number: Lambda reads '12' as version 12, not as an alias"]],
  ['alias with a space', { alias: 'my alias' }, ['alias: must be up to 128 letters, digits, hyphens and underscores']],
  ['alias as a number', { alias: 3 }, ['alias: must be a string, got 3']],
  ['percent 0', { alias: 'a', trafficShiftingConfig: { percent: 0 } }, ['trafficShiftingConfig.percent: must be between 1 and 100, got 0']],
  ['percent 101', { alias: 'a', trafficShiftingConfig: { percent: 101 } }, ['trafficShiftingConfig.percent: must be between 1 and 100, got 101']],
  [
    'unknown type',
    { alias: 'a', trafficShiftingConfig: { type: 'LINEARR' } },
    ["trafficShiftingConfig.type: must be one of 'CANARY', 'LINEAR', 'ALL_AT_ONCE', got 'LINEARR' (did you mean 'LINEAR'?)"],
  ],
  ['zero readiness wait', { alias: 'a', readinessCheck: { waitInterval: 0 } }, ['readinessCheck.waitInterval: must be greater than 0, got 0']],
  ['negative retries', { alias: 'a', readinessCheck: { maxRetries: -1 } }, ['readinessCheck.maxRetries: must be at least 0, got -1']],
  ['fractional retries', { alias: 'a', readinessCheck: { maxRetries: 1.5 } }, ['readinessCheck.maxRetries: must be a whole number, got 1.5']],
  [
    'misspelt key',
    { alias: 'a', readinesCheck: {} },
    [
      "readinesCheck: unknown key 'readinesCheck' (did you mean 'readinessCheck'?) (Allowed here: environment, trafficShiftingConfig, alarms, webhooks, alias, readinessCheck; older GitMoxi spellings are listed in docs/legacy-keys.md.)",
    ],
  ],
  [
    'misspelt nested key',
    { alias: 'a', readinessCheck: { maxRetry: 3 } },
    ["readinessCheck.maxRetry: unknown key 'maxRetry' (did you mean 'maxRetries'?) (Allowed here: waitInterval, maxRetries.)"],
  ],
  [
    'readiness wait over an hour',
    { alias: 'a', readinessCheck: { waitInterval: 3601 } },
    ['readinessCheck.waitInterval: must be at most 3600 seconds (1 h), got 3601 (Intervals and timeouts are in seconds: was this written in milliseconds?)'],
  ],
  ['retries over 24', { alias: 'a', readinessCheck: { maxRetries: 1000 } }, ['readinessCheck.maxRetries: must be at most 24, got 1000']],
  [
    'waitInterval over a day',
    { alias: 'a', trafficShiftingConfig: { waitInterval: 1e12 } },
    [
      'trafficShiftingConfig.waitInterval: must be at most 86400 seconds (24 h), got 1000000000000 (Intervals and timeouts are in seconds: was this written in milliseconds?)',
    ],
  ],
  [
    'pre-shift check on Lambda',
    { alias: 'a', trafficShiftingConfig: { preShiftStabilityCheck: { timeout: 10 } } },
    [
      "trafficShiftingConfig.preShiftStabilityCheck: unknown key 'preShiftStabilityCheck' (a Lambda version has no tasks to check before traffic moves; readinessCheck sets how long gitmoxi waits for it to be Active.)",
    ],
  ],
  [
    'environment spellings disagree',
    { alias: 'a', environment: { account: '123456789012' }, environmentVariables: { account: '210987654321' } },
    [
      "environmentVariables.account: is '210987654321' but environment.account is '123456789012': environmentVariables is the older spelling of environment, keep one",
    ],
  ],
  [
    'ECS-only key',
    { alias: 'a', targetGroupArnPairs: [] },
    [
      "targetGroupArnPairs: unknown key 'targetGroupArnPairs' (Allowed here: environment, trafficShiftingConfig, alarms, webhooks, alias, readinessCheck; older GitMoxi spellings are listed in docs/legacy-keys.md.)",
    ],
  ],
  ['misplaced maxRetries', { alias: 'a', maxRetries: 3 }, ['maxRetries: unknown key \'maxRetries\' (maxRetries belongs inside "readinessCheck".)']],
];

for (const [name, value, expected] of invalid) {
  test(`lambdadepdef invalid: ${name}`, () => assert.equal(problems(value), expected));
}

test('resolveLambdaSettings: no lambdadepdef means no alias and every default', () => {
  assert.equal(resolveLambdaSettings(undefined), {
    alias: null,
    environment: {},
    trafficShiftingConfig: { type: 'CANARY', percent: 20, waitInterval: 60 },
    alarmNames: [],
    readinessCheck: { waitInterval: 10, maxRetries: 5 },
    alarmsRollback: true,
    webhooks: [],
  });
});

test('resolveLambdaSettings: every key of a full lambdadepdef', () => {
  assert.equal(resolveLambdaSettings(parse(fullExample)), {
    alias: 'live',
    environment: { region: 'eu-west-1', account: '123456789012' },
    trafficShiftingConfig: { type: 'CANARY', percent: 10, waitInterval: 120 },
    alarmNames: ['orders-errors'],
    readinessCheck: { waitInterval: 5, maxRetries: 12 },
    alarmsRollback: true,
    webhooks: [],
  });
});

test('resolveLambdaSettings: partial sections keep the other defaults; the switch off means all at once', () => {
  const settings = resolveLambdaSettings(parse({ alias: 'a', trafficShiftingEnabled: false, readinessCheck: { maxRetries: 0 } }));
  assert.equal(settings.readinessCheck, { waitInterval: 10, maxRetries: 0 });
  assert.equal(settings.trafficShiftingConfig, { type: 'ALL_AT_ONCE', percent: 20, waitInterval: 60 });
});

test.run();
