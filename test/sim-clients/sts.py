"""STS through boto3 (awsQuery): caller identity, AssumeRole, and the assumed session's identity."""
import json
import shutil
import subprocess
import sys

import boto3
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
sts = boto3.client('sts', endpoint_url=endpoint, region_name='us-east-1')

me = sts.get_caller_identity()
assert me['Account'] == '123456789012', me
assert me['Arn'] == 'arn:aws:iam::123456789012:user/gitmoxi-sim', me

assumed = sts.assume_role(RoleArn='arn:aws:iam::210987654321:role/deployer', RoleSessionName='smoke', DurationSeconds=1800)
credentials = assumed['Credentials']
assert credentials['AccessKeyId'].startswith('ASIA'), credentials
assert assumed['AssumedRoleUser']['Arn'] == 'arn:aws:sts::210987654321:assumed-role/deployer/smoke', assumed

session_sts = boto3.client(
    'sts',
    endpoint_url=endpoint,
    region_name='us-east-1',
    aws_access_key_id=credentials['AccessKeyId'],
    aws_secret_access_key=credentials['SecretAccessKey'],
    aws_session_token=credentials['SessionToken'],
)
who = session_sts.get_caller_identity()
assert who['Arn'] == 'arn:aws:sts::210987654321:assumed-role/deployer/smoke', who
assert who['Account'] == '210987654321', who

try:
    sts.assume_role(RoleArn='arn:aws:iam::bad-account:role/deployer', RoleSessionName='smoke')
    raise AssertionError('assume_role should reject a malformed role ARN')
except ClientError as error:
    assert error.response['Error']['Code'] == 'ValidationError', error.response
    assert error.response['ResponseMetadata']['HTTPStatusCode'] == 400, error.response

if shutil.which('aws'):
    cli = subprocess.run(
        ['aws', '--endpoint-url', endpoint, 'sts', 'get-caller-identity', '--output', 'json'],
        capture_output=True, text=True, check=False,
    )
    assert cli.returncode == 0, cli.stderr
    assert json.loads(cli.stdout)['Account'] == '123456789012', cli.stdout

print('sts: ok')
