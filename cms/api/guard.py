"""Bounds on what the API reads from a URL, checked once before any API view runs.

Wagtail's API v2 and v3 hand integers from the query string and the path to the database
as they come: an ``offset`` or id beyond 64 bits makes SQLite or PostgreSQL fail and the
answer is a 500, and a NUL byte in a parameter fails the same way on PostgreSQL. No
parameter of any of our APIs means anything with either, so they are refused here, for
every endpoint under ``/api/`` (v2, v3, search, donations) rather than view by view.
"""

import json
import re

from django.http import JsonResponse
from django.utils.translation import get_language_from_request, override
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
# OAI-PMH answers every fault as a protocol error in XML (museum/oai), which harvesters
# expect; it reads no integer from the URL, so the guard leaves it alone.
UNGUARDED_PREFIXES = ("/api/oai/",)
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
INTEGER = re.compile(r"[ \t\n\r\f\v]*[+-]?[0-9]+[ \t\n\r\f\v]*")


def out_of_range(value):
    """An integer literal beyond 64 bits; anything else is left to the views to judge."""
    return bool(INTEGER.fullmatch(value)) and not INT64_MIN <= int(value) <= INT64_MAX


def reader_language(request):
    """The API's URLs carry no language: messages follow Accept-Language.

    LocaleMiddleware gives every unprefixed path the default language, since the site's
    Chinese pages live at /; the API reads the header itself, as the search API does.
    """
    return get_language_from_request(request)


def problem(status, detail):
    """An RFC 7807 problem, the shape API v3 answers errors in."""
    titles = {400: "Bad Request", 404: "Not Found", 422: "Unprocessable Entity"}
    return JsonResponse(
        {"type": "about:blank", "title": titles[status], "status": status, "detail": detail},
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


def bad_api_input(request):
    """The problem response for a request whose URL no API can answer, or None."""
    for segment in request.path.split("/"):
        if out_of_range(segment):
            return problem(404, _("编号超出范围，没有这条记录。"))
    for name, values in request.GET.lists():
        for value in values:
            if "\x00" in name or "\x00" in value:
                return problem(
                    400, _("参数 %(name)s 含有空字符（NUL）。") % {"name": name.strip("\x00")}
                )
            if out_of_range(value):
                return problem(
                    400,
                    _("参数 %(name)s 超出范围：整数须在 %(low)s 到 %(high)s 之间。")
                    % {"name": name, "low": INT64_MIN, "high": INT64_MAX},
                )
    return None


def _refuse_huge_integer(literal):
    value = int(literal)
    if not INT64_MIN <= value <= INT64_MAX:
        raise OverflowError(literal)
    return value


def bad_json_body(request):
    """The problem response for a v3 JSON body no operation can take, or None.

    Every v3 body is an object. Wagtail's v3 fails with a 500 on a body that is a JSON array
    (its page-type discriminator reads ``_meta`` of a list) and hands integers beyond 64 bits
    to the database (``destination_id``); both are refused here with a 422, as v3 answers
    other bodies that fail validation. A body that is not JSON at all is left to v3.
    """
    if request.method not in ("POST", "PUT", "PATCH") or not request.body:
        return None
    if request.content_type != "application/json":
        return None
    try:
        body = json.loads(request.body, parse_int=_refuse_huge_integer)
    except OverflowError:
        message = _("请求体中的整数超出范围：须在 %(low)s 到 %(high)s 之间。") % {
            "low": INT64_MIN,
            "high": INT64_MAX,
        }
    except ValueError:
        return None
    else:
        if isinstance(body, dict):
            return None
        message = _("请求体须为 JSON 对象。")
    return problem(422, message)


class APIInputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(API_PREFIX) and not request.path.startswith(UNGUARDED_PREFIXES):
            with override(reader_language(request)):
                refused = bad_api_input(request)
                if refused is None and request.path.startswith(API_PREFIX + "v3/"):
                    refused = bad_json_body(request)
            if refused is not None:
                return refused
        return self.get_response(request)
