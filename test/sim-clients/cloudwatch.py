"""CloudWatch alarms through boto3: the default protocol (Smithy RPC v2 CBOR in current botocore) and awsQuery."""
import shutil
import subprocess
import sys

import boto3
import botocore.session
from botocore.exceptions import ClientError

endpoint = sys.argv[1]


def client(protocol=None):
    session = botocore.session.get_session()
    if protocol is not None:
        # The loader caches the model it returns, so this switches every client of this session to `protocol`.
        model = session.get_component('data_loader').load_service_model('cloudwatch', 'service-2')
        model['metadata']['protocols'] = [protocol]
        model['metadata']['protocol'] = protocol
    return boto3.Session(botocore_session=session).client('cloudwatch', endpoint_url=endpoint, region_name='us-east-1')


def alarm(name, **extra):
    params = dict(
        AlarmName=name,
        MetricName='HTTPCode_Target_5XX_Count',
        Namespace='AWS/ApplicationELB',
        Statistic='Sum',
        Period=60,
        EvaluationPeriods=2,
        Threshold=5.5,
        ComparisonOperator='GreaterThanOrEqualToThreshold',
        Dimensions=[{'Name': 'LoadBalancer', 'Value': 'app/web/1'}],
    )
    params.update(extra)
    return params


def error_code(call, **params):
    try:
        call(**params)
    except ClientError as error:
        return error.response['Error']['Code']
    raise AssertionError(f'{call.__name__} should have failed')


def exercise(cw, prefix):
    cw.put_metric_alarm(**alarm(f'{prefix}-a', AlarmActions=['arn:aws:sns:us-east-1:123456789012:ops']))
    cw.put_metric_alarm(**alarm(f'{prefix}-b'))
    cw.put_metric_alarm(**alarm(f'{prefix}-c'))
    found = cw.describe_alarms(AlarmNames=[f'{prefix}-a'])['MetricAlarms']
    assert len(found) == 1, found
    first = found[0]
    assert first['StateValue'] == 'INSUFFICIENT_DATA', first
    assert first['Threshold'] == 5.5, first
    assert first['Dimensions'] == [{'Name': 'LoadBalancer', 'Value': 'app/web/1'}], first
    assert first['AlarmActions'] == ['arn:aws:sns:us-east-1:123456789012:ops'], first
    assert first['StateUpdatedTimestamp'].year >= 2020, first

    cw.set_alarm_state(AlarmName=f'{prefix}-b', StateValue='ALARM', StateReason='boto3 test')
    firing = cw.describe_alarms(StateValue='ALARM', AlarmNamePrefix=prefix)['MetricAlarms']
    assert [a['AlarmName'] for a in firing] == [f'{prefix}-b'], firing

    pages = cw.get_paginator('describe_alarms').paginate(AlarmNamePrefix=prefix, PaginationConfig={'PageSize': 2})
    names = [a['AlarmName'] for page in pages for a in page['MetricAlarms']]
    assert names == [f'{prefix}-a', f'{prefix}-b', f'{prefix}-c'], names

    assert error_code(cw.set_alarm_state, AlarmName='missing', StateValue='OK', StateReason='r') == 'ResourceNotFound'
    assert error_code(cw.describe_alarms, StateValue='SOMETIMES') == 'InvalidParameterValue'
    assert error_code(cw.put_metric_alarm, **alarm(f'{prefix}-x', Period=45)) == 'InvalidParameterValue'

    cw.delete_alarms(AlarmNames=[f'{prefix}-a', f'{prefix}-b', f'{prefix}-c'])
    assert cw.describe_alarms(AlarmNamePrefix=prefix)['MetricAlarms'] == []


exercise(client(), 'default')
exercise(client('query'), 'query')
exercise(client('json'), 'json')

if shutil.which('aws'):
    listed = subprocess.run(
        ['aws', '--endpoint-url', endpoint, 'cloudwatch', 'describe-alarms', '--output', 'json'],
        capture_output=True, text=True, check=False,
    )
    assert listed.returncode == 0, listed.stderr
    assert '"MetricAlarms": []' in listed.stdout, listed.stdout

print('cloudwatch: ok')
