"""Rules between parameters that an OpenAPI document cannot state, told to schemathesis.

Each parameter of these requests is valid on its own; together they break a rule that the
API answers with a 400 naming it (tests/api/test_bad_input.py), and the parameters'
descriptions in the document spell the rule out. Only that answer to such a request is let
pass: a 500, or a 400 to a request that breaks no rule, still fails the run.
"""

import schemathesis

SCHEMA_VALID_REQUEST_REJECTED = "ST202"


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def breaks_a_parameter_rule(query):
    query = query or {}
    order = as_list(query.get("order"))
    if "random" in order and (len(order) > 1 or query.get("offset") or query.get("search")):
        return True
    if query.get("search") and order:
        return True
    return query.get("child_of") is not None and query.get("descendant_of") is not None


@schemathesis.hook
def filter_failure(ctx, failure, case, response):
    refused_by_rule = (
        failure.code == SCHEMA_VALID_REQUEST_REJECTED
        and response.status_code == 400
        and breaks_a_parameter_rule(case.query)
    )
    return not refused_by_rule
