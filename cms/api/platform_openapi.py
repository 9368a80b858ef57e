"""The OpenAPI document of the platform's own endpoints: site search and donations.

It is built from the code it describes, so that it cannot drift from it: the donation
request body from ``DonationForm``'s fields, the search parameters from ``search.params``,
the answers from the search interface's dataclasses and the donation limits from their
settings. Served at /api/platform/openapi.json beside API v3's document.
"""

import dataclasses
import types
import typing

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from museum.donations import conf as donation_conf
from museum.donations.forms import DonationForm, PhotosField, TickBoxField
from search import interface, params

from .openapi import NO_NUL, PROBLEM

# Text with something besides spaces in it (what Python's str.split() also counts as space:
# the C0 separators and NEL), and no NUL byte.
SPACE = "[\\s\\u001c-\\u001f\\u0085]"
WORDS = "^[^\\u0000]*[^\\s\\u0000\\u001c-\\u001f\\u0085][^\\u0000]*$"

JSON_TYPES = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    list: "array",
    dict: "object",
}
DONATION_ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "object",
            "description": "Messages by field name, in the request's language; __all__ for the whole form.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }
    },
}
SEARCH_ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "message", "details"],
            "properties": {
                "status": {"type": "integer"},
                "message": {"type": "string"},
                "details": {"type": "array", "items": {"type": "string"}},
            },
        }
    },
}


def type_schema(annotation):
    """JSON Schema for a dataclass field's annotation (str, int, list, X | None, ...)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return {"anyOf": [type_schema(arg) for arg in typing.get_args(annotation)]}
    if annotation is type(None):
        return {"type": "null"}
    origin = typing.get_origin(annotation) or annotation
    if dataclasses.is_dataclass(origin):
        return dataclass_schema(origin)
    return {"type": JSON_TYPES.get(origin, "string")}


def dataclass_schema(cls, extra=None, drop=()):
    hints = typing.get_type_hints(cls)
    properties = {
        f.name: type_schema(hints[f.name]) for f in dataclasses.fields(cls) if f.name not in drop
    }
    properties.update(extra or {})
    return {"type": "object", "required": sorted(properties), "properties": properties}


def form_field_schema(name, field):
    if isinstance(field, PhotosField):
        return {
            "type": "array",
            "minItems": 1,
            "maxItems": donation_conf.get("DONATIONS_MAX_PHOTOS"),
            "items": {"type": "string", "format": "binary"},
            "description": (
                "JPEG, PNG, WebP or HEIC photos, at most "
                f"{donation_conf.get('DONATIONS_MAX_PHOTO_BYTES') // donation_conf.MB} MB and "
                f"{donation_conf.get('DONATIONS_MAX_PHOTO_PIXELS') // 1_000_000} megapixels each, "
                f"{donation_conf.get('DONATIONS_MAX_TOTAL_BYTES') // donation_conf.MB} MB in all."
            ),
        }
    if isinstance(field, TickBoxField):
        # A required box (the privacy consent) must be ticked: "on" is what a browser sends.
        if field.required:
            return {"type": "string", "enum": list(TickBoxField.TICKED)}
        return {"type": "string", "enum": [*TickBoxField.TICKED, *TickBoxField.UNTICKED]}
    if isinstance(field, forms.ChoiceField):
        values = [str(value) for value, _label in field.choices if value != ""]
        return {"type": "string", "enum": values}
    # A required text is more than blanks (the form strips them); optional ones may be empty.
    schema = {"type": "string", "pattern": WORDS if field.required else NO_NUL}
    if field.required:
        schema["minLength"] = 1
    if isinstance(field, forms.EmailField):
        schema["format"] = "email"
    if field.max_length:
        schema["maxLength"] = field.max_length
    if name == HONEYPOT:
        # Hidden from people; a filled one marks the submission as a robot's.
        schema["maxLength"] = 0
    return schema


HONEYPOT = "website"


def donation_request_schema():
    form = DonationForm()
    properties, required = {}, []
    for name, field in form.fields.items():
        properties[name] = form_field_schema(name, field)
        if field.label:
            properties[name]["title"] = str(field.label)
        if field.required:
            required.append(name)
    return {"type": "object", "required": required, "properties": properties}


def search_words_schema():
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": interface.MAX_QUERY_LENGTH,
        "pattern": WORDS,
    }


def search_parameters():
    def query(name, schema, description):
        return {
            "in": "query",
            "name": name,
            "required": False,
            "schema": schema,
            "description": description,
        }

    parameters = [
        {
            "in": "query",
            "name": "q",
            "required": False,
            "schema": {
                "type": "string",
                "maxLength": interface.MAX_QUERY_LENGTH,
                "pattern": NO_NUL,
            },
            "description": (
                "Search words. Without words (or with only spaces), at least one facet is needed: "
                "the answer then lists that facet's pages, newest first."
            ),
        },
        query(
            "nocorrect",
            {"type": "string", "enum": ["1", "true", "yes", "0", "false", "no"]},
            "1: search the words as typed, without the same-sound correction.",
        ),
        query(
            "sort",
            {"type": "string", "enum": list(interface.SORTS)},
            "Order of the results: relevance (the default; pages the editors pinned for the "
            "words come first, marked pinned), newest or oldest (by the page's date: news, "
            "campaigns, projects signed; pages without a date come last).",
        ),
        query(
            "page",
            {"type": "integer", "minimum": 1, "maximum": params.MAX_PAGE},
            "Result page, from 1.",
        ),
        query(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": interface.MAX_PAGE_SIZE},
            "Results per page.",
        ),
        query(
            "lang",
            {"type": "string", "enum": [*params.LANGS, "all", ""]},
            "Language of the results; all searches every edition; empty or absent: the "
            "request's language (Accept-Language).",
        ),
    ]
    for name in params.FACET_NAMES:
        value = {"type": "string", "maxLength": params.MAX_VALUE_LENGTH, "pattern": NO_NUL}
        if name in params.NUMERIC_FACETS:
            # Up to 18 digits (search/params.py); blank values (as Python's strip() sees
            # them) are ignored.
            value["pattern"] = f"^{SPACE}*([0-9]{{1,{params.MAX_NUMBER_DIGITS}}}{SPACE}*)?$"
        parameters.append(
            query(
                name,
                {
                    "type": "array",
                    "maxItems": params.MAX_VALUES_PER_FACET,
                    "items": value,
                },
                f"Filter by {name} (repeat for several values).",
            )
        )
    return parameters


def json_response(description, schema, media_type="application/json"):
    return {"description": description, "content": {media_type: {"schema": schema}}}


def bad_request(description, schema):
    """400: the endpoint's own error body, or the API guard's problem for a NUL byte or an
    integer beyond 64 bits in any parameter (cms/api/guard.py)."""
    response = json_response(description, schema)
    response["content"]["application/problem+json"] = {"schema": PROBLEM}
    return response


def platform_document():
    search_error = {"$ref": "#/components/schemas/SearchError"}
    donation_errors = {"$ref": "#/components/schemas/DonationErrors"}
    search_result = dataclass_schema(
        interface.SearchResult,
        extra={
            "num_pages": {"type": "integer"},
            "partial": {"type": "boolean"},
            "lang": {"type": "string"},
            "results": {"type": "array", "items": dataclass_schema(interface.Hit, drop={"score"})},
        },
    )
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "World Wenzhou Merchants Museum: search and donations",
            "version": "1.0.0",
            "description": (
                "The platform's own endpoints beside Wagtail's API v2 and v3. Messages follow "
                "the request's language (lang parameter or Accept-Language): zh-hans or en."
            ),
        },
        "servers": [{"url": settings.WAGTAILAPI_BASE_URL}],
        "paths": {
            "/api/search/": {
                "get": {
                    "operationId": "search",
                    "summary": "Search every public page, with facets",
                    "parameters": search_parameters(),
                    "responses": {
                        "200": json_response("Results, facets and suggestions.", search_result),
                        "400": bad_request(
                            "A parameter is missing, unknown or out of range.", search_error
                        ),
                        "503": json_response(
                            "Search is unavailable; try again later.", search_error
                        ),
                    },
                }
            },
            "/api/search/suggest/": {
                "get": {
                    "operationId": "search_suggest",
                    "summary": "Title suggestions for what has been typed so far",
                    "parameters": [
                        {
                            "in": "query",
                            "name": "q",
                            "required": True,
                            "schema": search_words_schema(),
                        },
                        {
                            "in": "query",
                            "name": "lang",
                            # As for /api/search/: empty or absent means Accept-Language.
                            "schema": {"type": "string", "enum": [*params.LANGS, "all", ""]},
                        },
                    ],
                    "responses": {
                        "200": json_response(
                            "Suggestions.",
                            {
                                "type": "object",
                                "required": ["q", "suggestions"],
                                "properties": {
                                    "q": {"type": "string"},
                                    "suggestions": {"type": "array"},
                                },
                            },
                        ),
                        "400": bad_request("No search words given.", search_error),
                        "503": json_response(
                            "Search is unavailable; try again later.", search_error
                        ),
                    },
                }
            },
            "/api/donations/": {
                "post": {
                    "operationId": "donation_submit",
                    "summary": "Offer an artifact to the museum",
                    "description": (
                        "Posted by the donation page of the static site: the Origin header must be "
                        "one of DONATIONS_ALLOWED_ORIGINS. At least one of email, phone or wechat. "
                        "With Accept: application/json the answer is JSON; otherwise a 303 to the "
                        "thank-you page, or the form again with its messages."
                    ),
                    "parameters": [
                        {
                            "in": "header",
                            "name": "Origin",
                            "required": True,
                            "schema": {"type": "string", "format": "uri"},
                        },
                        {
                            "in": "query",
                            "name": "lang",
                            "required": False,
                            "description": (
                                "The language of the answer's messages when the body gives none "
                                "or is refused unread (413, 429): zh-hans or en; any other "
                                "value is ignored."
                            ),
                            "schema": {"type": "string"},
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"multipart/form-data": {"schema": donation_request_schema()}},
                    },
                    "responses": {
                        "201": json_response(
                            "Accepted: the donation's reference number.",
                            {
                                "type": "object",
                                "required": ["reference", "status", "status_url", "thanks_url"],
                                "properties": {
                                    "reference": {
                                        "type": "string",
                                        "pattern": "^WZM-[0-9]{4}-[0-9]{6}$",
                                    },
                                    "status": {"type": "string"},
                                    "status_url": {"type": "string", "format": "uri"},
                                    "thanks_url": {"type": "string", "format": "uri"},
                                },
                            },
                        ),
                        "303": {"description": "Accepted (form post): on to the thank-you page."},
                        "400": bad_request(
                            "The form has errors: messages by field.", donation_errors
                        ),
                        "403": json_response(
                            "Not posted from the museum's donation page.", donation_errors
                        ),
                        "413": json_response(
                            f"More than {donation_conf.max_request_bytes() // donation_conf.MB} MB in all.",
                            donation_errors,
                        ),
                        "429": json_response(
                            "Too many donations from this address; try later.", donation_errors
                        ),
                    },
                }
            },
        },
        "components": {"schemas": {"SearchError": SEARCH_ERROR, "DonationErrors": DONATION_ERRORS}},
    }


@require_GET
def platform_openapi(request):
    return JsonResponse(platform_document(), json_dumps_params={"ensure_ascii": False})
