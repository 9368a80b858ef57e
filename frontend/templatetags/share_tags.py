"""Sharing: the Open Graph image of a page and a QR code of its public URL.

WeChat users share a page by scanning its QR code, so every public page shows one (and
prints it); the code is inline SVG, drawn on the server, with nothing fetched at run time.
"""

import qrcode
from django import template
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from frontend.media import public_media
from frontend.share_cards import CARD_SIZE, get_card

register = template.Library()

OWN_IMAGE_SPEC = "fill-1200x630|format-jpeg"


def absolute_url(url, page=None, request=None):
    """A URL usable outside the site (crawlers, QR scanners): the site's root URL + path."""
    if not url or "://" in url:
        return url
    root = ""
    if isinstance(page, Page):
        # The root URL of the page's site, from the site paths the request already holds.
        parts = page.get_url_parts(request)
        root = parts[1] if parts else ""
    if not root and request is not None:
        return request.build_absolute_uri(url)
    return (root or settings.SITE_URL).rstrip("/") + url


def og_image(page, request=None):
    """``{"url", "width", "height", "alt", "generated"}`` for the page's share image.

    The page's own image (``share_image``) wins; otherwise a card is generated.
    """
    if not isinstance(page, Page):
        return None
    specific = page.specific
    own = public_media(getattr(specific, "share_image", None))
    rendition = None
    if own is not None:
        try:
            rendition = own.get_rendition(OWN_IMAGE_SPEC)
        except SourceImageIOError:
            # The original is lost: share a generated card rather than fail the page.
            rendition = None
    if rendition is not None:
        return {
            "url": absolute_url(rendition.url, page, request),
            "width": rendition.width,
            "height": rendition.height,
            "alt": own.default_alt_text,
            "generated": False,
        }
    name = get_card(specific)
    return {
        "url": absolute_url(default_storage.url(name), page, request),
        "width": CARD_SIZE[0],
        "height": CARD_SIZE[1],
        "alt": specific.title,
        "generated": True,
    }


@register.simple_tag(takes_context=True)
def og_image_url(context, page=None):
    image = og_image(page or context.get("page"), context.get("request"))
    return image["url"] if image else ""


@register.inclusion_tag("includes/share_meta.html", takes_context=True)
def share_meta(context, page=None):
    """Open Graph and Twitter image tags for pages that have no image of their own."""
    return {"image": og_image(page or context.get("page"), context.get("request"))}


def qr_matrix(data):
    # A fixed mask skips qrcode's search over all eight, most of its cost on every page
    # rendered; any mask gives a valid code.
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, mask_pattern=0
    )
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


@register.simple_tag
def qr_svg(data, size=160, label=""):
    """The QR code of ``data`` as an inline SVG: one path of dark modules on a white square."""
    if not data:
        return ""
    matrix = qr_matrix(data)
    n = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                runs.append(f"M{start},{y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    label = label or _("二维码：%(url)s") % {"url": data}
    return format_html(
        '<svg class="qr-code" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" '
        'width="{size}" height="{size}" role="img" aria-label="{label}" '
        'shape-rendering="crispEdges"><rect width="{n}" height="{n}" fill="#fff"></rect>'
        '<path fill="#000" d="{d}"></path></svg>',
        n=n,
        size=size,
        label=label,
        d=mark_safe("".join(runs)),  # noqa: S308 - digits and path letters only
    )


@register.inclusion_tag("includes/share_panel.html", takes_context=True)
def share_panel(context, page=None):
    """The page's QR code and share links, shown on screen and in print."""
    page = page or context.get("page")
    request = context.get("request")
    if not isinstance(page, Page):
        return {"url": ""}
    url = page.get_full_url(request) or ""
    # Routes below the page (filters, listing pages) share their own address.
    page_path = page.get_url(request) or ""
    request_path = getattr(request, "path", "")
    if page_path and request_path.startswith(page_path) and request_path != page_path:
        url = absolute_url(request_path, page, request)
    return {"url": url, "title": page.title, "request": request}
