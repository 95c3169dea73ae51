"""The API against its own OpenAPI document, fuzzed by schemathesis on the live test server:
no 5xx, no response that breaks the documented schema, no status code or media type the
document does not name. Valid and invalid inputs, 20 examples per operation, deterministic,
no network beyond the local test server.

The document is the one the server serves (a test below checks they are the same); it is
built in-process at collection, because schemathesis' lazy fixture loader does not work with
this pytest."""

import json

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as fuzzing
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.v1 import api

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# The live server needs committed data; the data sources a migration creates must be back for
# the tests that run after these.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema())))


@pytest.fixture
def server(live_server, dental_employers, settings):
    settings.API_RATE_LIMIT = 0  # hundreds of requests from one address
    return live_server.url


@schema.parametrize()
# The server and its data are set up once per operation, not per example: each request only
# reads, so the examples cannot disturb each other.
@fuzzing(
    max_examples=20,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_matches_its_openapi_document(case, server):
    case.call_and_validate(base_url=server, checks=CHECKS)


def test_the_served_document_is_the_one_fuzzed(client):
    served = client.get("/api/v1/openapi.json").json()
    assert served == schema.raw_schema
    assert served["openapi"] == "3.1.0"
