"""A request id for every request: taken from nginx (X-Request-ID) or made here, put in every
log line of the request and returned in the response's X-Request-ID header."""

import re
import uuid

from .logging import request_id_var

VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.id = given if VALID_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request.id
        return response
