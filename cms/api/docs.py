"""The API's documentation pages: an index of every published contract, and Swagger UI for
the platform's own document, drawn with the Swagger UI files django-ninja ships (no CDN)."""

import json
from pathlib import Path

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def docs_index(request):
    return render(request, "api/docs_index.html")


@require_GET
def platform_docs(request):
    return render(request, "api/swagger.html", {"openapi_url": reverse("platform_openapi")})


STATIC_SCHEMAS = Path(__file__).parent / "static_schemas"
# What each kind of file under STATIC_API_URL is, by its path below that URL.
STATIC_FILE_KINDS = {
    "index": "index.json",
    "locale-index": "pages/<locale>/index.json",
    "listing": "pages/<locale>/<app_label.Model>.json",
    "page": "pages/<id>.json",
}


def static_schema(kind):
    return json.loads((STATIC_SCHEMAS / f"{kind}.json").read_text("utf-8"))


def static_file_kind(relative_path):
    """The kind of a file of the static API, from its path below STATIC_API_URL."""
    parts = relative_path.split("/")
    if parts == ["index.json"]:
        return "index"
    if len(parts) == 2 and parts[0] == "pages" and parts[1].removesuffix(".json").isdigit():
        return "page"
    if len(parts) == 3 and parts[0] == "pages":
        return "locale-index" if parts[2] == "index.json" else "listing"
    return None


@require_GET
def static_schemas_index(request):
    return JsonResponse(
        {
            kind: {"files": pattern, "schema": reverse("static_api_schema", args=[kind])}
            for kind, pattern in STATIC_FILE_KINDS.items()
        }
    )


@require_GET
def static_schema_view(request, kind):
    if kind not in STATIC_FILE_KINDS:
        raise Http404
    return JsonResponse(static_schema(kind), json_dumps_params={"ensure_ascii": False})
