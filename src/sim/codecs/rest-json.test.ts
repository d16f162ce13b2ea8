import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SimError } from '../errors.js';
import type { RestRoute } from '../types.js';
import { decodeRestInput, encodeRestError, encodeRestResult, matchRestRoute } from './rest-json.js';

const routes: RestRoute[] = [
  { method: 'GET', path: '/2015-03-31/functions/', operation: 'ListFunctions', query: { MaxItems: 'MaxItems' } },
  { method: 'POST', path: '/2015-03-31/functions', operation: 'CreateFunction', successStatus: 201 },
  { method: 'GET', path: '/2015-03-31/functions/{FunctionName}', operation: 'GetFunction', query: { Qualifier: 'Qualifier' } },
  { method: 'GET', path: '/2015-03-31/functions/{FunctionName}/aliases/{Name}', operation: 'GetAlias' },
  { method: 'GET', path: '/2015-03-31/functions/{FunctionName}/{Thing}', operation: 'Generic' },
  { method: 'GET', path: '/2015-03-31/functions/{FunctionName}/versions', operation: 'ListVersionsByFunction' },
  { method: 'DELETE', path: '/2015-03-31/functions/{FunctionName}', operation: 'DeleteFunction', successStatus: 204 },
  { method: 'POST', path: '/2015-03-31/functions/{FunctionName}/invocations', operation: 'Invoke', payload: 'Payload' },
  { method: 'GET', path: '/objects/{Key+}', operation: 'GetObject' },
];

test('path templates match labels, ignore trailing slashes and prefer literal segments', () => {
  assert.is(matchRestRoute(routes, 'GET', '/2015-03-31/functions')?.route.operation, 'ListFunctions');
  assert.is(matchRestRoute(routes, 'POST', '/2015-03-31/functions')?.route.operation, 'CreateFunction');
  assert.equal(matchRestRoute(routes, 'GET', '/2015-03-31/functions/my%3Afn/aliases/live')?.labels, {
    FunctionName: 'my:fn',
    Name: 'live',
  });
  assert.is(matchRestRoute(routes, 'GET', '/2015-03-31/functions/web/versions')?.route.operation, 'ListVersionsByFunction');
  assert.is(matchRestRoute(routes, 'GET', '/2015-03-31/functions/web/other')?.route.operation, 'Generic');
  assert.equal(matchRestRoute(routes, 'GET', '/objects/a/b%20c')?.labels, { Key: 'a/b c' });
  assert.is(matchRestRoute(routes, 'PUT', '/2015-03-31/functions/web'), undefined);
  assert.is(matchRestRoute(routes, 'GET', '/2015-03-31/layers'), undefined);
});

test('input merges the JSON body, mapped query parameters and labels', () => {
  const match = matchRestRoute(routes, 'GET', '/2015-03-31/functions/web')!;
  const input = decodeRestInput(match, new URLSearchParams('Qualifier=live&Other=x'), Buffer.from('{"A":1}'));
  assert.equal(input, { A: 1, Qualifier: 'live', FunctionName: 'web' });
});

test('a payload route receives the raw body', () => {
  const match = matchRestRoute(routes, 'POST', '/2015-03-31/functions/web/invocations')!;
  const input = decodeRestInput(match, new URLSearchParams(), Buffer.from('{"ping":true}'));
  assert.is(Buffer.from(input.Payload as Uint8Array).toString(), '{"ping":true}');
  assert.is(input.FunctionName, 'web');
});

test('a malformed body is a SerializationException', () => {
  const match = matchRestRoute(routes, 'POST', '/2015-03-31/functions')!;
  assert.throws(
    () => decodeRestInput(match, new URLSearchParams(), Buffer.from('{oops')),
    (e: unknown) => (e as SimError).code === 'SerializationException',
  );
});

test('results use the success status; 204 answers have no body; Dates become epoch seconds', () => {
  const created = encodeRestResult(routes[1]!, { When: new Date(1500), Name: 'x' }, 'r');
  assert.is(created.status, 201);
  assert.equal(JSON.parse(String(created.body)), { When: 1.5, Name: 'x' });
  const deleted = encodeRestResult(routes[6]!, undefined, 'r');
  assert.is(deleted.status, 204);
  assert.is(deleted.body, '');
});

test('errors carry the code in x-amzn-ErrorType and the message in the body', () => {
  const answer = encodeRestError(new SimError('ResourceNotFoundException', 'Function not found', 404), 'r');
  assert.is(answer.status, 404);
  assert.is(answer.headers['x-amzn-ErrorType'], 'ResourceNotFoundException');
  assert.equal(JSON.parse(String(answer.body)), { Type: 'User', Message: 'Function not found', message: 'Function not found' });
});

test.run();
