/**
 * The simulated Elastic Load Balancing v2 service (API version 2015-12-01), spoken in awsQuery: form-encoded
 * requests with `Action=...`, XML answers in the 2015-12-01 namespace, signed as `elasticloadbalancing`.
 */
import type { ServiceModule } from '../../types.js';
import {
  addTagsHandler,
  createListenerHandler,
  createLoadBalancerHandler,
  createRuleHandler,
  describeListenersHandler,
  describeLoadBalancersHandler,
  describeRulesHandler,
  describeTagsHandler,
  modifyListenerHandler,
  modifyRuleHandler,
  removeTagsHandler,
} from './handlers.js';
import { Elbv2Model } from './model.js';
import {
  createTargetGroupHandler,
  deregisterTargetsHandler,
  describeTargetGroupAttributesHandler,
  describeTargetGroupsHandler,
  describeTargetHealthHandler,
  modifyTargetGroupAttributesHandler,
  modifyTargetGroupHandler,
  registerTargetsHandler,
} from './target-handlers.js';

export const elbv2Service: ServiceModule = {
  name: 'elbv2',
  protocols: ['awsQuery'],
  xmlNamespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  signingName: 'elasticloadbalancing',
  operations: {
    CreateLoadBalancer: createLoadBalancerHandler,
    DescribeLoadBalancers: describeLoadBalancersHandler,
    CreateTargetGroup: createTargetGroupHandler,
    DescribeTargetGroups: describeTargetGroupsHandler,
    DescribeTargetGroupAttributes: describeTargetGroupAttributesHandler,
    ModifyTargetGroup: modifyTargetGroupHandler,
    ModifyTargetGroupAttributes: modifyTargetGroupAttributesHandler,
    CreateListener: createListenerHandler,
    DescribeListeners: describeListenersHandler,
    ModifyListener: modifyListenerHandler,
    CreateRule: createRuleHandler,
    DescribeRules: describeRulesHandler,
    ModifyRule: modifyRuleHandler,
    RegisterTargets: registerTargetsHandler,
    DeregisterTargets: deregisterTargetsHandler,
    DescribeTargetHealth: describeTargetHealthHandler,
    AddTags: addTagsHandler,
    DescribeTags: describeTagsHandler,
    RemoveTags: removeTagsHandler,
  },
  readOnly: new Set([
    'DescribeLoadBalancers',
    'DescribeTargetGroups',
    'DescribeTargetGroupAttributes',
    'DescribeListeners',
    'DescribeRules',
    'DescribeTargetHealth',
    'DescribeTags',
  ]),
  createModel: (world, account, region) => new Elbv2Model(world, account, region),
};
