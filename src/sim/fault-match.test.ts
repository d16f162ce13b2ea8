import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { faultMatches, functionNameOf, imageMatches, parseTaskDefinitionArn, trafficSubject } from './fault-match.js';

test('task definition ARNs parse into family and revision', () => {
  assert.equal(parseTaskDefinitionArn('arn:aws:ecs:us-east-1:123456789012:task-definition/web-api:12'), { family: 'web-api', revision: 12 });
  assert.is(parseTaskDefinitionArn('arn:aws:ecs:us-east-1:123456789012:cluster/web'), undefined);
});

test('images match exactly or by a trailing-* prefix', () => {
  assert.ok(imageMatches('repo/web:v2', 'repo/web:v2'));
  assert.not.ok(imageMatches('repo/web:v2', 'repo/web:v20'));
  assert.ok(imageMatches('repo/web:*', 'repo/web:v20'));
  assert.not.ok(imageMatches('repo/web:*', 'repo/worker:v1'));
});

test('function ARNs reduce to names', () => {
  assert.is(functionNameOf('arn:aws:lambda:eu-west-1:123456789012:function:api:live'), 'api');
  assert.is(functionNameOf('api'), 'api');
});

test('every given field must match; an empty match matches everything', () => {
  const subject = trafficSubject({
    account: '123456789012',
    region: 'eu-west-1',
    taskDefinitionArns: ['arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3', 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:4'],
    images: ['repo/web:v4'],
  });
  const table: [object, boolean][] = [
    [{}, true],
    [{ family: 'web' }, true],
    [{ family: 'web', revision: 4 }, true],
    [{ family: 'web', revision: 5 }, false],
    [{ family: 'worker' }, false],
    [{ revision: 3 }, true],
    [{ image: 'repo/web:*', family: 'web' }, true],
    [{ image: 'repo/web:v3' }, false],
    [{ region: 'eu-west-1' }, true],
    [{ region: 'us-east-1' }, false],
    [{ functionName: 'api' }, false],
  ];
  for (const [match, expected] of table) assert.is(faultMatches(match, subject), expected, JSON.stringify(match));
  const lambda = trafficSubject({ account: '1', region: 'us-east-1', functionName: 'arn:aws:lambda:us-east-1:1:function:api', version: '7' });
  assert.ok(faultMatches({ functionName: 'api', version: '7' }, lambda));
  assert.not.ok(faultMatches({ functionName: 'api', version: '6' }, lambda));
  assert.not.ok(faultMatches({ family: 'web' }, lambda));
});

test.run();
