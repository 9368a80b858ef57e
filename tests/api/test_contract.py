"""The published API documents describe what the API answers: schemathesis checks it.

schemathesis (a property-based API tester) reads each OpenAPI document the site publishes,
generates valid and invalid requests for every operation and fails on a server error, an
answer the document does not declare, or a body that breaks the document's schema. It runs
against a live server of the API test tree with a fixed seed; CONTRACT_SEED=random explores
with a seed the log prints, so a failure found by chance can be replayed.
"""

import json
import os
import random
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import APIToken

from cms.api.openapi import describe_contract
from cms.api.platform_openapi import platform_document
from museum.donations.forms import DonationForm

REPO = Path(__file__).resolve().parents[2]
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
FIXED_SEED = 20261129
HOOKS = "tests.api.schemathesis_hooks"


def download(document_url, directory):
    """The document, fetched once with a generous timeout: schemathesis gives up loading it
    after 10 seconds, and generating v3's takes seconds on a busy CI machine."""
    path = Path(directory) / "openapi.json"
    with urllib.request.urlopen(document_url, timeout=300) as response:
        path.write_bytes(response.read())
    return str(path)


# Five per operation and phase keeps the runs within CI's time;
# CONTRACT_MAX_EXAMPLES raises it for a deeper run.
EXAMPLES = int(os.environ.get("CONTRACT_MAX_EXAMPLES", "5"))


def schemathesis(document_url, base_url, seed, *options, examples=EXAMPLES):
    with tempfile.TemporaryDirectory() as directory:
        document = download(document_url, directory)
        return run_schemathesis(document, base_url, seed, *options, examples=examples)


def run_schemathesis(document, base_url, seed, *options, examples):
    command = [
        str(SCHEMATHESIS),
        "run",
        document,
        "--url",
        base_url,
        "--checks",
        "all",
        "--max-examples",
        str(examples),
        "--seed",
        str(seed),
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--no-color",
        *options,
    ]
    environment = {**os.environ, "SCHEMATHESIS_HOOKS": HOOKS, "PYTHONPATH": str(REPO)}
    print(f"schemathesis seed {seed}: {' '.join(command)}")
    result = subprocess.run(
        command, cwd=REPO, env=environment, capture_output=True, text=True, timeout=600
    )
    print(result.stdout[-20000:], result.stderr[-5000:])
    return result


@pytest.fixture
def seeds():
    """The fixed seed, so that a run answers the same on every machine and CI is repeatable.

    CONTRACT_SEED=<n> replays one seed; CONTRACT_SEED=random explores with a new one, printed
    in the log (what a scheduled deeper run does, with CONTRACT_MAX_EXAMPLES raised).
    """
    chosen = os.environ.get("CONTRACT_SEED", "")
    if chosen == "random":
        return [random.SystemRandom().randrange(1, 2**31)]
    return [int(chosen)] if chosen else [FIXED_SEED]


@pytest.mark.contract
@pytest.mark.django_db(transaction=True)
def test_api_v3_reads_keep_their_document(live_server, site_tree, seeds):
    for seed in seeds:
        result = schemathesis(
            f"{live_server.url}/api/v3/openapi.json",
            live_server.url,
            seed,
            "--include-method",
            "GET",
        )
        assert result.returncode == 0, f"seed {seed}: see the schemathesis log above"


@pytest.mark.contract
@pytest.mark.django_db(transaction=True)
def test_api_v3_reads_with_a_token_keep_their_document(live_server, site_tree, seeds):
    """Revisions, sites, locales, snippets and drafts: what only a token's user may read."""
    user = get_user_model().objects.create_superuser("api-reader", "reader@example.com", None)
    _token, plaintext = APIToken.create_token(user=user, name="contract test")
    for seed in seeds:
        result = schemathesis(
            f"{live_server.url}/api/v3/openapi.json",
            live_server.url,
            seed,
            "--include-method",
            "GET",
            "--header",
            f"Authorization: Bearer {plaintext}",
        )
        assert result.returncode == 0, f"seed {seed}: see the schemathesis log above"


@pytest.mark.contract
@pytest.mark.django_db(transaction=True)
def test_search_and_donations_keep_their_document(live_server, site_tree, seeds, settings):
    settings.DONATIONS_ALLOWED_ORIGINS = [live_server.url]
    for seed in seeds:
        result = schemathesis(
            f"{live_server.url}/api/platform/openapi.json",
            live_server.url,
            seed,
            "--header",
            f"Origin: {live_server.url}",
            "--header",
            "Accept: application/json",
        )
        assert result.returncode == 0, f"seed {seed}: see the schemathesis log above"


def v3_document(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.django_db
def test_v3_document_declares_errors_bounds_and_public_reads(client):
    document = v3_document(client)
    listing = document["paths"]["/api/v3/pages/"]["get"]
    assert {"200", "400", "401"} <= set(listing["responses"])
    assert {} in listing["security"]
    assert "AllowAnonymous" not in document["components"]["securitySchemes"]
    parameters = {p["name"]: p["schema"] for p in listing["parameters"]}
    assert parameters["limit"]["maximum"] == settings.WAGTAILAPI_LIMIT_MAX
    assert parameters["offset"]["maximum"] == 2**63 - 1
    assert "title" in json.dumps(parameters["order"])
    write = document["paths"]["/api/v3/pages/{page_id}/"]["patch"]
    assert {} not in write["security"]
    assert {"401", "403", "404", "422"} <= set(write["responses"])


def test_describe_contract_leaves_the_generated_document_untouched():
    generated = {
        "paths": {
            "/api/v3/x/": {
                "get": {
                    "security": [{"BearerTokenAuth": []}, {"AllowAnonymous": []}],
                    "responses": {"200": {"description": "OK"}},
                }
            }
        }
    }
    before = json.dumps(generated)
    described = describe_contract(generated)
    assert json.dumps(generated) == before
    assert described["paths"]["/api/v3/x/"]["get"]["security"] == [{"BearerTokenAuth": []}, {}]


@pytest.mark.django_db
def test_donation_document_follows_the_form():
    schema = platform_document()["paths"]["/api/donations/"]["post"]["requestBody"]["content"][
        "multipart/form-data"
    ]["schema"]
    form = DonationForm()
    assert set(schema["properties"]) == set(form.fields)
    assert set(schema["required"]) == {
        name for name, field in form.fields.items() if field.required
    }
    assert schema["properties"]["title"]["maxLength"] == form.fields["title"].max_length
    assert schema["properties"]["photos"]["maxItems"] == 10
    # What the form refuses and the document says: blank required texts, an unticked
    # consent, a filled honeypot.
    assert schema["properties"]["donor_name"]["minLength"] == 1
    assert schema["properties"]["consent_privacy"]["enum"] == ["on", "true", "1"]
    assert schema["properties"]["website"]["maxLength"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value", ["1980", " 1980 ", "9" * 18, "9" * 19, "351275153160728031203062078850"]
)
def test_numeric_facets_document_follows_the_parser(client, value):
    """A value the document allows is answered; one it refuses is refused with a 400."""
    parameters = platform_document()["paths"]["/api/search/"]["get"]["parameters"]
    era = next(p for p in parameters if p["name"] == "era")["schema"]["items"]
    allowed = re.fullmatch(era["pattern"].strip("^$"), value) is not None
    response = client.get("/api/search/", {"era": value})
    assert response.status_code == (200 if allowed else 400)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/api/docs/", "/api/platform/docs/", "/api/platform/openapi.json", "/api/static-schemas/"],
)
def test_documents_are_served_from_the_site_alone(client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "cdn" not in body.lower()
    assert 'src="http' not in body and 'href="http' not in body
