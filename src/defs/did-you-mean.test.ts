import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { suggest } from './did-you-mean.js';

const keys = ['percent', 'waitInterval', 'type'];

const cases: [string, string, readonly string[], string | undefined][] = [
  ['one letter dropped', 'waitIntervl', keys, 'waitInterval'],
  ['transposed letters', 'precent', keys, 'percent'],
  ['case only', 'WaitInterval', keys, 'waitInterval'],
  ['short word within 2 edits', 'typo', keys, 'type'],
  ['nothing close', 'rollback', keys, undefined],
  ['long word allows a third of its length', 'serviceNmae', ['serviceName', 'cluster'], 'serviceName'],
  ['too far for a short word', 'abc', ['xyzw'], undefined],
  ['enum value', 'CANARYY', ['CANARY', 'LINEAR', 'ALL_AT_ONCE'], 'CANARY'],
  ['lower-case enum value', 'linear', ['CANARY', 'LINEAR', 'ALL_AT_ONCE'], 'LINEAR'],
  ['no candidates', 'x', [], undefined],
  ['nothing in common', 'X', ['ON', 'OFF'], undefined],
  ['a dropped suffix counts against the longer word', 'maxRetry', ['maxRetries', 'waitInterval'], 'maxRetries'],
];

for (const [name, word, candidates, expected] of cases) {
  test(`suggest: ${name}`, () => {
    assert.is(suggest(word, candidates), expected);
  });
}

test('suggest: a tie in folded distance goes to the candidate with the same case', () => {
  assert.is(suggest('Name', ['NAMe', 'name', 'Name2']), 'name');
  assert.is(suggest('naMe', ['NAME', 'name']), 'name');
});

test('suggest: equal candidates keep their order', () => {
  assert.is(suggest('cat', ['bat', 'hat']), 'bat');
});

test.run();
