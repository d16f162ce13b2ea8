import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { redactedMarker } from '../render/redact.js';
import { sensitiveParts } from '../render/sensitive-parts.js';
import { createRedactor, redactOutput } from './redactor.js';

test('sensitiveParts: the names inside an ARN, not its partition, service, Region, account or resource type', () => {
  const arn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tg-s3cr3t-web/0123456789abcdef';
  assert.equal(sensitiveParts(arn), ['targetgroup/tg-s3cr3t-web/0123456789abcdef', 'tg-s3cr3t-web', '0123456789abcdef']);
  assert.equal(sensitiveParts('arn:aws:ecs:us-east-1:123456789012:cluster/clu-s3cr3t-7788'), ['cluster/clu-s3cr3t-7788', 'clu-s3cr3t-7788']);
});

test('sensitiveParts: an image reference gives its tag and digest, not its registry or repository', () => {
  assert.equal(sensitiveParts('registry.example.com/team/webapp:tok-IMGSECRET99-bad'), ['tok-IMGSECRET99-bad']);
  assert.equal(sensitiveParts('localhost:5000/web@sha256:0123456789abcdef'), ['sha256:0123456789abcdef', '0123456789abcdef']);
  assert.equal(sensitiveParts('nginx:latest'), []);
  assert.equal(sensitiveParts('a plain password'), []);
});

test('a registered ARN hides the short name gitmoxi prints for it', () => {
  const redactor = createRedactor();
  redactor.add(['arn:aws:ecs:us-east-1:123456789012:cluster/clu-s3cr3t-7788']);
  assert.is(redactor.text('service web in cluster clu-s3cr3t-7788 (us-east-1)'), `service web in cluster ${redactedMarker} (us-east-1)`);
});

test('each new value is announced once, with its parts, before it is used', () => {
  const seen: string[] = [];
  const redactor = createRedactor((value) => seen.push(value));
  redactor.add(['registry.example.com/web:tok-IMGSECRET99-bad', '']);
  redactor.add(['registry.example.com/web:tok-IMGSECRET99-bad']);
  assert.equal(seen, ['registry.example.com/web:tok-IMGSECRET99-bad', 'tok-IMGSECRET99-bad']);
});

test('value(): strings redacted, a sensitive number becomes the string "(sensitive)", JSON stays valid', () => {
  const redactor = createRedactor();
  redactor.add(['5432', 'clu-s3cr3t-7788']);
  const input = { port: 5432, other: 54, nested: [{ 'clu-s3cr3t-7788': 'at clu-s3cr3t-7788' }] };
  assert.equal(redactor.value(input), { port: redactedMarker, other: 54, nested: [{ [redactedMarker]: `at ${redactedMarker}` }] });
  assert.equal(input.port, 5432, 'the input is not changed');
});

test('redactOutput: a JSON line is redacted as data, other lines as text, untouched lines keep their bytes', () => {
  const redactor = createRedactor();
  redactor.add(['5432', 'pa"ss-word']);
  const chunk = `{"port":5432,"note":"pa\\"ss-word"}\nplain pa"ss-word 5432\n{ "spaced": true }\n`;
  const out = redactOutput(redactor, chunk);
  assert.is(out, `{"port":"${redactedMarker}","note":"${redactedMarker}"}\nplain ${redactedMarker} ${redactedMarker}\n{ "spaced": true }\n`);
  JSON.parse(out.split('\n')[0] ?? '');
});

test('nothing registered: text passes through unchanged', () => {
  assert.is(redactOutput(createRedactor(), 'a\n{"b":1}\n'), 'a\n{"b":1}\n');
});

test.run();
