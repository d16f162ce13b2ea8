import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { alarmGate } from './alarm-gate.js';
import { examineGates, observationGate, type GateFailure } from './gate.js';

test('one observation per look, however many verdicts read it; the first objection wins', async () => {
  let observations = 0;
  const breaker: GateFailure = { kind: 'breaker', failed: 2, threshold: 2 };
  const gate = observationGate(async () => {
    observations += 1;
    return { failed: observations + 1 };
  }, [(seen) => (seen.failed >= 2 ? breaker : null), () => ({ kind: 'unhealthy', reason: 'later verdict', targets: [] })]);
  assert.equal(await gate.examine(), breaker);
  assert.is(observations, 1);
});

test('gates are examined in order and stop at the first objection', async () => {
  const looked: string[] = [];
  const firing = [{ alarmName: 'errors', stateReason: 'Threshold Crossed' }];
  const alarms = alarmGate(
    {
      firingAlarms: async (names) => {
        looked.push(`alarms ${names.join(',')}`);
        return { firing, missing: [] };
      },
    },
    ['errors'],
  );
  const never = {
    examine: async () => {
      looked.push('never');
      return null;
    },
  };
  assert.equal(await examineGates([alarms, never]), { kind: 'alarm', alarms: firing });
  assert.equal(looked, ['alarms errors']);
});

test('an alarm gate with no alarms named reads nothing and never objects', async () => {
  let reads = 0;
  const gate = alarmGate(
    {
      firingAlarms: async () => {
        reads += 1;
        return { firing: [{ alarmName: 'x', stateReason: '' }], missing: [] };
      },
    },
    [],
  );
  assert.is(await gate.examine(), null);
  assert.is(reads, 0);
});

test.run();
