#!/usr/bin/env python3
"""Drives the simulator's ECS API with boto3 (awsJson1_1), as another AWS client would, and checks its answers.

Usage: ecs.py ENDPOINT   (e.g. http://127.0.0.1:4566). Exits non-zero on the first failed check.

Time: on a manual clock the script advances it through /_sim/clock/advance and follows the deployments to
COMPLETED; on a real clock it checks only what holds right after each call, so that it stays quick.
"""
import datetime
import json
import sys
import urllib.request

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1].rstrip('/')
ecs = boto3.client('ecs', endpoint_url=endpoint, region_name='us-east-1')
NETWORK = {'awsvpcConfiguration': {'subnets': ['subnet-1', 'subnet-2'], 'securityGroups': ['sg-1'], 'assignPublicIp': 'DISABLED'}}


def control(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(endpoint + path, data=data, method=method)
    request.add_header('content-type', 'application/json')
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b'{}')


def expect_error(code, call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as error:
        assert error.response['Error']['Code'] == code, error.response
        assert error.response['ResponseMetadata']['HTTPStatusCode'] == 400, error.response
        return error.response['Error']['Message']
    raise AssertionError(f'{call.__name__} should fail with {code}')


def task_definition(image, **extra):
    body = dict(
        family='py-web',
        networkMode='awsvpc',
        requiresCompatibilities=['FARGATE'],
        cpu='256',
        memory='512',
        containerDefinitions=[{'name': 'web', 'image': image, 'portMappings': [{'containerPort': 80}]}],
    )
    body.update(extra)
    return ecs.register_task_definition(**body)['taskDefinition']


def service(name):
    return ecs.describe_services(cluster='py', services=[name])['services'][0]


# Clusters
cluster = ecs.create_cluster(clusterName='py', tags=[{'key': 'team', 'value': 'core'}])['cluster']
assert cluster['clusterArn'] == 'arn:aws:ecs:us-east-1:123456789012:cluster/py', cluster
assert ecs.create_cluster(clusterName='py')['cluster']['clusterArn'] == cluster['clusterArn']
described = ecs.describe_clusters(clusters=['py', 'ghost'], include=['TAGS'])
assert described['clusters'][0]['tags'] == [{'key': 'team', 'value': 'core'}], described
assert described['failures'] == [{'arn': 'arn:aws:ecs:us-east-1:123456789012:cluster/ghost', 'reason': 'MISSING'}], described
assert expect_error('ClusterNotFoundException', ecs.list_services, cluster='ghost') == 'Cluster not found.'
ecs.create_cluster(clusterName='py-staging')
listed = ecs.list_clusters()
assert listed['clusterArns'] == [cluster['clusterArn'], cluster['clusterArn'] + '-staging'], listed
assert 'nextToken' not in listed, listed
pages = [page['clusterArns'] for page in ecs.get_paginator('list_clusters').paginate(PaginationConfig={'PageSize': 1})]
assert pages == [[cluster['clusterArn']], [cluster['clusterArn'] + '-staging']], pages
message = expect_error('InvalidParameterException', ecs.list_clusters, maxResults=101)
assert message == 'maxResults must be between 1 and 100.', message

# Task definitions
rev1 = task_definition('nginx:1.25', tags=[{'key': 'app', 'value': 'web'}])
rev2 = task_definition('nginx:1.26')
assert (rev1['revision'], rev2['revision']) == (1, 2)
assert rev1['containerDefinitions'][0]['essential'] is True, rev1
assert rev1['compatibilities'] == ['EC2', 'FARGATE'], rev1
assert isinstance(rev1['registeredAt'], datetime.datetime), rev1
latest = ecs.describe_task_definition(taskDefinition='py-web', include=['TAGS'])
assert latest['taskDefinition']['revision'] == 2 and latest['tags'] == [], latest
assert ecs.describe_task_definition(taskDefinition='py-web:1', include=['TAGS'])['tags'] == [{'key': 'app', 'value': 'web'}]
message = expect_error('ClientException', ecs.register_task_definition, family='bad', networkMode='bridge',
                       requiresCompatibilities=['FARGATE'], cpu='256', memory='512',
                       containerDefinitions=[{'name': 'x', 'image': 'x'}])
assert message == 'Fargate only supports network mode \u2018awsvpc\u2019.', message
throwaway = task_definition('nginx:old')
ecs.deregister_task_definition(taskDefinition=throwaway['taskDefinitionArn'])
pages = ecs.get_paginator('list_task_definitions').paginate(familyPrefix='py-web', sort='DESC', PaginationConfig={'PageSize': 1})
arns = [arn for page in pages for arn in page['taskDefinitionArns']]
assert [a.rsplit(':', 1)[1] for a in arns] == ['2', '1'], arns
assert ecs.list_task_definitions(status='INACTIVE')['taskDefinitionArns'] == [throwaway['taskDefinitionArn']]

# A rolling service
created = ecs.create_service(cluster='py', serviceName='web', taskDefinition=rev1['taskDefinitionArn'], desiredCount=2,
                             launchType='FARGATE', networkConfiguration=NETWORK,
                             deploymentConfiguration={'deploymentCircuitBreaker': {'enable': True, 'rollback': True}},
                             tags=[{'key': 'gitmoxi:unit', 'value': 'apps/web/web'}])['service']
assert created['serviceArn'] == 'arn:aws:ecs:us-east-1:123456789012:service/py/web', created
assert created['status'] == 'ACTIVE' and isinstance(created['createdAt'], datetime.datetime), created
first = created['deployments'][0]
assert first['status'] == 'PRIMARY' and first['rolloutState'] == 'IN_PROGRESS', first
assert first['id'].startswith('ecs-svc/'), first
assert created['events'][0]['message'].startswith('(service web) has started 2 tasks:'), created['events']
expect_error('InvalidParameterException', ecs.create_service, cluster='py', serviceName='web',
             taskDefinition=rev1['taskDefinitionArn'], launchType='FARGATE', networkConfiguration=NETWORK)
task_arns = ecs.list_tasks(cluster='py', serviceName='web')['taskArns']
tasks = ecs.describe_tasks(cluster='py', tasks=task_arns)['tasks']
assert len(tasks) == 2, tasks
assert all(t['lastStatus'] == 'PROVISIONING' and t['group'] == 'service:web' and t['startedBy'] == first['id'] for t in tasks), tasks
many = [f's{n}' for n in range(11)]
expect_error('InvalidParameterException', ecs.describe_services, cluster='py', services=many)
missing = ecs.describe_services(cluster='py', services=['web', 'ghost'], include=['TAGS'])
assert missing['failures'] == [{'arn': 'arn:aws:ecs:us-east-1:123456789012:service/py/ghost', 'reason': 'MISSING'}], missing
assert missing['services'][0]['tags'] == [{'key': 'gitmoxi:unit', 'value': 'apps/web/web'}], missing

updated = ecs.update_service(cluster='py', service='web', taskDefinition=rev2['taskDefinitionArn'])['service']
assert [d['status'] for d in updated['deployments']] == ['PRIMARY', 'ACTIVE'], updated['deployments']
assert updated['taskDefinition'] == rev2['taskDefinitionArn'], updated

clock = control('GET', '/_sim/clock')
if clock.get('manual'):
    for _ in range(40):
        control('POST', '/_sim/clock/advance', {'ms': 5000})
    done = service('web')
    assert [d['rolloutState'] for d in done['deployments']] == ['COMPLETED'], done['deployments']
    assert done['runningCount'] == 2, done
    assert done['events'][0]['message'] == '(service web) has reached a steady state.', done['events'][:3]

# Tags by ARN
arn = created['serviceArn']
ecs.tag_resource(resourceArn=arn, tags=[{'key': 'gitmoxi:commit', 'value': 'abc123'}])
ecs.untag_resource(resourceArn=arn, tagKeys=['gitmoxi:unit'])
assert ecs.list_tags_for_resource(resourceArn=arn)['tags'] == [{'key': 'gitmoxi:commit', 'value': 'abc123'}]

# An EXTERNAL service with task sets
message = expect_error('InvalidParameterException', ecs.create_service, cluster='py', serviceName='bg',
                       taskDefinition=rev1['taskDefinitionArn'], deploymentController={'type': 'EXTERNAL'})
assert message == 'TaskDefinition must be blank.', message
bg = ecs.create_service(cluster='py', serviceName='bg', desiredCount=3, deploymentController={'type': 'EXTERNAL'})['service']
assert bg['deployments'] == [] and bg.get('taskSets') == [], bg
blue = ecs.create_task_set(cluster='py', service='bg', taskDefinition=rev1['taskDefinitionArn'], launchType='FARGATE',
                           networkConfiguration=NETWORK, scale={'value': 50, 'unit': 'PERCENT'}, externalId='blue')['taskSet']
assert blue['status'] == 'ACTIVE' and blue['computedDesiredCount'] == 2 and blue['stabilityStatus'] == 'STABILIZING', blue
primary = ecs.update_service_primary_task_set(cluster='py', service='bg', primaryTaskSet=blue['taskSetArn'])['taskSet']
assert primary['status'] == 'PRIMARY', primary
assert service('bg')['taskDefinition'] == rev1['taskDefinitionArn']
scaled = ecs.update_task_set(cluster='py', service='bg', taskSet=blue['id'], scale={'value': 100, 'unit': 'PERCENT'})['taskSet']
assert scaled['computedDesiredCount'] == 3, scaled
expect_error('InvalidParameterException', ecs.delete_task_set, cluster='py', service='bg', taskSet=blue['id'])
expect_error('InvalidParameterException', ecs.update_service, cluster='py', service='bg', taskDefinition=rev2['taskDefinitionArn'])
deleted = ecs.delete_task_set(cluster='py', service='bg', taskSet=blue['id'], force=True)['taskSet']
assert deleted['status'] == 'DRAINING', deleted
expect_error('TaskSetNotFoundException', ecs.update_task_set, cluster='py', service='bg', taskSet='ecs-svc/1', scale={'value': 1, 'unit': 'PERCENT'})

# Deleting
expect_error('InvalidParameterException', ecs.delete_service, cluster='py', service='web')
draining = ecs.delete_service(cluster='py', service='web', force=True)['service']
assert draining['status'] == 'DRAINING', draining
expect_error('ServiceNotActiveException', ecs.update_service, cluster='py', service='web', desiredCount=1)
stopped = ecs.list_tasks(cluster='py', serviceName='web', desiredStatus='STOPPED')['taskArns']
assert len(stopped) >= 2, stopped
print('ecs: ok')
