"""Expected API JSON kept as files, compared after normalising what varies between runs.

Ids, timestamps, origins, block UUIDs and uploaded file names vary between runs and
databases; everything else (field names, values, labels, nesting, rendition specs)
must match the file. Set UPDATE_API_SNAPSHOTS=1 to rewrite the files after an
intended API change, then review the diff.
"""

import json
import os
import re
from pathlib import Path

EXPECTED_DIR = Path(__file__).parent / "expected"

_SUBSTITUTIONS = [
    (re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), "<uuid>"),
    (re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$"), "<datetime>"),
    (re.compile(r"https?://[^/\"]+"), "<origin>"),
    (re.compile(r"/(pages|images|documents)/\d+/"), r"/\1/<id>/"),
    (re.compile(r"(/documents/<id>/)[^\"?]+"), r"\1<file>"),
    (re.compile(r"(/images/)[^./\"]+\."), r"\1<file>."),
]


def normalise(data):
    if isinstance(data, dict):
        return {
            key: "<id>" if key == "id" and isinstance(value, int) else normalise(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [normalise(item) for item in data]
    if isinstance(data, str):
        for pattern, replacement in _SUBSTITUTIONS:
            data = pattern.sub(replacement, data)
        return data
    return data


def snapshot_path(name):
    return EXPECTED_DIR / f"{name}.json"


def assert_matches_snapshot(name, data):
    actual = normalise(data)
    path = snapshot_path(name)
    if os.environ.get("UPDATE_API_SNAPSHOTS"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert path.exists(), (
        f"No expected JSON at {path}; run with UPDATE_API_SNAPSHOTS=1 and review it."
    )
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert actual == expected, f"API output for {name} differs from {path}"
