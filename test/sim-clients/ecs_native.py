#!/usr/bin/env python3
"""Drives the simulator's ECS deployment controller (BLUE_GREEN, LINEAR) with boto3, whose botocore model
checks every shape of ListServiceDeployments, DescribeServiceDeployments and StopServiceDeployment.

Usage: ecs_native.py ENDPOINT. The services run no tasks (desiredCount 0), so that the stages move on at
once on any clock; a hook that keeps answering IN_PROGRESS holds one deployment for StopServiceDeployment.
"""
import io
import json
import sys
import urllib.request
import zipfile

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1].rstrip('/')
ecs = boto3.client('ecs', endpoint_url=endpoint, region_name='us-east-1')
elbv2 = boto3.client('elbv2', endpoint_url=endpoint, region_name='us-east-1')
lam = boto3.client('lambda', endpoint_url=endpoint, region_name='us-east-1')
NETWORK = {'awsvpcConfiguration': {'subnets': ['subnet-1'], 'securityGroups': ['sg-1']}}


def control(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(endpoint + path, data=data, method=method)
    request.add_header('content-type', 'application/json')
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b'{}')


def weights(rule_arn):
    rule = elbv2.describe_rules(RuleArns=[rule_arn])['Rules'][0]
    groups = rule['Actions'][0]['ForwardConfig']['TargetGroups']
    return {g['TargetGroupArn'].split('/')[-2]: g['Weight'] for g in groups}


lb = elbv2.create_load_balancer(Name='native', Subnets=['subnet-1', 'subnet-2'])['LoadBalancers'][0]
blue = elbv2.create_target_group(Name='native-blue', TargetType='ip', Protocol='HTTP', Port=80, VpcId='vpc-1')['TargetGroups'][0]['TargetGroupArn']
green = elbv2.create_target_group(Name='native-green', TargetType='ip', Protocol='HTTP', Port=80, VpcId='vpc-1')['TargetGroups'][0]['TargetGroupArn']
listener = elbv2.create_listener(LoadBalancerArn=lb['LoadBalancerArn'], Protocol='HTTP', Port=80,
                                 DefaultActions=[{'Type': 'forward', 'TargetGroupArn': blue}])['Listeners'][0]
rule = elbv2.create_rule(ListenerArn=listener['ListenerArn'], Priority=1, Conditions=[{'Field': 'path-pattern', 'Values': ['/*']}],
                         Actions=[{'Type': 'forward', 'TargetGroupArn': blue}])['Rules'][0]['RuleArn']
ecs.create_cluster(clusterName='native')
td = dict(family='native', networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='256', memory='512')
rev1 = ecs.register_task_definition(containerDefinitions=[{'name': 'web', 'image': 'web:1', 'portMappings': [{'containerPort': 80}]}], **td)['taskDefinition']
rev2 = ecs.register_task_definition(containerDefinitions=[{'name': 'web', 'image': 'web:2', 'portMappings': [{'containerPort': 80}]}], **td)['taskDefinition']
advanced = {'alternateTargetGroupArn': green, 'productionListenerRule': rule, 'roleArn': 'arn:aws:iam::123456789012:role/ecs-infra'}
balancers = [{'targetGroupArn': blue, 'containerName': 'web', 'containerPort': 80, 'advancedConfiguration': advanced}]
config = {'strategy': 'BLUE_GREEN', 'bakeTimeInMinutes': 0}

created = ecs.create_service(cluster='native', serviceName='web', taskDefinition=rev1['taskDefinitionArn'], desiredCount=0,
                             launchType='FARGATE', networkConfiguration=NETWORK, loadBalancers=balancers,
                             deploymentConfiguration=config)['service']
assert created['deploymentConfiguration']['strategy'] == 'BLUE_GREEN', created['deploymentConfiguration']
first = ecs.list_service_deployments(cluster='native', service='web')['serviceDeployments']
assert len(first) == 1 and first[0]['status'] == 'SUCCESSFUL', first
assert first[0]['serviceDeploymentArn'].startswith('arn:aws:ecs:us-east-1:123456789012:service-deployment/native/web/'), first

ecs.update_service(cluster='native', service='web', taskDefinition=rev2['taskDefinitionArn'],
                   deploymentConfiguration={'strategy': 'LINEAR', 'bakeTimeInMinutes': 0,
                                            'linearConfiguration': {'stepPercent': 50.0, 'stepBakeTimeInMinutes': 0}})
listed = ecs.list_service_deployments(cluster='native', service='web', status=['SUCCESSFUL'])['serviceDeployments']
assert len(listed) == 2, listed
latest = ecs.describe_service_deployments(serviceDeploymentArns=[listed[0]['serviceDeploymentArn'], 'arn:aws:ecs:us-east-1:123456789012:service-deployment/native/web/nope'])
deployment = latest['serviceDeployments'][0]
assert deployment['status'] == 'SUCCESSFUL' and deployment['lifecycleStage'] == 'CLEAN_UP', deployment
assert deployment['deploymentConfiguration']['linearConfiguration']['stepPercent'] == 50.0, deployment
assert deployment['targetServiceRevision']['requestedProductionTrafficWeight'] == 100.0, deployment
assert len(deployment['sourceServiceRevisions']) == 1, deployment
assert latest['failures'][0]['reason'] == 'MISSING', latest
assert weights(rule) == {'native-blue': 0, 'native-green': 100}, weights(rule)

# A hook that answers IN_PROGRESS holds the next deployment at PRE_SCALE_UP; a ROLLBACK stop ends it.
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, 'w') as archive:
    archive.writestr('index.js', 'exports.handler = async () => ({ hookStatus: "SUCCEEDED" });')
fn = lam.create_function(FunctionName='native-hook', Runtime='nodejs20.x', Handler='index.handler',
                         Role='arn:aws:iam::123456789012:role/hook', Code={'ZipFile': buffer.getvalue()})
control('POST', '/_sim/faults', [{'kind': 'lifecycle-hook', 'functionName': 'native-hook', 'inProgressTimes': 1000}])
hook = {'hookTargetArn': fn['FunctionArn'], 'roleArn': 'arn:aws:iam::123456789012:role/hook', 'lifecycleStages': ['PRE_SCALE_UP']}
ecs.update_service(cluster='native', service='web', taskDefinition=rev1['taskDefinitionArn'],
                   deploymentConfiguration={'strategy': 'BLUE_GREEN', 'bakeTimeInMinutes': 5, 'lifecycleHooks': [hook],
                                            'deploymentCircuitBreaker': {'enable': True, 'rollback': True}})
running = ecs.list_service_deployments(cluster='native', service='web', status=['IN_PROGRESS'])['serviceDeployments']
assert len(running) == 1, running
held = ecs.describe_service_deployments(serviceDeploymentArns=[running[0]['serviceDeploymentArn']])['serviceDeployments'][0]
assert held['lifecycleStage'] == 'PRE_SCALE_UP', held
assert held['lifecycleHookDetails'][0]['status'] == 'IN_PROGRESS', held
# AWS runs the circuit breaker for blue/green deployments too; its threshold is 0.5 x desired count, 3 to 200.
assert held['deploymentCircuitBreaker'] == {'status': 'MONITORING', 'failureCount': 0, 'threshold': 3}, held['deploymentCircuitBreaker']
stopped = ecs.stop_service_deployment(serviceDeploymentArn=held['serviceDeploymentArn'], stopType='ROLLBACK')
assert stopped['serviceDeploymentArn'] == held['serviceDeploymentArn'], stopped
after = ecs.describe_service_deployments(serviceDeploymentArns=[held['serviceDeploymentArn']])['serviceDeployments'][0]
assert after['status'] == 'ROLLBACK_SUCCESSFUL', after
assert 'StopServiceDeployment' in after['rollback']['reason'], after
assert weights(rule)['native-green'] == 100, weights(rule)
try:
    ecs.stop_service_deployment(serviceDeploymentArn=held['serviceDeploymentArn'], stopType='ROLLBACK')
    raise AssertionError('stopping an ended deployment should fail')
except ClientError as error:
    assert error.response['Error']['Code'] == 'ConflictException', error.response
print('ecs_native: ok')
