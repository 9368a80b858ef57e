"""The search page (works without JavaScript) and the JSON API it is enhanced with."""

import logging
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from . import interface
from .documents import FACET_NAMES
from .params import LANGS, BadParameters, parse, pick_language

logger = logging.getLogger(__name__)

# A facet shows its biggest values; the rest (years, counties...) fold under "more".
FACET_VISIBLE = 8


def _fold(name, values):
    """The facet with its largest values (and any chosen one) shown, the others folded, in order."""
    largest = sorted(values, key=lambda v: -v["count"])[:FACET_VISIBLE]
    shown = [v for v in values if v["active"] or any(v is big for big in largest)]
    return {
        "name": name,
        "title": FACET_TITLES[name],
        "values": shown,
        "more": [v for v in values if not any(v is s for s in shown)],
    }


FACET_TITLES = {
    "type": gettext_lazy("内容类型"),
    "hall": gettext_lazy("展厅"),
    "era": gettext_lazy("年代"),
    "region": gettext_lazy("县（市、区）或省份"),
    "country": gettext_lazy("国家或地区"),
    "industry": gettext_lazy("产业"),
    "stage": gettext_lazy("项目阶段"),
    "year": gettext_lazy("年份"),
}


SORT_LABELS = {
    "relevance": gettext_lazy("相关度"),
    "newest": gettext_lazy("最新"),
    "oldest": gettext_lazy("最早"),
}


def _error(status, messages, lang):
    with override(lang):
        title = _("请求参数有误") if status == 400 else _("搜索暂时不可用，请稍后再试。")
    return JsonResponse(
        {"error": {"status": status, "message": title, "details": messages}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _run(search_request):
    try:
        return interface.run(search_request), None
    except Exception:
        # The page and the API answer with a message, never a server error page.
        logger.exception("search failed for %r", search_request.q)
        return None, 503


# No cookie-authenticated state changes here: other methods get a 405, not a CSRF page.
@csrf_exempt
@require_GET
def api_search(request):
    lang = pick_language(request.GET, request, from_header=True)
    try:
        search_request = parse(request.GET, lang)
    except BadParameters as exc:
        return _error(400, exc.messages, lang)
    with override(lang):
        result, failure = _run(search_request)
    if failure:
        return _error(failure, [], lang)
    data = result.as_dict()
    data["lang"] = lang
    for hit in data["results"]:
        hit.pop("score", None)
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@csrf_exempt
@require_GET
def api_suggest(request):
    lang = pick_language(request.GET, request, from_header=True)
    prefix = " ".join((request.GET.get("q") or "").split())
    raw_lang = request.GET.get("lang")
    if raw_lang and raw_lang not in [*LANGS, "all"]:
        with override(lang):
            message = _("参数 lang 只能是 %(langs)s 或 all。") % {"langs": ", ".join(LANGS)}
        return _error(400, [message], lang)
    if not prefix:
        with override(lang):
            return _error(400, [_("请输入搜索词（参数 q）。")], lang)
    if len(prefix) > interface.MAX_QUERY_LENGTH:
        with override(lang):
            message = _("搜索词太长，最多 %(max)s 个字符。") % {"max": interface.MAX_QUERY_LENGTH}
        return _error(400, [message], lang)
    try:
        suggestions = interface.suggest(prefix, lang=lang)
    except Exception:
        logger.exception("suggest failed for %r", prefix)
        return _error(503, [], lang)
    return JsonResponse(
        {"q": prefix, "suggestions": suggestions}, json_dumps_params={"ensure_ascii": False}
    )


def _with(params, **changes):
    """The current query string with some parameters replaced (None removes)."""
    data = {k: params.getlist(k) for k in params}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value if isinstance(value, list) else [value]
    return "?" + urlencode(data, doseq=True)


@require_GET
def search_page(request):
    lang = pick_language({}, request)
    params = request.GET.copy()
    params.pop("lang", None)
    context = {"q": " ".join((params.get("q") or "").split()), "errors": [], "result": None}
    status = 200
    if context["q"] or any(params.getlist(n) for n in FACET_NAMES):
        try:
            search_request = parse(params, lang)
        except BadParameters as exc:
            context["errors"] = exc.messages
            status = 400
        else:
            result, failure = _run(search_request)
            if failure:
                with override(lang):
                    context["errors"] = [_("搜索暂时不可用，请稍后再试。")]
                status = failure
            else:
                context["result"] = result
                context["facets"] = [
                    _fold(
                        name,
                        [
                            {
                                "value": f.value,
                                "label": f.label,
                                "count": f.count,
                                "active": f.value in params.getlist(name),
                                "url": _with(
                                    params,
                                    page=None,
                                    **{
                                        name: [v for v in params.getlist(name) if v != f.value]
                                        if f.value in params.getlist(name)
                                        else [*params.getlist(name), f.value]
                                    },
                                ),
                            }
                            for f in result.facets.get(name, [])
                        ],
                    )
                    for name in FACET_NAMES
                    if result.facets.get(name)
                ]
                context["sorts"] = [
                    {
                        "label": label,
                        "active": search_request.sort == value,
                        "url": _with(
                            params, sort=None if value == "relevance" else value, page=None
                        ),
                    }
                    for value, label in SORT_LABELS.items()
                ]
                page = search_request.page
                context["start_index"] = (page - 1) * search_request.page_size + 1
                context["previous_url"] = _with(params, page=str(page - 1)) if page > 1 else None
                context["next_url"] = (
                    _with(params, page=str(page + 1)) if page < result.num_pages else None
                )
                if result.corrected_from:
                    context["as_typed_url"] = _with(
                        params, q=result.corrected_from, nocorrect="1", page=None
                    )
                context["suggestion_urls"] = [
                    {"text": s, "url": _with(params, q=s, page=None)} for s in result.suggestions
                ]
    return render(request, "search/search_page.html", context, status=status)
