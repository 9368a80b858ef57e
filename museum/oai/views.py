"""The OAI-PMH 2.0 endpoint: the six verbs, oai_dc, sets, resumption tokens, deletions.

Written from the protocol's specification (openarchives.org/OAI/openarchivesprotocol.html);
section numbers below refer to it. Errors are OAI-PMH error elements in a 200 answer, as
the protocol requires, never an HTML or JSON page.
"""

import datetime
import xml.etree.ElementTree as ET

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from .models import HarvestRecord
from .records import (
    dublin_core,
    identifier_for,
    list_sets,
    page_id_from,
    repository_identifier,
    sync_records,
)

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
for prefix, uri in (("", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI)):
    ET.register_namespace(prefix, uri)

METADATA_PREFIX = "oai_dc"
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
EARLIEST = datetime.datetime(2014, 1, 1, tzinfo=datetime.UTC)
SIGNING_SALT = "museum.oai.resumption"  # resumption tokens are signed, not secret

# Arguments per verb (section 3.1.1 and 4): required, optional, exclusive.
VERBS = {
    "Identify": (set(), set(), None),
    "ListMetadataFormats": (set(), {"identifier"}, None),
    "ListSets": (set(), set(), "resumptionToken"),
    "GetRecord": ({"identifier", "metadataPrefix"}, set(), None),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set"}, "resumptionToken"),
}


class OAIError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def page_size():
    return getattr(settings, "OAI_PAGE_SIZE", 50)


def base_url():
    return settings.WAGTAILAPI_BASE_URL + "/api/oai/"


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def sub(parent, tag, text=None, **attributes):
    element = ET.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = str(text)
    return element


@csrf_exempt
def endpoint(request):
    # Section 3.1.1.1: GET, or POST with application/x-www-form-urlencoded.
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    arguments = request.GET if request.method == "GET" else request.POST
    root = ET.Element(f"{{{OAI}}}OAI-PMH")
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    sub(root, f"{{{OAI}}}responseDate", utc(timezone.now()))
    echo = sub(root, f"{{{OAI}}}request", base_url())
    try:
        verb, values = read_arguments(arguments)
        for name, value in values.items():
            echo.set(name, value)
        echo.set("verb", verb)
        sync_records()
        ANSWERS[verb](root, values)
    except OAIError as error:
        if error.code in ("badVerb", "badArgument"):
            # Section 3.6: the request element then carries no attributes.
            echo.attrib.clear()
        sub(root, f"{{{OAI}}}error", error.message, code=error.code)
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def read_arguments(arguments):
    verbs = arguments.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OAIError("badVerb", "verb 参数缺失、重复或无效 / missing, repeated or illegal verb")
    verb = verbs[0]
    required, optional, exclusive = VERBS[verb]
    names = set(arguments) - {"verb"}
    repeated = [name for name in names if len(arguments.getlist(name)) > 1]
    unknown = names - required - optional - {exclusive}
    if repeated or unknown:
        raise OAIError(
            "badArgument",
            f"参数重复或不适用于 {verb} / repeated or illegal arguments: "
            + ", ".join(sorted({*repeated, *unknown})),
        )
    values = {name: arguments[name] for name in names}
    if exclusive in values:
        if len(values) > 1:
            raise OAIError(
                "badArgument", f"{exclusive} 须单独使用 / {exclusive} is an exclusive argument"
            )
        return verb, values
    missing = required - names
    if missing:
        raise OAIError(
            "badArgument",
            "缺少必需参数 / missing required arguments: " + ", ".join(sorted(missing)),
        )
    if "\x00" in "".join(values.values()):
        raise OAIError("badArgument", "参数含有空字符 / an argument contains a NUL byte")
    return verb, values


def identify(root, values):
    answer = sub(root, f"{{{OAI}}}Identify")
    sub(answer, f"{{{OAI}}}repositoryName", str(settings.SITE_TITLE))
    sub(answer, f"{{{OAI}}}baseURL", base_url())
    sub(answer, f"{{{OAI}}}protocolVersion", "2.0")
    sub(answer, f"{{{OAI}}}adminEmail", settings.OAI_ADMIN_EMAIL)
    earliest = HarvestRecord.objects.order_by("datestamp").values_list("datestamp", flat=True)
    sub(answer, f"{{{OAI}}}earliestDatestamp", utc(earliest.first() or EARLIEST))
    sub(answer, f"{{{OAI}}}deletedRecord", "persistent")
    sub(answer, f"{{{OAI}}}granularity", GRANULARITY)
    description = sub(answer, f"{{{OAI}}}description")
    scheme = sub(description, f"{{{OAI_IDENTIFIER}}}oai-identifier")
    scheme.set(
        f"{{{XSI}}}schemaLocation",
        f"{OAI_IDENTIFIER} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd",
    )
    sub(scheme, f"{{{OAI_IDENTIFIER}}}scheme", "oai")
    sub(scheme, f"{{{OAI_IDENTIFIER}}}repositoryIdentifier", repository_identifier())
    sub(scheme, f"{{{OAI_IDENTIFIER}}}delimiter", ":")
    sub(scheme, f"{{{OAI_IDENTIFIER}}}sampleIdentifier", identifier_for(1))


def list_metadata_formats(root, values):
    if "identifier" in values:
        record_for(values["identifier"])
    answer = sub(root, f"{{{OAI}}}ListMetadataFormats")
    format_ = sub(answer, f"{{{OAI}}}metadataFormat")
    sub(format_, f"{{{OAI}}}metadataPrefix", METADATA_PREFIX)
    sub(format_, f"{{{OAI}}}schema", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    sub(format_, f"{{{OAI}}}metadataNamespace", OAI_DC)


def list_sets_answer(root, values):
    if "resumptionToken" in values:
        # Every set fits in one answer: no token was ever issued for ListSets.
        raise OAIError("badResumptionToken", "无效的续传令牌 / invalid resumption token")
    answer = sub(root, f"{{{OAI}}}ListSets")
    for spec, name in list_sets():
        element = sub(answer, f"{{{OAI}}}set")
        sub(element, f"{{{OAI}}}setSpec", spec)
        sub(element, f"{{{OAI}}}setName", name)


def record_for(identifier):
    page_id = page_id_from(identifier)
    record = HarvestRecord.objects.filter(page_id=page_id).first() if page_id else None
    if record is None:
        raise OAIError("idDoesNotExist", f"没有这条记录 / no such record: {identifier}")
    return record


def check_prefix(prefix):
    if prefix != METADATA_PREFIX:
        raise OAIError(
            "cannotDisseminateFormat", f"只提供 oai_dc / only oai_dc is available, not {prefix}"
        )


def get_record(root, values):
    check_prefix(values["metadataPrefix"])
    record = record_for(values["identifier"])
    answer = sub(root, f"{{{OAI}}}GetRecord")
    write_record(answer, record, pages_by_id([record]), with_metadata=True)


def parse_date(value, upper):
    """A from/until argument as an aware datetime bound, and its granularity (section 3.3.1)."""
    for layout, granularity in (("%Y-%m-%dT%H:%M:%SZ", "seconds"), ("%Y-%m-%d", "day")):
        try:
            moment = datetime.datetime.strptime(value, layout).replace(tzinfo=datetime.UTC)
        except ValueError:
            continue
        if upper and granularity == "day":
            moment += datetime.timedelta(days=1) - datetime.timedelta(seconds=1)
        return moment, granularity
    raise OAIError(
        "badArgument", f"日期格式应为 YYYY-MM-DD 或 {GRANULARITY} / illegal date: {value}"
    )


def selection(values):
    """The query a List request asks for: (from, until, set, after) from arguments or a token."""
    if "resumptionToken" in values:
        try:
            state = signing.loads(values["resumptionToken"], salt=SIGNING_SALT)
        except signing.BadSignature as error:
            raise OAIError(
                "badResumptionToken", "无效的续传令牌 / invalid resumption token"
            ) from error
        return state
    check_prefix(values["metadataPrefix"])
    start = parse_date(values["from"], upper=False) if "from" in values else None
    end = parse_date(values["until"], upper=True) if "until" in values else None
    if start and end:
        if start[1] != end[1]:
            raise OAIError("badArgument", "from 与 until 的精度不同 / from and until differ")
        if start[0] > end[0]:
            raise OAIError("badArgument", "from 晚于 until / from is later than until")
    # The list is frozen at the first request: later changes belong to the next harvest.
    until = end[0] if end else timezone.now()
    return {
        "from": start[0].isoformat() if start else None,
        "until": until.isoformat(),
        "set": values.get("set"),
        "after": None,
        "cursor": 0,
    }


def list_records(root, values, with_metadata=True):
    state = selection(values)
    verb = "ListRecords" if with_metadata else "ListIdentifiers"
    if state.get("verb", verb) != verb:
        raise OAIError("badResumptionToken", "续传令牌属于另一动词 / token of another verb")
    records = HarvestRecord.objects.filter(
        datestamp__lte=datetime.datetime.fromisoformat(state["until"])
    )
    if state["from"]:
        records = records.filter(datestamp__gte=datetime.datetime.fromisoformat(state["from"]))
    if state["set"]:
        records = records.filter(sets__contains=f" {state['set']} ")
    total = records.count()
    if state["after"]:
        stamp, page_id = state["after"]
        stamp = datetime.datetime.fromisoformat(stamp)
        records = records.filter(Q(datestamp__gt=stamp) | Q(datestamp=stamp, page_id__gt=page_id))
    batch = list(records.order_by("datestamp", "page_id")[: page_size()])
    if not batch:
        raise OAIError("noRecordsMatch", "没有符合条件的记录 / no records match")
    answer = sub(root, f"{{{OAI}}}{verb}")
    pages = pages_by_id(batch) if with_metadata else {}
    for record in batch:
        write_record(answer, record, pages, with_metadata)
    cursor = state["cursor"]
    token = sub(answer, f"{{{OAI}}}resumptionToken", completeListSize=total, cursor=cursor)
    if cursor + len(batch) < total:
        last = batch[-1]
        token.text = signing.dumps(
            {
                **state,
                "verb": verb,
                "after": [last.datestamp.isoformat(), last.page_id],
                "cursor": cursor + len(batch),
            },
            salt=SIGNING_SALT,
        )
    elif cursor == 0:
        # A complete list in one answer carries no token at all (section 3.5).
        answer.remove(token)


def pages_by_id(records):
    ids = [record.page_id for record in records if not record.deleted]
    pages = Page.objects.filter(pk__in=ids).select_related("locale").specific()
    return {page.pk: page for page in pages}


def write_record(parent, record, pages, with_metadata):
    page = pages.get(record.page_id)
    # Deleted, or gone since the sync of this very request: a header without metadata.
    deleted = record.deleted or (with_metadata and page is None)
    container = sub(parent, f"{{{OAI}}}record") if with_metadata else parent
    header = sub(container, f"{{{OAI}}}header")
    if deleted:
        header.set("status", "deleted")
    sub(header, f"{{{OAI}}}identifier", identifier_for(record.page_id))
    sub(header, f"{{{OAI}}}datestamp", utc(record.datestamp))
    for spec in record.set_specs:
        sub(header, f"{{{OAI}}}setSpec", spec)
    if with_metadata and not deleted:
        metadata = sub(container, f"{{{OAI}}}metadata")
        dc = sub(metadata, f"{{{OAI_DC}}}dc")
        dc.set(
            f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
        )
        for name, value in dublin_core(page):
            sub(dc, f"{{{DC}}}{name}", value)


ANSWERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets_answer,
    "GetRecord": get_record,
    "ListIdentifiers": lambda root, values: list_records(root, values, with_metadata=False),
    "ListRecords": list_records,
}
