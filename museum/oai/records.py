"""Which pages are harvestable records, the sets they belong to and their Dublin Core.

Records are the public artifacts, merchant histories and exhibits, in every language
edition (each translation is its own record, with ``dc:language``). Sets:

- ``type`` with ``type:artifact``, ``type:merchant``, ``type:exhibit``;
- ``hall`` with ``hall:<id>`` per hall: its exhibits and the artifacts shown in it.

Whether a page is public is decided by ``cms.core.visibility`` alone, as for every other
public output. ``sync_records()`` brings the HarvestRecord table in line with it before
each answer, so a page that left the public is reported as deleted from then on.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from cms.core.visibility import is_public_page, public_pages
from museum.models import ArtifactPage, ExhibitPage, HallPage, MerchantHistoryPage

from .models import HarvestRecord

# rightsstatements.org URIs for the rights an artifact can carry.
RIGHTS_URIS = {
    "in_copyright": "http://rightsstatements.org/vocab/InC/1.0/",
    "educational_use": "http://rightsstatements.org/vocab/InC-EDU/1.0/",
    "no_copyright": "http://rightsstatements.org/vocab/NKC/1.0/",
    "undetermined": "http://rightsstatements.org/vocab/UND/1.0/",
}


@dataclass(frozen=True)
class RecordType:
    model: type
    spec: str
    name_zh: str
    name_en: str
    dcmi_type: str


RECORD_TYPES = (
    RecordType(ArtifactPage, "artifact", "藏品", "Artifacts", "PhysicalObject"),
    RecordType(MerchantHistoryPage, "merchant", "温商人物", "Merchant histories", "Text"),
    RecordType(ExhibitPage, "exhibit", "展项", "Exhibits", "Text"),
)
TYPE_BY_MODEL = {record_type.model: record_type for record_type in RECORD_TYPES}

# An oai-identifier's repository part must look like a domain name (with a dot).
DOMAIN = re.compile(r"[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]*)+")


def repository_identifier():
    configured = getattr(settings, "OAI_REPOSITORY_IDENTIFIER", "")
    if configured:
        return configured
    host = urlsplit(settings.SITE_URL).hostname or ""
    return host if DOMAIN.fullmatch(host) else "wzmuseum.example"


def identifier_for(page_id):
    return f"oai:{repository_identifier()}:{page_id}"


def page_id_from(identifier):
    """The page id an identifier of this repository names, or None."""
    prefix = f"oai:{repository_identifier()}:"
    if not identifier.startswith(prefix):
        return None
    rest = identifier[len(prefix) :]
    return int(rest) if rest.isascii() and rest.isdigit() and len(rest) <= 9 else None


def current_records():
    """{page id: (last published, set specs)} for every public record page."""
    # Only public halls name a set: a restricted hall's id is not the public's business.
    halls = dict(public_pages(HallPage.objects.all()).values_list("path", "pk"))
    public_hall_ids = set(halls.values())
    records = {}
    for record_type in RECORD_TYPES:
        pages = public_pages(record_type.model.objects.all())
        fields = ["pk", "path", "last_published_at", "first_published_at"]
        if record_type.model is ArtifactPage:
            fields.append("hall_id")
        for row in pages.values(*fields):
            specs = ["type", f"type:{record_type.spec}"]
            hall_id = row.get("hall_id") or halls.get(row["path"][: -Page.steplen])
            if hall_id in public_hall_ids and record_type.model is not MerchantHistoryPage:
                specs += ["hall", f"hall:{hall_id}"]
            stamp = row["last_published_at"] or row["first_published_at"]
            records[row["pk"]] = (stamp, " " + " ".join(specs) + " ")
    return records


def _second(moment):
    return moment.replace(microsecond=0)


def sync_records():
    """Record every public page, and the moment each one stopped being public."""
    now = _second(timezone.now())
    current = current_records()
    with transaction.atomic():
        stored = {record.page_id: record for record in HarvestRecord.objects.select_for_update()}
        new, changed = [], []
        for page_id, (stamp, sets) in current.items():
            stamp = _second(stamp or now)
            record = stored.get(page_id)
            if record is None:
                new.append(HarvestRecord(page_id=page_id, datestamp=stamp, sets=sets))
            elif record.deleted or record.sets != sets:
                # Back to public, or moved between sets: a change harvesters must see now.
                record.deleted, record.sets, record.datestamp = False, sets, now
                changed.append(record)
            elif stamp > record.datestamp:
                record.datestamp = stamp
                changed.append(record)
        for page_id, record in stored.items():
            if page_id not in current and not record.deleted:
                record.deleted, record.datestamp = True, now
                changed.append(record)
        # A concurrent request may have recorded the same new page: theirs is as good.
        HarvestRecord.objects.bulk_create(new, ignore_conflicts=True)
        HarvestRecord.objects.bulk_update(changed, ["deleted", "sets", "datestamp"])


def list_sets():
    """(setSpec, setName) for every set, names in Chinese with the English after."""
    sets = [("type", "类型 / Types")]
    sets += [(f"type:{t.spec}", f"{t.name_zh} / {t.name_en}") for t in RECORD_TYPES]
    sets.append(("hall", "展厅 / Halls"))
    for hall in public_pages(HallPage.objects.all()).order_by("path"):
        sets.append((f"hall:{hall.pk}", hall.title))
    return sets


def public_url(page):
    url = page.get_url()
    return settings.SITE_URL + url if url and url.startswith("/") else url


def _text(html, limit=2000):
    return Truncator(" ".join(strip_tags(html or "").split())).chars(limit)


def dublin_core(page):
    """The oai_dc elements of a live page, as [(element, value)] in the page's language."""
    page = page.specific
    record_type = TYPE_BY_MODEL[type(page)]
    language = page.locale.language_code
    with translation.override(language):
        elements = [("title", page.title), ("identifier", public_url(page))]
        if page.intro:
            elements.append(("description", page.intro))
        elements += [("type", record_type.dcmi_type), ("type", str(record_type.name_zh))]
        elements.append(("publisher", str(settings.SITE_TITLE)))
        elements += _details(page)
        if page.last_published_at:
            elements.append(("date", page.last_published_at.date().isoformat()))
        elements.append(("language", language))
    return [(name, value) for name, value in elements if value]


def _details(page):
    if isinstance(page, ArtifactPage):
        details = [
            ("identifier", page.accession_number),
            ("subject", page.get_object_type_display()),
            ("coverage", page.era),
            ("coverage", page.place_of_origin),
            ("format", page.materials),
            ("format", page.dimensions),
            ("description", _text(page.description)),
            ("contributor", page.donor),
            ("rights", page.get_rights_display()),
            ("rights", RIGHTS_URIS.get(page.rights, "")),
        ]
        if page.year_start:
            years = f"{page.year_start}/{page.year_end}" if page.year_end else page.year_start
            details.append(("date", str(years)))
        if page.hall_id and is_public_page(page.hall):
            details.append(("relation", public_url(page.hall)))
        return details
    if isinstance(page, MerchantHistoryPage):
        return [
            ("subject", page.get_primary_industry_display()),
            ("coverage", page.get_home_county_display()),
            ("relation", page.enterprise),
        ]
    return [("relation", public_url(page.get_parent()))]
