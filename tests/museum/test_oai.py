"""OAI-PMH 2.0 at /api/oai/, checked verb by verb against the protocol's specification.

No OAI-PMH validator installs here (pyoai, the one harvester library on PyPI, has no
release for this Python), so each test states what a section of the specification
requires of an answer and checks it on the XML the endpoint returns.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from museum.factories import (
    ArtifactPageFactory,
    CollectionIndexPageFactory,
    ExhibitPageFactory,
    HallPageFactory,
    MerchantHistoryPageFactory,
    MuseumPageFactory,
)

NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "id": "http://www.openarchives.org/OAI/2.0/oai-identifier",
}
URL = "/api/oai/"
SECRET = "内部资料OAI7731"


def harvest(client, method="get", **arguments):
    response = getattr(client, method)(URL, arguments)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert SECRET not in response.content.decode()
    return ET.fromstring(response.content)


def error_code(root):
    error = root.find("oai:error", NS)
    return None if error is None else error.get("code")


def identifiers(root):
    return [
        h.findtext("oai:identifier", namespaces=NS) for h in root.iter(f"{{{NS['oai']}}}header")
    ]


@pytest.fixture
def museum(home_page):
    museum = MuseumPageFactory(parent=home_page)
    hall = HallPageFactory(parent=museum, title="第二展厅")
    exhibit = ExhibitPageFactory(parent=hall, title="桥头纽扣市场")
    collection = CollectionIndexPageFactory(parent=museum)
    artifact = ArtifactPageFactory(
        parent=collection, title="纽扣样品卡", hall=hall, rights="educational_use"
    )
    merchant = MerchantHistoryPageFactory(parent=museum, title="王建国")
    # Never public: a restricted artifact and a draft.
    secret = ArtifactPageFactory(parent=collection, title=SECRET, description=f"<p>{SECRET}</p>")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    ArtifactPageFactory(parent=collection, title=f"{SECRET} 草稿", live=False)
    return type("Museum", (), locals())


def oai_id(page):
    return f"oai:wzmuseum.example:{page.pk}"


@pytest.mark.django_db
def test_identify_describes_the_repository(client, museum):
    root = harvest(client, verb="Identify")
    identify = root.find("oai:Identify", NS)
    assert identify.findtext("oai:protocolVersion", namespaces=NS) == "2.0"
    assert identify.findtext("oai:baseURL", namespaces=NS).endswith("/api/oai/")
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    earliest = identify.findtext("oai:earliestDatestamp", namespaces=NS)
    datetime.datetime.strptime(earliest, "%Y-%m-%dT%H:%M:%SZ")
    assert "@" in identify.findtext("oai:adminEmail", namespaces=NS)
    scheme = identify.find("oai:description/id:oai-identifier", NS)
    assert scheme.findtext("id:repositoryIdentifier", namespaces=NS) == "wzmuseum.example"
    # 3.6: a successful request is echoed with its arguments.
    assert root.find("oai:request", NS).get("verb") == "Identify"


@pytest.mark.django_db
def test_list_metadata_formats_offers_oai_dc(client, museum):
    root = harvest(client, verb="ListMetadataFormats")
    prefixes = [e.text for e in root.iterfind(".//oai:metadataPrefix", NS)]
    assert prefixes == ["oai_dc"]
    known = harvest(client, verb="ListMetadataFormats", identifier=oai_id(museum.artifact))
    assert error_code(known) is None
    unknown = harvest(client, verb="ListMetadataFormats", identifier="oai:elsewhere:1")
    assert error_code(unknown) == "idDoesNotExist"


@pytest.mark.django_db
def test_list_sets_names_types_and_public_halls(client, museum):
    private_hall = HallPageFactory(parent=museum.museum, title=f"{SECRET} 展厅")
    PageViewRestriction.objects.create(page=private_hall, restriction_type="login")
    root = harvest(client, verb="ListSets")
    specs = [e.text for e in root.iterfind(".//oai:setSpec", NS)]
    assert specs[:4] == ["type", "type:artifact", "type:merchant", "type:exhibit"]
    assert f"hall:{museum.hall.pk}" in specs and f"hall:{private_hall.pk}" not in specs
    # No token is ever issued for ListSets, so any token is a bad one.
    assert error_code(harvest(client, verb="ListSets", resumptionToken="x")) == (
        "badResumptionToken"
    )


@pytest.mark.django_db
def test_get_record_gives_dublin_core_in_the_pages_language(client, museum):
    root = harvest(
        client, verb="GetRecord", identifier=oai_id(museum.artifact), metadataPrefix="oai_dc"
    )
    record = root.find("oai:GetRecord/oai:record", NS)
    header = record.find("oai:header", NS)
    assert header.findtext("oai:identifier", namespaces=NS) == oai_id(museum.artifact)
    assert {e.text for e in header.iterfind("oai:setSpec", NS)} == {
        "type",
        "type:artifact",
        "hall",
        f"hall:{museum.hall.pk}",
    }
    dc = record.find("oai:metadata/oai_dc:dc", NS)
    values = {}
    for element in dc:
        values.setdefault(element.tag.split("}")[1], []).append(element.text)
    assert values["title"] == ["纽扣样品卡"]
    assert values["identifier"][0].endswith(museum.artifact.url)
    assert museum.artifact.accession_number in values["identifier"]
    assert values["language"] == ["zh-hans"]
    assert "http://rightsstatements.org/vocab/InC-EDU/1.0/" in values["rights"]
    assert "PhysicalObject" in values["type"]
    assert values["relation"][0].endswith(museum.hall.url)


@pytest.mark.django_db
def test_get_record_faults(client, museum):
    def get(**arguments):
        return error_code(harvest(client, verb="GetRecord", **arguments))

    assert get(identifier=oai_id(museum.artifact)) == "badArgument"
    assert get(identifier=oai_id(museum.artifact), metadataPrefix="marc21") == (
        "cannotDisseminateFormat"
    )
    for identifier in ("x", "oai:wzmuseum.example:99999999", "oai:wzmuseum.example:" + "9" * 30):
        assert get(identifier=identifier, metadataPrefix="oai_dc") == "idDoesNotExist"


@pytest.mark.django_db
def test_restricted_and_draft_pages_are_never_records(client, museum):
    root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    listed = set(identifiers(root))
    assert listed == {oai_id(p) for p in (museum.artifact, museum.exhibit, museum.merchant)}
    assert error_code(
        harvest(client, verb="GetRecord", identifier=oai_id(museum.secret), metadataPrefix="oai_dc")
    ) == ("idDoesNotExist")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("type:merchant", ["merchant"]),
        ("type:artifact", ["artifact"]),
        ("type", ["artifact", "exhibit", "merchant"]),
        ("hall:{hall}", ["artifact", "exhibit"]),
    ],
)
def test_sets_select_records(client, museum, spec, expected):
    spec = spec.format(hall=museum.hall.pk)
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set=spec)
    assert sorted(identifiers(root)) == sorted(oai_id(getattr(museum, n)) for n in expected)


@pytest.mark.django_db
def test_resumption_tokens_walk_a_list_of_more_than_120_records(client, museum):
    for n in range(125):
        ArtifactPageFactory(parent=museum.collection, title=f"藏品 {n}")
    seen, token, cursors, pages = [], None, [], 0
    while True:
        arguments = {"resumptionToken": token} if token else {"metadataPrefix": "oai_dc"}
        root = harvest(client, verb="ListRecords", **arguments)
        assert error_code(root) is None
        seen += identifiers(root)
        element = root.find("oai:ListRecords/oai:resumptionToken", NS)
        cursors.append(int(element.get("cursor")))
        assert element.get("completeListSize") == "128"
        token, pages = element.text, pages + 1
        if not token:
            break
    assert pages == 3 and cursors == [0, 50, 100]
    assert len(seen) == len(set(seen)) == 128
    # 3.5.1: the token of one verb does not continue another, and it is exclusive.
    first = harvest(client, verb="ListRecords", metadataPrefix="oai_dc")
    token = first.find("oai:ListRecords/oai:resumptionToken", NS).text
    assert error_code(harvest(client, verb="ListIdentifiers", resumptionToken=token)) == (
        "badResumptionToken"
    )
    assert error_code(
        harvest(client, verb="ListRecords", resumptionToken=token, metadataPrefix="oai_dc")
    ) == ("badArgument")
    tampered = token[:-1] + ("B" if token.endswith("A") else "A")  # changed, whatever it was
    assert error_code(harvest(client, verb="ListRecords", resumptionToken=tampered)) == (
        "badResumptionToken"
    )


@pytest.mark.django_db
def test_pages_that_leave_the_public_are_reported_deleted(client, museum):
    harvest(client, verb="Identify")  # the first harvest records what is public
    museum.artifact.unpublish()
    PageViewRestriction.objects.create(page=museum.merchant, restriction_type="login")
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    status = {
        h.findtext("oai:identifier", namespaces=NS): h.get("status")
        for h in root.iterfind(".//oai:header", NS)
    }
    assert status == {
        oai_id(museum.artifact): "deleted",
        oai_id(museum.merchant): "deleted",
        oai_id(museum.exhibit): None,
    }
    record = harvest(
        client, verb="GetRecord", identifier=oai_id(museum.artifact), metadataPrefix="oai_dc"
    ).find("oai:GetRecord/oai:record", NS)
    assert record.find("oai:header", NS).get("status") == "deleted"
    assert record.find("oai:metadata", NS) is None
    # Deleting the page keeps the tombstone; publishing again brings the record back.
    museum.merchant.view_restrictions.all().delete()
    museum.exhibit.delete()
    root = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    status = {
        h.findtext("oai:identifier", namespaces=NS): h.get("status")
        for h in root.iterfind(".//oai:header", NS)
    }
    assert status[oai_id(museum.exhibit)] == "deleted"
    assert status[oai_id(museum.merchant)] is None


@pytest.mark.django_db
def test_from_and_until_select_by_datestamp(client, museum):
    today = timezone.now().date()
    tomorrow = today + datetime.timedelta(days=1)
    since_today = harvest(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": today.isoformat()}
    )
    assert len(identifiers(since_today)) == 3
    future = harvest(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": tomorrow.isoformat()}
    )
    assert error_code(future) == "noRecordsMatch"
    past = harvest(client, verb="ListIdentifiers", metadataPrefix="oai_dc", until="2015-01-01")
    assert error_code(past) == "noRecordsMatch"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "dates",
    [
        {"from": "2026-13-01"},
        {"from": "yesterday"},
        {"until": "2026-11-30T10:00:00"},
        {"from": "2026-11-01", "until": "2026-11-30T10:00:00Z"},
        {"from": "2026-11-30", "until": "2026-11-01"},
    ],
)
def test_bad_dates_are_bad_arguments(client, museum, dates):
    root = harvest(client, verb="ListRecords", metadataPrefix="oai_dc", **dates)
    assert error_code(root) == "badArgument"
    assert root.find("oai:request", NS).attrib == {}


@pytest.mark.django_db
def test_bad_verbs_and_arguments(client, museum):
    for arguments in ({}, {"verb": "Delete"}):
        root = harvest(client, **arguments)
        assert error_code(root) == "badVerb"
        # 3.6: after badVerb the request element carries no attributes.
        assert root.find("oai:request", NS).attrib == {}
    repeated = client.get(URL + "?verb=Identify&verb=Identify")
    assert error_code(ET.fromstring(repeated.content)) == "badVerb"
    twice = client.get(URL + "?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    assert error_code(ET.fromstring(twice.content)) == "badArgument"
    assert error_code(harvest(client, verb="Identify", extra="1")) == "badArgument"
    assert error_code(harvest(client, verb="ListRecords")) == "badArgument"
    # 3.1.1.1: POST with a form body is the same request.
    assert error_code(harvest(client, method="post", verb="Identify")) is None
    assert client.put(URL).status_code == 405
