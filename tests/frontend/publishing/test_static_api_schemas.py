"""Every file of the static API (data/v2) is of a documented kind and valid against its schema."""

import json

import jsonschema_rs

from cms.api.docs import STATIC_FILE_KINDS, static_file_kind, static_schema
from frontend.publishing import dependencies
from frontend.publishing.builder import build_site


def test_every_static_api_file_matches_its_schema(small_site, site_dir):
    build_site(workers=1)
    api_root = site_dir / dependencies.api_base_path()
    validators = {
        kind: jsonschema_rs.validator_for(static_schema(kind)) for kind in STATIC_FILE_KINDS
    }
    seen = set()
    for path in sorted(api_root.rglob("*.json")):
        relative = path.relative_to(api_root).as_posix()
        kind = static_file_kind(relative)
        assert kind is not None, f"{relative} is of no documented kind"
        errors = [
            error.message for error in validators[kind].iter_errors(json.loads(path.read_text()))
        ]
        assert not errors, f"{relative} ({kind}): {errors}"
        seen.add(kind)
    assert seen == set(STATIC_FILE_KINDS)


def test_a_file_that_breaks_its_schema_is_caught():
    validator = jsonschema_rs.validator_for(static_schema("listing"))
    assert not validator.is_valid({"meta": {"total_count": 1}, "items": [{"id": "1", "title": ""}]})
