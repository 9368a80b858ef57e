"""API v3's OpenAPI document, completed so that it describes what the API really answers.

Wagtail 8 generates the document from its django-ninja routers, which declare only the
success answer of each operation, leave ``limit``, ``offset`` and ``order`` unbounded, and
mark public reads with a made-up ``AllowAnonymous`` security scheme. A client generated
from that document, or a property-based tester such as schemathesis, is then surprised by
every 400, 401, 404 and 422. ``describe_contract`` adds what the views and our guards do:
- the error answers, each an RFC 7807 problem;
- public reads as optional authentication (an empty security requirement);
- parameter bounds: ``limit`` up to ``WAGTAILAPI_LIMIT_MAX``, integers within 64 bits,
  ``order`` as the field names each listing accepts.
"""

import copy

from django.conf import settings
from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS
from wagtail.api.validators import OrderingValidator
from wagtail.contrib.redirects.api.v3.router import BASE_REDIRECT_READ_FIELDS
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.documents.api.v3.router import BASE_DOCUMENT_READ_FIELDS
from wagtail.images import get_image_model
from wagtail.images.api.v3.router import BASE_IMAGE_READ_FIELDS
from wagtail.models import Page, TranslatableMixin
from wagtail.search.index import class_is_indexed
from wagtail.snippets.models import get_snippet_models

from .guard import INT64_MAX

PROBLEM = {
    "type": "object",
    "description": "An RFC 7807 problem (application/problem+json).",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
}
ERRORS = {
    "400": "Bad request: a query or path parameter is malformed or out of range.",
    "401": "Authentication required, or the bearer token given is invalid or revoked.",
    "403": "The token's user lacks the permission this operation needs.",
    "404": "No such object or no page that a filter names, or it is not visible to the caller.",
    "409": "The change conflicts with a stored object (a unique field such as a code, slug "
    "or hostname is taken).",
    "422": "The request body failed validation, is not a JSON object, holds an integer beyond "
    "64 bits, or asks what the object's state forbids (copy or move the root page, delete "
    "a locale still in use, convert a page that is no alias).",
}
# The listings whose ``order`` names fields: (model, the fields Wagtail always allows).
ORDERED_LISTINGS = {
    "/pages/": (lambda: Page, BASE_PAGE_READ_FIELDS),
    "/images/": (get_image_model, BASE_IMAGE_READ_FIELDS),
    "/documents/": (get_document_model, BASE_DOCUMENT_READ_FIELDS),
    "/redirects/": (lambda: Redirect, BASE_REDIRECT_READ_FIELDS),
}

NO_NUL = "^[^\\u0000]*$"
EXCLUSIVE_FILTERS = {"child_of": "descendant_of", "descendant_of": "child_of"}


ORDER_RULES = (
    "Field names to order by (prefix - for descending), or random. random stands alone and not "
    "with offset or search; while searching, results are ordered by relevance and order is "
    "refused unless the search index stores the field."
)


def order_schema(fields):
    return {
        "anyOf": [
            {"type": "string", "enum": fields},
            {"type": "array", "items": {"type": "string", "enum": fields}},
        ]
    }


def problem_response(description):
    return {
        "description": description,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def orderable_fields(model, base_fields):
    validator = OrderingValidator(
        model=model, fields=[], base_fields=list(base_fields), db_fields_only=True
    )
    return sorted(validator.allowed_fields)


def is_public(operation):
    return {"AllowAnonymous": []} in operation.get("security", [])


def error_statuses(path, method, operation):
    statuses = {"400", "404"}
    if operation.get("security"):
        statuses.add("401")
        if not is_public(operation):
            statuses.add("403")
    if "requestBody" in operation or method in ("post", "put", "patch"):
        statuses |= {"409", "422"}
    if method == "delete":
        # Wagtail refuses to delete what is still in use (a locale with pages) with a 422.
        statuses.add("422")
    return statuses


def constrain(schema):
    """What the guard enforces on every parameter: integers within 64 bits, no NUL bytes."""
    if schema.get("type") == "integer":
        schema.setdefault("maximum", INT64_MAX)
        if "minimum" not in schema and "exclusiveMinimum" not in schema:
            schema["minimum"] = -INT64_MAX - 1
    if schema.get("type") == "string" and "enum" not in schema and "const" not in schema:
        schema.setdefault("pattern", NO_NUL)
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, ()):
            constrain(option)
    if isinstance(schema.get("items"), dict):
        constrain(schema["items"])


def bound_parameter(path, parameter):
    schema = parameter.setdefault("schema", {})
    name = parameter.get("name")
    if name == "limit":
        schema["maximum"] = settings.WAGTAILAPI_LIMIT_MAX
    constrain(schema)
    if name in EXCLUSIVE_FILTERS:
        parameter["description"] = f"Not together with {EXCLUSIVE_FILTERS[name]}."
    if name == "order":
        parameter["description"] = ORDER_RULES
        for suffix, (get_model, base_fields) in ORDERED_LISTINGS.items():
            if path.endswith("/v3" + suffix):
                parameter["schema"] = order_schema(orderable_fields(get_model(), base_fields))


def admits_no_value(operation):
    """An operation whose path needs a value no object has (Wagtail writes ``const: ""``
    for a snippet ``type`` when no snippet model has revisions): it can never answer."""
    return any(
        parameter.get("in") == "path" and parameter.get("schema", {}).get("const") == ""
        for parameter in operation.get("parameters", [])
    )


def describe_snippet_listing(operation):
    """Which snippet types can be searched or filtered by locale, and by which fields each can
    be ordered: the ``type`` in the path decides, which OpenAPI cannot tie to a query parameter."""
    models = get_snippet_models()
    operation["x-searchable-types"] = sorted(m._meta.label for m in models if class_is_indexed(m))
    operation["x-translatable-types"] = sorted(
        m._meta.label for m in models if issubclass(m, TranslatableMixin)
    )
    operation["x-orderable-fields"] = {
        model._meta.label: orderable_fields(model, [model._meta.pk.name]) for model in models
    }
    every_field = sorted({f for fields in operation["x-orderable-fields"].values() for f in fields})
    for parameter in operation.get("parameters", []):
        if parameter.get("name") == "order":
            parameter["schema"] = order_schema(every_field)
            parameter["description"] += " Only the fields of the snippet type in the path."


def describe_contract(schema):
    schema = copy.deepcopy(schema)
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM
    components.get("securitySchemes", {}).pop("AllowAnonymous", None)
    for path, operations in schema.get("paths", {}).items():
        for method, operation in list(operations.items()):
            if admits_no_value(operation):
                del operations[method]
                continue
            responses = operation.setdefault("responses", {})
            for status in sorted(error_statuses(path, method, operation)):
                responses.setdefault(status, problem_response(ERRORS[status]))
            for parameter in operation.get("parameters", []):
                bound_parameter(path, parameter)
            if path.endswith("/snippets/{type}/") and method == "get":
                describe_snippet_listing(operation)
            if path.endswith("/snippets/{type}/") and method == "post":
                # Wagtail creates a snippet from an absent body as from {} (fields default).
                operation.get("requestBody", {})["required"] = False
            if is_public(operation):
                # Public reads: anonymous, or with a valid token (an invalid one is refused).
                operation["security"] = [
                    requirement
                    for requirement in operation["security"]
                    if "AllowAnonymous" not in requirement
                ] + [{}]
    return schema


def complete_openapi_document(api):
    """Make ``api`` serve the completed document at its openapi.json."""
    generate = api.get_openapi_schema

    def get_openapi_schema(*args, **kwargs):
        return describe_contract(generate(*args, **kwargs))

    api.get_openapi_schema = get_openapi_schema
