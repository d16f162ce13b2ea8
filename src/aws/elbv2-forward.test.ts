import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { forwardWeightsOf, stickinessSecondsOf, withForwardWeights } from './elbv2-forward.js';

const plainForward: Action = {
  Type: 'forward',
  TargetGroupArn: 'blue',
  ForwardConfig: { TargetGroups: [{ TargetGroupArn: 'blue', Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } },
};
const plain: Action[] = [plainForward];

test('forwardWeightsOf: ForwardConfig tuples, or a bare TargetGroupArn at weight 1; nothing without a forward', () => {
  assert.equal(forwardWeightsOf(plain), [{ targetGroupArn: 'blue', weight: 1 }]);
  assert.equal(forwardWeightsOf([{ Type: 'forward', TargetGroupArn: 'blue' }]), [{ targetGroupArn: 'blue', weight: 1 }]);
  assert.equal(forwardWeightsOf([{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }]), []);
});

test('withForwardWeights: a plain forward becomes a weighted ForwardConfig, without TargetGroupArn, stickiness kept', () => {
  const sticky: Action[] = [
    { ...plainForward, ForwardConfig: { ...plainForward.ForwardConfig, TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 } } },
  ];
  const [forward] = withForwardWeights(sticky, [
    { targetGroupArn: 'blue', weight: 80 },
    { targetGroupArn: 'green', weight: 20 },
  ]);
  assert.equal(forward, {
    Type: 'forward',
    ForwardConfig: {
      TargetGroups: [
        { TargetGroupArn: 'blue', Weight: 80 },
        { TargetGroupArn: 'green', Weight: 20 },
      ],
      TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 },
    },
  });
  assert.is(stickinessSecondsOf(sticky), 60);
  assert.is(stickinessSecondsOf(plain), undefined);
});

test('withForwardWeights: the other actions stay as they are, in order; an OIDC action keeps its secret', () => {
  const actions: Action[] = [
    {
      Type: 'authenticate-oidc',
      Order: 1,
      AuthenticateOidcConfig: { Issuer: 'i', AuthorizationEndpoint: 'a', TokenEndpoint: 't', UserInfoEndpoint: 'u', ClientId: 'c' },
    },
    { ...plainForward, Order: 2 },
  ];
  const result = withForwardWeights(actions, [
    { targetGroupArn: 'blue', weight: 100 },
    { targetGroupArn: 'green', weight: 0 },
  ]);
  assert.equal(result[0], { ...actions[0], AuthenticateOidcConfig: { ...actions[0]?.AuthenticateOidcConfig, UseExistingClientSecret: true } });
  assert.is(result[1]?.Order, 2);
  assert.throws(() => withForwardWeights([{ Type: 'redirect' }], []), /no forward action/);
});

test.run();
