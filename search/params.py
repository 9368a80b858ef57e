"""Reading the public's search parameters; anything malformed becomes a clear, translated message."""

from django.conf import settings
from django.utils.translation import get_language_from_request, override
from django.utils.translation import gettext as _

from .documents import FACET_NAMES
from .interface import MAX_PAGE_SIZE, MAX_QUERY_LENGTH, PAGE_SIZE, SORTS, SearchRequest

LANGS = [code for code, _name in settings.LANGUAGES]
MAX_PAGE = 1000
MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 120
NUMERIC_FACETS = ("year", "era", "hall")
# Years, decades and page ids: 18 digits always fit a 64-bit integer, which the database needs.
MAX_NUMBER_DIGITS = 18
KNOWN = {"q", "page", "page_size", "lang", "format", "nocorrect", "sort", *FACET_NAMES}


class BadParameters(ValueError):
    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


def pick_language(params, request, from_header=False):
    """The reader's language: ?lang= when valid, else the URL's (/en/...) or, for the API,
    whose URL carries no language, the Accept-Language header."""
    lang = (params.get("lang") or "").strip().lower()
    if lang in LANGS:
        return lang
    if from_header:
        current = get_language_from_request(request).lower()
    else:
        current = (getattr(request, "LANGUAGE_CODE", "") or "").lower()
    return current if current in LANGS else settings.LANGUAGE_CODE


def _int(params, name, default, low, high, errors):
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        errors.append(_("参数 %(name)s 必须是整数。") % {"name": name})
        return default
    if not low <= value <= high:
        errors.append(
            _("参数 %(name)s 必须在 %(low)s 到 %(high)s 之间。")
            % {"name": name, "low": low, "high": high}
        )
    return value


def parse(params, lang, require_query=True):
    """A SearchRequest from a QueryDict, or BadParameters with messages in `lang`."""
    with override(lang):
        errors = []
        unknown = sorted(set(params) - KNOWN)
        if unknown:
            errors.append(
                _("不支持的参数：%(names)s。可用的筛选项：%(facets)s。")
                % {"names": ", ".join(unknown), "facets": ", ".join(FACET_NAMES)}
            )
        q = " ".join((params.get("q") or "").split())
        # A facet alone is a request too: browse all artifacts of an era without a word.
        if (
            require_query
            and not q
            and not any(v.strip() for n in FACET_NAMES for v in params.getlist(n))
        ):
            errors.append(_("请输入搜索词（参数 q）。"))
        if len(q) > MAX_QUERY_LENGTH:
            errors.append(_("搜索词太长，最多 %(max)s 个字符。") % {"max": MAX_QUERY_LENGTH})
        raw_lang = params.get("lang")
        # Exactly a published value: the document's enum is the contract.
        if raw_lang and raw_lang not in [*LANGS, "all"]:
            errors.append(_("参数 lang 只能是 %(langs)s 或 all。") % {"langs": ", ".join(LANGS)})
        sort = params.get("sort", "relevance")
        if sort not in SORTS:
            errors.append(_("参数 sort 只能是 %(sorts)s。") % {"sorts": ", ".join(SORTS)})
        page = _int(params, "page", 1, 1, MAX_PAGE, errors)
        page_size = _int(params, "page_size", PAGE_SIZE, 1, MAX_PAGE_SIZE, errors)
        filters = {}
        for name in FACET_NAMES:
            values = [v.strip() for v in params.getlist(name) if v.strip()]
            if len(values) > MAX_VALUES_PER_FACET or any(len(v) > MAX_VALUE_LENGTH for v in values):
                errors.append(_("筛选项 %(name)s 的取值过多或过长。") % {"name": name})
            elif name in NUMERIC_FACETS and any(
                not v.isascii() or not v.isdigit() or len(v) > MAX_NUMBER_DIGITS for v in values
            ):
                errors.append(
                    _("筛选项 %(name)s 必须是数字，最多 %(max)s 位。")
                    % {"name": name, "max": MAX_NUMBER_DIGITS}
                )
            elif values:
                filters[name] = values
        if errors:
            raise BadParameters(errors)
    scope = None if raw_lang == "all" else (raw_lang or lang)
    # nocorrect=1: search the query as typed, without a same-sound correction.
    correct = (params.get("nocorrect") or "").lower() not in ("1", "true", "yes")
    return SearchRequest(
        q=q,
        filters=filters,
        page=page,
        page_size=page_size,
        lang=scope,
        correct=correct,
        sort=sort,
    )
