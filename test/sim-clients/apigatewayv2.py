#!/usr/bin/env python3
"""API Gateway v2 through boto3 (restJson1, lowerCamel members): an HTTP API, a route, a stage with a variable
that names a Lambda alias, a Lambda proxy integration through it, PATCH updates, paging and the model's errors.

Usage: apigatewayv2.py ENDPOINT. Exits non-zero on the first failed check.
"""
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
api = boto3.client('apigatewayv2', endpoint_url=endpoint, region_name='us-east-1')
FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:hello'


def expect_error(code, status, call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as error:
        assert error.response['Error']['Code'] == code, error.response
        assert error.response['ResponseMetadata']['HTTPStatusCode'] == status, error.response
        return error.response['Error'].get('Message', '')
    raise AssertionError(f'{call.__name__} should fail with {code}')


created = api.create_api(Name='smoke', ProtocolType='HTTP', Tags={'team': 'core'})
api_id = created['ApiId']
assert created['ResponseMetadata']['HTTPStatusCode'] == 201, created
assert created['ApiEndpoint'] == f'https://{api_id}.execute-api.us-east-1.amazonaws.com', created
assert created['RouteSelectionExpression'] == '${request.method} ${request.path}', created
assert api.get_api(ApiId=api_id)['Tags'] == {'team': 'core'}

route = api.create_route(ApiId=api_id, RouteKey='GET /hello')
assert route['AuthorizationType'] == 'NONE' and 'Target' not in route, route
stage = api.create_stage(ApiId=api_id, StageName='prod', StageVariables={'lambdaAlias': 'live'})
assert stage['StageVariables'] == {'lambdaAlias': 'live'}, stage
assert api.get_stage(ApiId=api_id, StageName='prod')['CreatedDate'].year >= 2024

uri = FUNCTION + ':${stageVariables.lambdaAlias}'
integration = api.create_integration(ApiId=api_id, IntegrationType='AWS_PROXY', IntegrationUri=uri, PayloadFormatVersion='2.0')
integration_id = integration['IntegrationId']
assert integration['IntegrationMethod'] == 'POST' and integration['TimeoutInMillis'] == 30000, integration
updated = api.update_route(ApiId=api_id, RouteId=route['RouteId'], Target=f'integrations/{integration_id}')
assert updated['RouteKey'] == 'GET /hello' and updated['Target'] == f'integrations/{integration_id}', updated
assert api.get_route(ApiId=api_id, RouteId=route['RouteId'])['Target'] == f'integrations/{integration_id}'

patched = api.update_integration(ApiId=api_id, IntegrationId=integration_id, IntegrationUri=FUNCTION + ':beta')
assert patched['IntegrationUri'] == FUNCTION + ':beta' and patched['PayloadFormatVersion'] == '2.0', patched
items = api.get_integrations(ApiId=api_id)['Items']
assert [i['IntegrationId'] for i in items] == [integration_id], items

for key in ('POST /a', 'POST /b', 'POST /c'):
    api.create_route(ApiId=api_id, RouteKey=key)
keys = []
for page in api.get_paginator('get_routes').paginate(ApiId=api_id, PaginationConfig={'PageSize': 2}):
    keys.extend(r['RouteKey'] for r in page['Items'])
assert keys == ['GET /hello', 'POST /a', 'POST /b', 'POST /c'], keys

expect_error('NotFoundException', 404, api.get_route, ApiId=api_id, RouteId='missing')
expect_error('NotFoundException', 404, api.get_stage, ApiId=api_id, StageName='dev')
expect_error('ConflictException', 409, api.create_route, ApiId=api_id, RouteKey='GET /hello')
expect_error('BadRequestException', 400, api.create_integration, ApiId=api_id, IntegrationType='AWS_PROXY', IntegrationUri=FUNCTION)
expect_error('BadRequestException', 400, api.create_route, ApiId=api_id, RouteKey='not a route key')

api.delete_integration(ApiId=api_id, IntegrationId=integration_id)
assert api.get_integrations(ApiId=api_id)['Items'] == []
expect_error('NotFoundException', 404, api.get_integration, ApiId=api_id, IntegrationId=integration_id)

print('apigatewayv2: ok')
