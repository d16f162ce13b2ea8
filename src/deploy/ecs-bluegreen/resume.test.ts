import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { EcsTaskSetState } from '../ports/ecs-port.js';
import { resumeDecision } from './resume.js';

const set = (id: string, externalId: string) => ({ id, externalId }) as EcsTaskSetState;

const table: [string, Parameters<typeof resumeDecision>[0], string][] = [
  ['nothing left behind', { sides: { fresh: [], stray: [] }, reached: 0, hash: 'h', freshStable: false }, 'none'],
  ['a healthy new side of these definitions, mid-shift', { sides: { fresh: [set('n', 'h')], stray: [] }, reached: 40, hash: 'h', freshStable: true }, 'finish'],
  [
    'a healthy new side of these definitions, no traffic yet',
    { sides: { fresh: [set('n', 'h')], stray: [] }, reached: 0, hash: 'h', freshStable: true },
    'finish',
  ],
  ['a new side of other definitions', { sides: { fresh: [set('n', 'other')], stray: [] }, reached: 40, hash: 'h', freshStable: true }, 'revert'],
  ['a new side that is not healthy', { sides: { fresh: [set('n', 'h')], stray: [] }, reached: 40, hash: 'h', freshStable: false }, 'revert'],
  ['traffic split with no task set behind it', { sides: { fresh: [], stray: [] }, reached: 20, hash: 'h', freshStable: false }, 'revert'],
  ['a stray task set', { sides: { fresh: [set('n', 'h')], stray: [set('x', 'h')] }, reached: 0, hash: 'h', freshStable: true }, 'revert'],
];

for (const [name, input, expected] of table) {
  test(`resumeDecision: ${name} → ${expected}`, () => {
    const decision = resumeDecision(input);
    assert.is(decision.kind, expected);
    if (decision.kind === 'finish') assert.is(decision.reached, input.reached);
    if (decision.kind === 'revert') assert.ok(decision.reason.length > 0);
  });
}

test.run();
