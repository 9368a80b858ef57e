"""Rules between parameters that an OpenAPI document cannot state, told to schemathesis.

Each parameter of these requests is valid on its own; together they break a rule that the
API answers with a 400 naming it (tests/api/test_bad_input.py), and the parameters'
descriptions in the document spell the rule out. The donation form has rules of that kind
too (real images, one way to reach the donor, plain text). Only that answer to such a request
is let pass: a 500, an undocumented answer, or a 400 to a search that breaks no rule still
fails the run.
"""

import schemathesis

SCHEMA_VALID_REQUEST_REJECTED = "ST202"
SCHEMA_VIOLATING_REQUEST_ACCEPTED = "ST201"
# Listings and find/ filter by any field of the model (``?type=projects.ProjectPage&stage=signed``):
# a query parameter the document does not name is a field filter, ignored when no field has it.
# /api/search/ needs words or a facet: a request with neither has nothing to search for.
SEARCH_FACETS = ("type", "hall", "era", "region", "country", "industry", "stage", "year")
FIELD_FILTERING = ("/api/v3/pages/", "/api/v3/pages/find/", "/api/v3/snippets/{type}/")


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def has_words(value):
    return bool(value and str(value).split())


def breaks_a_parameter_rule(case):
    query = case.query or {}
    if case.operation.path == "/api/search/":
        facets = [
            value
            for name in SEARCH_FACETS
            for value in as_list(query.get(name))
            if str(value).strip()
        ]
        return not has_words(query.get("q")) and not facets
    raw = case.operation.definition.raw
    path_type = (case.path_parameters or {}).get("type")
    if "search" in query and path_type not in raw.get("x-searchable-types", [path_type]):
        return True
    translation_filters = {"locale", "translation_of"} & set(query)
    if translation_filters and path_type not in raw.get("x-translatable-types", [path_type]):
        return True
    orderable = raw.get("x-orderable-fields", {}).get(path_type)
    if orderable is not None and not set(as_list(query.get("order"))) <= set(orderable):
        return True
    order = as_list(query.get("order"))
    if "random" in order and (len(order) > 1 or query.get("offset") or query.get("search")):
        return True
    if query.get("search") and order:
        return True
    return query.get("child_of") is not None and query.get("descendant_of") is not None


def only_field_filters_undeclared(case):
    declared = {parameter.name for parameter in case.operation.query}
    return case.operation.path in FIELD_FILTERING and set(case.query or {}) - declared


def refused_by_the_donation_form(case, response):
    """The donation form's own rules, which its document states in words only: photos must be
    real images within the pixel limit, one of email, phone or WeChat ID is needed, texts are
    plain. Such a refusal is the documented 400 with the form's error body, naming fields."""
    if case.operation.path != "/api/donations/" or response.status_code != 400:
        return False
    try:
        errors = response.json().get("errors")
    except ValueError:
        return False
    return isinstance(errors, dict) and bool(errors)


def lost_in_the_query_string(case):
    """A "schema-violating" query value a URL cannot carry: an object or null becomes no
    parameter at all, so the request that reached the API was a valid one."""
    for value in (case.query or {}).values():
        for item in value if isinstance(value, list) else [value]:
            if item is None or isinstance(item, dict):
                return True
    return False


@schemathesis.hook
def filter_failure(ctx, failure, case, response):
    refused_by_rule = (
        failure.code == SCHEMA_VALID_REQUEST_REJECTED
        and response.status_code == 400
        and (breaks_a_parameter_rule(case) or refused_by_the_donation_form(case, response))
    )
    filtered_by_field = (
        failure.code == SCHEMA_VIOLATING_REQUEST_ACCEPTED
        and response.status_code == 200
        and (only_field_filters_undeclared(case) or lost_in_the_query_string(case))
    )
    return not (refused_by_rule or filtered_by_field)
