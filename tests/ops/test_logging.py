"""Request ids: from nginx's X-Request-ID or made here, on every log line and the response."""

import io
import json
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from cms.ops.logging import JsonFormatter, RequestIdFilter
from cms.ops.middleware import RequestIdMiddleware


@pytest.fixture
def captured():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("wzm.test.requests")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield logger, stream
    logger.removeHandler(handler)


def lines(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_the_id_from_nginx_is_logged_and_returned(captured):
    logger, stream = captured

    def view(request):
        logger.info("rendering %s", "搜索", extra={"page_id": 7})
        return HttpResponse("ok")

    request = RequestFactory().get("/search/", HTTP_X_REQUEST_ID="4f2a9c0e1b7d4e8a9f6b3c2d1e0f9a8b")
    response = RequestIdMiddleware(view)(request)
    assert response["X-Request-ID"] == "4f2a9c0e1b7d4e8a9f6b3c2d1e0f9a8b"
    [line] = lines(stream)
    assert line["request_id"] == "4f2a9c0e1b7d4e8a9f6b3c2d1e0f9a8b"
    assert line["message"] == "rendering 搜索"
    assert line["page_id"] == 7
    assert line["level"] == "INFO"
    # Outside a request the id is reset.
    logger.info("after")
    assert lines(stream)[-1]["request_id"] == "-"


def test_an_invalid_id_is_replaced(captured):
    logger, stream = captured

    def view(request):
        logger.warning("x")
        return HttpResponse("ok")

    request = RequestFactory().get("/", HTTP_X_REQUEST_ID="bad id\nforged-line")
    response = RequestIdMiddleware(view)(request)
    made = response["X-Request-ID"]
    assert made != "bad id\nforged-line" and len(made) == 32
    assert lines(stream)[0]["request_id"] == made


def test_every_response_of_the_site_carries_one(client, db):
    response = client.get("/health/")
    assert len(response["X-Request-ID"]) == 32
