import json
import logging

import pytest
from django.test import Client

from operations.logging import JsonFormatter
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "yrke.requests"]


def test_one_json_line_per_request(caplog):
    occupation = OccupationFactory()
    caplog.set_level(logging.INFO, logger="yrke.requests")
    Client().get(occupation.get_absolute_url() + "?kilde=nyhetsbrev")
    Client().get(occupation.get_absolute_url() + "?kilde=nyhetsbrev")

    first, second = request_lines(caplog)
    line = json.loads(JsonFormatter().format(first))
    assert line["method"] == "GET"
    assert line["path"] == occupation.get_absolute_url()  # no query string
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert line["level"] == "INFO"
    assert line["logger"] == "yrke.requests"
    assert line["page_cache"] == "miss"
    assert json.loads(JsonFormatter().format(second))["page_cache"] == "hit"
    assert "\n" not in JsonFormatter().format(first)


def test_not_found_is_logged_with_its_status(caplog):
    caplog.set_level(logging.INFO, logger="yrke.requests")
    Client().get("/yrker/finnes-ikke/")
    (record,) = request_lines(caplog)
    assert record.status == 404


def test_exceptions_are_one_line_too():
    try:
        raise ValueError("feil")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "oops", None, None)
        import sys

        record.exc_info = sys.exc_info()
    text = JsonFormatter().format(record)
    assert "\n" not in text
    assert "ValueError: feil" in json.loads(text)["exception"]
