"""Admin views of the core app."""

from django.http import JsonResponse
from wagtail.models import Page

from cms.core.slugs import pinyin_slug, unique_slug


def pinyin_slug_view(request):
    """``{"slug": ...}`` for ``?title=``: what the page form would fill in, for the live preview.

    With ``parent`` (and ``page`` when editing), the slug is made unique among that parent's
    children, as saving would.
    """
    slug = pinyin_slug(request.GET.get("title", "")[:255])
    parent = _page(request.GET.get("parent"))
    if slug and parent is not None:
        slug = unique_slug(slug, parent, _page(request.GET.get("page")))
    return JsonResponse({"slug": slug})


def _page(value):
    if not (value or "").isdigit():
        return None
    return Page.objects.filter(pk=int(value)).first()
