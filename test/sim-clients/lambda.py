#!/usr/bin/env python3
"""Drives the simulator's Lambda API with boto3, as another AWS client would, and checks its answers.

Usage: lambda.py ENDPOINT   (e.g. http://127.0.0.1:4566). Exits non-zero on the first failed check.

Time: on a manual clock the script advances it through /_sim/clock/advance; on a real or scaled clock it
polls, as a deployer would.
"""
import base64
import hashlib
import io
import json
import sys
import time
import urllib.request
import uuid
import zipfile

import boto3
from botocore.config import Config

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/lambda-exec"


def make_zip(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.js", body)
    return buffer.getvalue()


class Clock:
    """Moves simulated time: advances a manual clock, otherwise sleeps (scaled clocks run faster)."""

    def __init__(self, endpoint: str):
        self.endpoint = endpoint.rstrip("/")
        state = self._call("GET", "/_sim/clock")
        self.manual = bool(state.get("manual"))
        self.scale = float(state.get("scale") or 1)

    def _call(self, method: str, path: str, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint + path, data=data, method=method)
        request.add_header("content-type", "application/json")
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b"{}")

    def pass_time(self, ms: int):
        if self.manual:
            self._call("POST", "/_sim/clock/advance", {"ms": ms})
        else:
            time.sleep(ms / 1000 / self.scale)


def wait_for(clock: Clock, read, expected, what: str, step_ms: int = 1000, limit_ms: int = 120_000):
    waited = 0
    while True:
        value = read()
        if value == expected:
            return
        if waited >= limit_ms:
            raise AssertionError(f"{what}: still {value!r} after {waited} ms, expected {expected!r}")
        clock.pass_time(step_ms)
        waited += step_ms


def expect_error(code: str, call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except Exception as error:  # botocore.exceptions.ClientError
        actual = getattr(error, "response", {}).get("Error", {}).get("Code")
        if actual != code:
            raise AssertionError(f"expected {code}, got {actual}: {error}") from error
        return error.response["Error"].get("Message", "")
    raise AssertionError(f"expected {code}, the call succeeded")


def check(condition: bool, message: str):
    if not condition:
        raise AssertionError(message)


def main(endpoint: str) -> int:
    clock = Clock(endpoint)
    client = boto3.client(
        "lambda",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="AKIDSIMULATOR",
        aws_secret_access_key="secret",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )
    name = f"boto-{uuid.uuid4().hex[:8]}"
    config = lambda qualifier=None: client.get_function_configuration(
        FunctionName=name, **({"Qualifier": qualifier} if qualifier else {})
    )

    # Create: Pending, then Active; the hash is base64(sha256(zip)).
    package = make_zip("exports.handler = async () => 'v1';")
    created = client.create_function(
        FunctionName=name, Runtime="nodejs20.x", Handler="index.handler", Role=ROLE,
        Code={"ZipFile": package}, Tags={"team": "boto"},
    )
    check(created["State"] == "Pending", f"new function state {created['State']}")
    check(created["CodeSha256"] == base64.b64encode(hashlib.sha256(package).digest()).decode(), "CodeSha256")
    check(created["CodeSize"] == len(package), "CodeSize")
    wait_for(clock, lambda: config()["State"], "Active", "function state")
    check(config()["LastUpdateStatus"] == "Successful", "LastUpdateStatus after creation")

    # Publish version 1 and point an alias at it.
    v1 = client.publish_version(FunctionName=name)
    check(v1["Version"] == "1", f"first version {v1['Version']}")
    wait_for(clock, lambda: config("1")["State"], "Active", "version 1 state")
    client.create_alias(FunctionName=name, Name="live", FunctionVersion="1")

    # Update code: InProgress; a second update conflicts until it finishes.
    updated = client.update_function_code(FunctionName=name, ZipFile=make_zip("exports.handler = async () => 'v2';"))
    check(updated["LastUpdateStatus"] == "InProgress", "LastUpdateStatus during update")
    message = expect_error("ResourceConflictException", client.update_function_configuration, FunctionName=name, Timeout=10)
    check("An update is in progress for resource" in message, f"conflict message: {message}")
    expect_error("ResourceConflictException", client.publish_version, FunctionName=name)
    wait_for(clock, lambda: config()["LastUpdateStatus"], "Successful", "update status")
    v2 = client.publish_version(FunctionName=name)
    check(v2["Version"] == "2", f"second version {v2['Version']}")
    check(client.publish_version(FunctionName=name)["Version"] == "2", "unchanged publish must return version 2")
    wait_for(clock, lambda: config("2")["State"], "Active", "version 2 state")

    # Canary on the alias, invalid routing refused, then promote and delete the old version.
    canary = client.update_alias(FunctionName=name, Name="live", RoutingConfig={"AdditionalVersionWeights": {"2": 0.1}})
    check(canary["RoutingConfig"]["AdditionalVersionWeights"] == {"2": 0.1}, "canary weights")
    expect_error("InvalidParameterValueException", client.update_alias, FunctionName=name, Name="live",
                 RoutingConfig={"AdditionalVersionWeights": {"1": 0.5}})
    expect_error("ResourceConflictException", client.delete_function, FunctionName=name, Qualifier="1")
    promoted = client.update_alias(FunctionName=name, Name="live", FunctionVersion="2",
                                   RoutingConfig={"AdditionalVersionWeights": {}})
    check(promoted["FunctionVersion"] == "2" and "RoutingConfig" not in promoted, f"promoted alias {promoted}")
    client.delete_function(FunctionName=name, Qualifier="1")
    versions = [v["Version"] for v in client.list_versions_by_function(FunctionName=name)["Versions"]]
    check(versions == ["$LATEST", "2"], f"versions {versions}")

    # Permissions, tags and an event source mapping.
    client.add_permission(FunctionName=name, Qualifier="live", StatementId="elb", Action="lambda:InvokeFunction",
                          Principal="elasticloadbalancing.amazonaws.com")
    policy = json.loads(client.get_policy(FunctionName=name, Qualifier="live")["Policy"])
    check(policy["Statement"][0]["Sid"] == "elb", f"policy {policy}")
    client.remove_permission(FunctionName=name, Qualifier="live", StatementId="elb")
    arn = created["FunctionArn"]
    client.tag_resource(Resource=arn, Tags={"gitmoxi:commit": "abc"})
    check(client.list_tags(Resource=arn)["Tags"] == {"team": "boto", "gitmoxi:commit": "abc"}, "tags")
    client.untag_resource(Resource=arn, TagKeys=["team"])
    check(client.list_tags(Resource=arn)["Tags"] == {"gitmoxi:commit": "abc"}, "tags after untag")
    mapping = client.create_event_source_mapping(FunctionName=f"{arn}:live",
                                                 EventSourceArn=f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}")
    check(mapping["State"] == "Creating" and mapping["BatchSize"] == 10, f"mapping {mapping}")
    wait_for(clock, lambda: client.get_event_source_mapping(UUID=mapping["UUID"])["State"], "Enabled", "mapping state")
    client.delete_event_source_mapping(UUID=mapping["UUID"])

    # Delete the function.
    client.delete_function(FunctionName=name)
    expect_error("ResourceNotFoundException", client.get_function, FunctionName=name)
    print(f"lambda.py: all checks passed against {endpoint}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: lambda.py ENDPOINT", file=sys.stderr)
        sys.exit(2)
    try:
        sys.exit(main(sys.argv[1]))
    except AssertionError as failure:
        print(f"lambda.py: FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
