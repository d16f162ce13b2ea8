import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ecsDepdefSchema, resolveEcsSettings, type EcsDeploymentSettings } from './depdef-schema.js';
import { parseDefinition } from './describe-issue.js';
import { describeLegacyKeys, legacyKeysIn } from './legacy-keys.js';
import { lambdaDepdefSchema, resolveLambdaSettings, type LambdaDeploymentSettings } from './lambdadepdef-schema.js';

const blue = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web-blue/1111111111111111';
const green = 'arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/web-green/2222222222222222';

function ecs(value: unknown): EcsDeploymentSettings {
  const result = parseDefinition(ecsDepdefSchema, value);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return resolveEcsSettings(result.data);
}

function lambda(value: unknown): LambdaDeploymentSettings {
  const result = parseDefinition(lambdaDepdefSchema, value);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return resolveLambdaSettings(result.data);
}

const notes = (kind: 'depdef' | 'lambdadepdef', value: unknown) => legacyKeysIn({ path: 'x', kind, value }).map((u) => `${u.key} → ${u.modern}`);

/** Each older key: the depdef written with it, what it resolves to, and the note plan prints. */
const ecsCases: [string, unknown, Partial<EcsDeploymentSettings>, string[]][] = [
  [
    'alarms.enable false: nothing watched',
    { alarms: { alarmNames: ['web-5xx'], enable: false } },
    { alarmNames: [] },
    ['alarms.enable → remove alarms (no alarmNames: nothing watched)'],
  ],
  [
    'alarms.enable true: the names watched',
    { alarms: { alarmNames: ['web-5xx'], enable: true } },
    { alarmNames: ['web-5xx'] },
    ['alarms.enable → remove it (alarmNames alone turns the watch on)'],
  ],
  [
    'alarms.rollback false: alarm failures not restored',
    { alarms: { alarmNames: ['a'], rollback: false } },
    { alarmNames: ['a'], alarmsRollback: false, rollback: true },
    ['alarms.rollback → no modern spelling: kept as the alarm-only rollback switch'],
  ],
  [
    'breaker pollInterval/timeout feed the stability check',
    { gmDeploymentCircuitBreaker: { rollback: true, failureThreshold: 5, pollInterval: 20, timeout: 150 } },
    { stabilityCheck: { pollInterval: 20, timeout: 150 }, circuitBreaker: { failureThreshold: 5, rollback: true } },
    ['gmDeploymentCircuitBreaker.pollInterval → stabilityCheck.pollInterval', 'gmDeploymentCircuitBreaker.timeout → stabilityCheck.timeout'],
  ],
  [
    'stabilityCheck wins over the breaker spelling',
    { stabilityCheck: { timeout: 400 }, gmDeploymentCircuitBreaker: { pollInterval: 20, timeout: 150 } },
    { stabilityCheck: { pollInterval: 20, timeout: 400 }, circuitBreaker: { failureThreshold: 5, rollback: true } },
    ['gmDeploymentCircuitBreaker.pollInterval → stabilityCheck.pollInterval', 'gmDeploymentCircuitBreaker.timeout → stabilityCheck.timeout'],
  ],
  [
    'preShiftStabilityCheck is the stability check',
    { trafficShiftingConfig: { type: 'LINEAR', percent: 25, waitInterval: 30, preShiftStabilityCheck: { pollInterval: 15, timeout: 120 } } },
    { trafficShiftingConfig: { type: 'LINEAR', percent: 25, waitInterval: 30 }, stabilityCheck: { pollInterval: 15, timeout: 120 } },
    ['trafficShiftingConfig.preShiftStabilityCheck → stabilityCheck {pollInterval, timeout}'],
  ],
  [
    'trafficShiftingEnabled false: all at once',
    { trafficShiftingEnabled: false },
    { trafficShiftingConfig: { type: 'ALL_AT_ONCE', percent: 20, waitInterval: 60 } },
    ['trafficShiftingEnabled → trafficShiftingConfig.type "ALL_AT_ONCE"'],
  ],
  [
    'targetGroupArns: one pair',
    { targetGroupArns: [blue, green] },
    { targetGroupArnPairs: [[blue, green]] },
    ['targetGroupArns → targetGroupArnPairs [[blue, green]]'],
  ],
  ['initialScale', { initialScale: 45 }, { initialScale: 45 }, ['initialScale → no modern spelling (experimental in GitMoxi)']],
  [
    'fallbackCapacityProvider: a one-item strategy',
    { fallbackCapacityProvider: 'FARGATE' },
    { fallbackCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] },
    ['fallbackCapacityProvider → fallbackCapacityProviderStrategy [{"capacityProvider": "FARGATE", "weight": 1}]'],
  ],
  [
    'environmentVariables: the environment',
    { environmentVariables: { region: 'us-east-2', account: '123456789012' } },
    { environment: { region: 'us-east-2', account: '123456789012' } },
    ['environmentVariables → environment'],
  ],
  [
    'both environment spellings, agreeing',
    { environment: { region: 'us-east-2' }, environmentVariables: { region: 'us-east-2', account: '123456789012' } },
    { environment: { region: 'us-east-2', account: '123456789012' } },
    ['environmentVariables → environment'],
  ],
  [
    'webhooks: typed for the notifier, no note',
    {
      webhooks: [{ name: 'slack', urls: ['https://hooks.example.com/services/T/B/x'], payload_template: { text: '{message} at {stage}', blocks: [1, null] } }],
    },
    {
      webhooks: [{ name: 'slack', urls: ['https://hooks.example.com/services/T/B/x'], payload_template: { text: '{message} at {stage}', blocks: [1, null] } }],
    },
    [],
  ],
];

for (const [name, depdef, expected, expectedNotes] of ecsCases) {
  test(`depdef older key: ${name}`, () => {
    assert.equal(ecs(depdef), { ...ecs({}), ...expected });
    assert.equal(notes('depdef', depdef), expectedNotes);
  });
}

test('lambdadepdef older keys: environmentVariables, trafficShiftingEnabled, alarms switches, webhooks', () => {
  const depdef = {
    alias: 'PROD',
    trafficShiftingEnabled: false,
    environmentVariables: { region: 'us-east-1' },
    alarms: { alarmNames: ['errors'], enable: true, rollback: false },
    webhooks: [{ name: 'ops', urls: ['http://hooks.internal/x'] }],
  };
  const settings = lambda(depdef);
  assert.equal(settings.environment, { region: 'us-east-1' });
  assert.equal(settings.trafficShiftingConfig.type, 'ALL_AT_ONCE');
  assert.equal(settings.alarmNames, ['errors']);
  assert.is(settings.alarmsRollback, false);
  assert.equal(settings.webhooks, [{ name: 'ops', urls: ['http://hooks.internal/x'] }]);
  assert.equal(notes('lambdadepdef', depdef), [
    'alarms.enable → remove it (alarmNames alone turns the watch on)',
    'alarms.rollback → no modern spelling: kept as the alarm-only rollback switch',
    'trafficShiftingEnabled → trafficShiftingConfig.type "ALL_AT_ONCE"',
    'environmentVariables → environment',
  ]);
});

test('a modern depdef has no note', () => {
  const depdef = { environment: { region: 'us-east-1' }, targetGroupArnPairs: [[blue, green]], stabilityCheck: { timeout: 300 } };
  assert.equal(notes('depdef', depdef), []);
  assert.is(describeLegacyKeys([]), null);
});

test('one note per unit names every older key and the page that lists them', () => {
  const uses = [
    ...legacyKeysIn({ path: 'svc/web_depdef.json', kind: 'depdef', value: { targetGroupArns: [blue, green], initialScale: 50 } }),
    { file: 'svc/web_input.json', key: 'ref.file as a string', modern: '"file": ["infra/out.json"]' },
  ];
  assert.is(
    describeLegacyKeys(uses),
    'note: older GitMoxi keys, accepted as they are (docs/legacy-keys.md): svc/web_depdef.json: targetGroupArns → targetGroupArnPairs [[blue, green]]; ' +
      'svc/web_depdef.json: initialScale → no modern spelling (experimental in GitMoxi); svc/web_input.json: ref.file as a string → "file": ["infra/out.json"]',
  );
});

test.run();
