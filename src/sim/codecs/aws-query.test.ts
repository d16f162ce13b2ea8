import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { SimError } from '../errors.js';
import { decodeQueryForm, encodeQueryError, encodeQueryForm, encodeQueryResult } from './aws-query.js';

test('lists, nested structures and maps decode from form keys', () => {
  const form =
    'Action=CreateRule&Version=2015-12-01&ListenerArn=arn%3Aaws%3Aelb&Priority=10' +
    '&Conditions.member.1.Field=path-pattern&Conditions.member.1.PathPatternConfig.Values.member.1=%2Fapi%2F*' +
    '&Tags.member.2.Key=b&Tags.member.1.Key=a&Tags.member.1.Value=x+y' +
    '&Attributes.entry.1.key=k1&Attributes.entry.1.value=v1&Flat.1=one&Flat.2=two';
  assert.equal(decodeQueryForm(form), {
    Action: 'CreateRule',
    Version: '2015-12-01',
    ListenerArn: 'arn:aws:elb',
    Priority: '10',
    Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
    Tags: [{ Key: 'a', Value: 'x y' }, { Key: 'b' }],
    Attributes: { k1: 'v1' },
    Flat: ['one', 'two'],
  });
});

test('list indexes sort numerically and an empty list arrives as an empty string', () => {
  const form = `${Array.from({ length: 11 }, (_, i) => `Names.member.${i + 1}=n${i + 1}`).join('&')}&Empty=`;
  const decoded = decodeQueryForm(form);
  assert.equal((decoded.Names as string[])[10], 'n11');
  assert.equal((decoded.Names as string[])[1], 'n2');
  assert.is(decoded.Empty, '');
});

test('encodeQueryForm is the inverse of decodeQueryForm', () => {
  const input = { Name: 'tg', Port: 80, Enabled: true, Tags: [{ Key: 'k', Value: 'v' }], Empty: [] };
  const decoded = decodeQueryForm(encodeQueryForm('CreateTargetGroup', '2015-12-01', input));
  assert.equal(decoded, {
    Action: 'CreateTargetGroup',
    Version: '2015-12-01',
    Name: 'tg',
    Port: '80',
    Enabled: 'true',
    Tags: [{ Key: 'k', Value: 'v' }],
    Empty: '',
  });
});

test('results nest in OpResponse/OpResult with members, ISO dates, booleans and escaping', () => {
  const answer = encodeQueryResult(
    'DescribeThings',
    'http://example.com/doc/2020-01-01/',
    { Things: [{ Name: 'a<b>&"c\'', When: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)), On: false, Skip: undefined }] },
    'req-1',
  );
  assert.is(answer.status, 200);
  assert.is(answer.headers['content-type'], 'text/xml');
  assert.is(
    answer.body,
    '<DescribeThingsResponse xmlns="http://example.com/doc/2020-01-01/"><DescribeThingsResult>' +
      '<Things><member><Name>a&lt;b&gt;&amp;&quot;c&apos;</Name><When>2026-01-02T03:04:05.000Z</When><On>false</On></member></Things>' +
      '</DescribeThingsResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></DescribeThingsResponse>',
  );
});

test('an operation without output has no Result element', () => {
  const answer = encodeQueryResult('DeleteThing', 'ns', undefined, 'r');
  assert.is(answer.body, '<DeleteThingResponse xmlns="ns"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteThingResponse>');
});

test('errors are ErrorResponse documents with Type, Code and Message', () => {
  const answer = encodeQueryError(new SimError('ValidationError', 'bad <value>'), 'ns', 'r', 'ValidationError');
  assert.is(answer.status, 400);
  assert.is(
    answer.body,
    '<ErrorResponse xmlns="ns"><Error><Type>Sender</Type><Code>ValidationError</Code>' +
      '<Message>bad &lt;value&gt;</Message></Error><RequestId>r</RequestId></ErrorResponse>',
  );
  const server = encodeQueryError(new SimError('InternalFailure', 'x', 500), 'ns', 'r');
  assert.match(String(server.body), '<Type>Receiver</Type>');
});

test.run();
