"""ELBv2 through boto3 (awsQuery): a blue/green pair behind an ALB, weighted ModifyListener, rules, targets, tags."""
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
elbv2 = boto3.client('elbv2', endpoint_url=endpoint, region_name='us-east-1')


def expect_error(code, call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as error:
        assert error.response['Error']['Code'] == code, error.response
        assert error.response['ResponseMetadata']['HTTPStatusCode'] == 400, error.response
        return
    raise AssertionError(f'{call.__name__} should fail with {code}')


lb = elbv2.create_load_balancer(Name='smoke', Subnets=['subnet-1', 'subnet-2'], Tags=[{'Key': 'team', 'Value': 'core'}])
lb = lb['LoadBalancers'][0]
lb_arn = lb['LoadBalancerArn']
assert lb_arn.startswith('arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/smoke/'), lb_arn
assert lb['State']['Code'] in ('provisioning', 'active'), lb
assert lb['DNSName'].endswith('.us-east-1.elb.amazonaws.com'), lb

groups = {}
for name in ('smoke-blue', 'smoke-green'):
    created = elbv2.create_target_group(Name=name, TargetType='ip', Protocol='HTTP', Port=80, VpcId='vpc-0abc')
    group = created['TargetGroups'][0]
    assert group['HealthCheckIntervalSeconds'] == 30 and group['HealthyThresholdCount'] == 5, group
    assert group['Matcher'] == {'HttpCode': '200'}, group
    groups[name] = group['TargetGroupArn']
blue, green = groups['smoke-blue'], groups['smoke-green']

lambda_group = elbv2.create_target_group(Name='smoke-fn', TargetType='lambda')['TargetGroups'][0]
assert 'Port' not in lambda_group and lambda_group['HealthCheckEnabled'] is False, lambda_group

listener = elbv2.create_listener(
    LoadBalancerArn=lb_arn, Protocol='HTTP', Port=80, DefaultActions=[{'Type': 'forward', 'TargetGroupArn': blue}],
)['Listeners'][0]
action = listener['DefaultActions'][0]
assert action['TargetGroupArn'] == blue, action
assert action['ForwardConfig']['TargetGroups'] == [{'TargetGroupArn': blue, 'Weight': 1}], action

# Blue/green shift: green joins at weight 0, then takes 25 %, then all of it.
for blue_weight, green_weight in ((100, 0), (75, 25), (0, 100)):
    elbv2.modify_listener(
        ListenerArn=listener['ListenerArn'],
        DefaultActions=[{
            'Type': 'forward',
            'ForwardConfig': {'TargetGroups': [
                {'TargetGroupArn': blue, 'Weight': blue_weight},
                {'TargetGroupArn': green, 'Weight': green_weight},
            ]},
        }],
    )
    described = elbv2.describe_listeners(LoadBalancerArn=lb_arn)['Listeners'][0]['DefaultActions'][0]
    assert 'TargetGroupArn' not in described, described
    weights = {t['TargetGroupArn']: t['Weight'] for t in described['ForwardConfig']['TargetGroups']}
    assert weights == {blue: blue_weight, green: green_weight}, weights

expect_error(
    'ValidationError', elbv2.modify_listener, ListenerArn=listener['ListenerArn'],
    DefaultActions=[{'Type': 'forward', 'ForwardConfig': {'TargetGroups': [
        {'TargetGroupArn': blue, 'Weight': 1000}, {'TargetGroupArn': green, 'Weight': 0}]}}],
)

in_use = elbv2.describe_target_groups(LoadBalancerArn=lb_arn)['TargetGroups']
assert sorted(g['TargetGroupName'] for g in in_use) == ['smoke-blue', 'smoke-green'], in_use
assert all(g['LoadBalancerArns'] == [lb_arn] for g in in_use), in_use

rule = elbv2.create_rule(
    ListenerArn=listener['ListenerArn'], Priority=10,
    Conditions=[{'Field': 'path-pattern', 'Values': ['/api/*']}],
    Actions=[{'Type': 'forward', 'TargetGroupArn': green}],
)['Rules'][0]
assert rule['Priority'] == '10' and rule['IsDefault'] is False, rule
elbv2.modify_rule(RuleArn=rule['RuleArn'], Conditions=[{'Field': 'path-pattern', 'Values': ['/v2/*']}])
rules = elbv2.describe_rules(ListenerArn=listener['ListenerArn'])['Rules']
assert [r['Priority'] for r in rules] == ['10', 'default'], rules
assert rules[0]['Conditions'][0]['Values'] == ['/v2/*'], rules
expect_error(
    'PriorityInUse', elbv2.create_rule, ListenerArn=listener['ListenerArn'], Priority=10,
    Conditions=[{'Field': 'host-header', 'Values': ['a.example.com']}],
    Actions=[{'Type': 'forward', 'TargetGroupArn': blue}],
)

elbv2.register_targets(TargetGroupArn=green, Targets=[{'Id': '10.0.2.4', 'Port': 80}])
health = elbv2.describe_target_health(TargetGroupArn=green)['TargetHealthDescriptions']
assert health[0]['TargetHealth']['State'] == 'initial', health
assert health[0]['TargetHealth']['Reason'] == 'Elb.RegistrationInProgress', health
elbv2.deregister_targets(TargetGroupArn=green, Targets=[{'Id': '10.0.2.4', 'Port': 80}])
health = elbv2.describe_target_health(TargetGroupArn=green)['TargetHealthDescriptions']
assert health[0]['TargetHealth']['State'] == 'draining', health
expect_error('InvalidTarget', elbv2.register_targets, TargetGroupArn=green, Targets=[{'Id': '8.8.8.8'}])

attributes = elbv2.modify_target_group_attributes(
    TargetGroupArn=blue, Attributes=[{'Key': 'deregistration_delay.timeout_seconds', 'Value': '30'}],
)['Attributes']
assert {'Key': 'deregistration_delay.timeout_seconds', 'Value': '30'} in attributes, attributes
described = elbv2.describe_target_group_attributes(TargetGroupArn=blue)['Attributes']
assert {'Key': 'deregistration_delay.timeout_seconds', 'Value': '30'} in described, described

modified = elbv2.modify_target_group(
    TargetGroupArn=green, HealthCheckPath='/health', HealthCheckIntervalSeconds=10, HealthyThresholdCount=3,
)['TargetGroups'][0]
assert (modified['HealthCheckPath'], modified['HealthCheckIntervalSeconds'], modified['HealthyThresholdCount']) == ('/health', 10, 3), modified
assert modified['UnhealthyThresholdCount'] == 2 and modified['Port'] == 80, modified
assert elbv2.describe_target_groups(TargetGroupArns=[green])['TargetGroups'][0] == modified
expect_error('ValidationError', elbv2.modify_target_group, TargetGroupArn=green, HealthCheckIntervalSeconds=5)
expect_error('ValidationError', elbv2.modify_target_group, TargetGroupArn=green, HealthCheckEnabled=False)
expect_error('TargetGroupNotFound', elbv2.modify_target_group, TargetGroupArn=green.rsplit('/', 1)[0] + '/0123456789abcdef')

elbv2.add_tags(ResourceArns=[blue, lb_arn], Tags=[{'Key': 'gitmoxi:unit', 'Value': 'apps/smoke'}])
elbv2.remove_tags(ResourceArns=[lb_arn], TagKeys=['team'])
tags = {d['ResourceArn']: d['Tags'] for d in elbv2.describe_tags(ResourceArns=[blue, lb_arn])['TagDescriptions']}
assert tags == {
    blue: [{'Key': 'gitmoxi:unit', 'Value': 'apps/smoke'}],
    lb_arn: [{'Key': 'gitmoxi:unit', 'Value': 'apps/smoke'}],
}, tags

names = []
for page in elbv2.get_paginator('describe_target_groups').paginate(PaginationConfig={'PageSize': 2}):
    names.extend(g['TargetGroupName'] for g in page['TargetGroups'])
assert names == ['smoke-blue', 'smoke-green', 'smoke-fn'], names

other = elbv2.create_load_balancer(Name='other', Subnets=['subnet-1', 'subnet-2'])['LoadBalancers'][0]
expect_error(
    'TargetGroupAssociationLimit', elbv2.create_listener, LoadBalancerArn=other['LoadBalancerArn'],
    Protocol='HTTP', Port=80, DefaultActions=[{'Type': 'forward', 'TargetGroupArn': blue}],
)
expect_error('LoadBalancerNotFound', elbv2.describe_load_balancers, Names=['missing'])
expect_error('TargetGroupNotFound', elbv2.describe_target_groups, Names=['missing'])

print('elbv2: ok')
