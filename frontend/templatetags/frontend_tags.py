"""Template tags of the public site: navigation, language switch, metadata, images, maps."""

import functools
import hashlib
import json
import logging
from collections import Counter, defaultdict
from decimal import Decimal

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from modelcluster.fields import ParentalKey
from wagtail.images import get_image_model
from wagtail.images.models import Picture, SourceImageIOError
from wagtail.models import Locale, Page, Site

from cms.core import visibility
from cms.core.visibility import public_pages
from frontend.media import is_public_media, public_media
from frontend.publishing.runcache import in_run, remember
from frontend.templatetags.share_tags import og_image as share_og_image

logger = logging.getLogger(__name__)

register = template.Library()

# Image kinds: the crop and the widths offered in srcset. WebP first, JPEG as the fallback.
IMAGE_KINDS = {
    "card": ("fill-{w}x{h}", [(400, 300), (800, 600)]),
    "wide": ("fill-{w}x{h}", [(640, 360), (1024, 576), (1600, 900)]),
    "portrait": ("fill-{w}x{h}", [(300, 400), (600, 800)]),
    "content": ("width-{w}", [(480, None), (800, None), (1200, None)]),
    "full": ("max-{w}x{w}", [(800, None), (1600, None)]),
    "thumb": ("fill-{w}x{h}", [(160, 160), (320, 320)]),
}
IMAGE_SIZES = {
    "card": "(min-width: 60em) 25vw, (min-width: 40em) 50vw, 100vw",
    "wide": "(min-width: 75em) 72rem, 100vw",
    "portrait": "(min-width: 40em) 18rem, 60vw",
    "content": "(min-width: 50em) 46rem, 100vw",
    "full": "(min-width: 75em) 72rem, 100vw",
    "thumb": "10rem",
}
OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_US"}
HREFLANG = {"zh-hans": "zh-Hans", "en": "en"}
# Each language names itself in the switch, whatever the page's language.
LANGUAGE_LABELS = {
    "zh-hans": {"name": "简体中文", "home": "中文首页", "lang": "zh-Hans"},
    "en": {"name": "English", "home": "English home page", "lang": "en"},
}


def _request(context):
    return context.get("request")


# The page chrome (menu, breadcrumbs, language switch) is the same for many pages; while
# the static builder renders, `remember` computes each piece once per run.


def site_root(context):
    """The site's root page (the Chinese home page), whichever locale is being shown."""
    request = _request(context)
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else None


def _site_key(request):
    """Page URLs are relative within the request's site and absolute to other sites."""
    site = Site.find_for_request(request) if request is not None else None
    return site.pk if site else None


def _locales():
    """Locales by language code."""
    return remember("locales", lambda: {loc.language_code: loc for loc in Locale.objects.all()})


def _active_locale():
    def find():
        try:
            return Locale.get_active()
        except (LookupError, Locale.DoesNotExist):
            return Locale.get_default()

    return remember(("active-locale", get_language()), find)


def _language_code(page):
    if in_run() or not Page.locale.is_cached(page):
        codes = remember(
            "locale-codes", lambda: dict(Locale.objects.values_list("pk", "language_code"))
        )
        return codes.get(page.locale_id, "")
    return page.locale.language_code


def _live_translation(page, locale):
    if page is None:
        return None
    if page.locale_id == locale.id:
        return page
    translation = page.get_translation_or_none(locale)
    return translation if translation is not None and translation.live else None


def _home_in(root, locale):
    """The root page's live translation in `locale`, or None."""
    return remember(("home", root.pk, locale.pk), lambda: _live_translation(root, locale))


def _translations(page):
    """Every version of `page` (itself included), with their locales; one query per page."""
    return remember(
        ("translations", page._meta.label, page.pk),
        lambda: list(page.get_translations(inclusive=True).select_related("locale")),
    )


def _live_translation_of(page, locale):
    """`_live_translation` from the page's translations already fetched."""
    if page.locale_id == locale.id:
        return page
    for translation in _translations(page):
        if translation.locale_id == locale.id:
            return translation if translation.live else None
    return None


@register.simple_tag(takes_context=True)
def locale_home(context):
    """The home page in the language being shown, or the Chinese home page."""
    root = site_root(context)
    if root is None:
        return None
    return _home_in(root, _active_locale()) or root


def _menu_items(root, locale, request):
    """The root's children shown in menus, each in `locale` when translated and live."""
    children = list(root.get_children().live().in_menu())
    others = [child.translation_key for child in children if child.locale_id != locale.id]
    translations = {
        translation.translation_key: translation
        for translation in Page.objects.filter(translation_key__in=others, locale=locale)
    }
    current = get_language() or ""
    items = []
    for child in children:
        translation = translations.get(child.translation_key)
        if child.locale_id == locale.id or translation is None or not translation.live:
            shown = child
        else:
            shown = translation
        code = _language_code(shown)
        items.append(
            {
                "url": shown.get_url(request),
                "title": shown.title,
                "path": shown.path,
                # A lang attribute for a title shown in a language other than the page's.
                "lang": HREFLANG.get(code, code) if code and code != current else "",
            }
        )
    return items


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    root = site_root(context)
    current = context.get("page")
    request = _request(context)
    items = []
    if root is not None:
        locale = _active_locale()
        shared = remember(
            ("menu", root.pk, locale.pk, get_language(), _site_key(request)),
            lambda: _menu_items(root, locale, request),
        )
        current_path = current.path if isinstance(current, Page) else None
        for item in shared:
            active = bool(current_path and current_path.startswith(item["path"]))
            items.append({**item, "active": active})
    return {"items": items, "home": locale_home(context), "request": request}


def _crumbs(page, request):
    ancestors = page.get_ancestors().filter(depth__gte=2).specific()
    return [
        {"url": ancestor.get_url(request), "title": ancestor.title, "is_home": ancestor.depth == 2}
        for ancestor in ancestors
    ]


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": [], "page": page}
    request = _request(context)
    # Siblings share their ancestors.
    crumbs = remember(
        ("crumbs", page.path[: -Page.steplen], _site_key(request)),
        lambda: _crumbs(page, request),
    )
    return {"crumbs": crumbs, "page": page, "request": request}


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    """Links to the page in each other language, or to that language's home page."""
    page = context.get("page")
    root = site_root(context)
    current = get_language() or settings.LANGUAGE_CODE
    locales = _locales()
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        locale = locales.get(code)
        if locale is None:
            continue
        labels = LANGUAGE_LABELS.get(code, {"name": code, "home": code, "lang": code})
        # Views that are not pages (the donation status page) name their own translations.
        alternate = context.get("language_alternates", {}).get(code)
        if alternate:
            links.append(
                {
                    "url": alternate,
                    "code": code,
                    "lang": labels["lang"],
                    "label": labels["name"],
                    "is_home_fallback": False,
                }
            )
            continue
        target = _live_translation_of(page, locale) if isinstance(page, Page) else None
        is_home_fallback = target is None
        if target is None and root is not None:
            target = _home_in(root, locale)
        if target is None:
            continue
        links.append(
            {
                "url": target.get_url(_request(context)),
                "code": code,
                "lang": labels["lang"],
                "label": labels["home"] if is_home_fallback else labels["name"],
                "is_home_fallback": is_home_fallback,
            }
        )
    return {"links": links}


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context):
    """Canonical URL, hreflang alternates, Open Graph, Twitter card and JSON-LD."""
    page = context.get("page")
    request = _request(context)
    data = {"request": request, "page": page}
    if not isinstance(page, Page):
        return data
    canonical = page.get_full_url(request)
    listing_page = context.get("listing_page")
    if canonical and listing_page is not None and listing_page.number > 1:
        canonical += f"page/{listing_page.number}/"
    alternates = []
    other_locales = []
    for translation in _translations(page):
        if not translation.live:
            continue
        code = translation.locale.language_code
        if code != page.locale.language_code:
            other_locales.append(OG_LOCALES.get(code, code))
        alternates.append(
            {"hreflang": HREFLANG.get(code, code), "url": translation.get_full_url(request)}
        )
        if code == settings.LANGUAGE_CODE:
            alternates.append({"hreflang": "x-default", "url": translation.get_full_url(request)})
    # The page's own share image, or a generated card when it has none.
    og_image = share_og_image(page, request)
    locale_code = page.locale.language_code
    structured = None
    if hasattr(page, "get_structured_data"):
        structured = page.get_structured_data(request)
    data.update(
        {
            "canonical": canonical,
            "alternates": alternates,
            "description": getattr(page, "summary", "") or page.search_description,
            "og_type": "article"
            if getattr(page, "schema_type", "") == "NewsArticle"
            else "website",
            "og_locale": OG_LOCALES.get(locale_code, locale_code),
            "og_locale_alternates": other_locales,
            "og_image": og_image,
            "structured_data": structured,
        }
    )
    return data


@register.filter
def json_ld(data):
    """JSON for a <script type="application/ld+json">, escaped like json_script."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))  # noqa: S308 - <, >, & escaped above


def _alt_text(image, alt):
    if alt is not None:
        return alt
    if getattr(image, "decorative", False):
        return ""
    contextual = getattr(image, "contextual_alt_text", None)
    if contextual:
        return contextual
    return image.default_alt_text


@register.simple_tag
def responsive_image(image, kind="content", alt=None, css_class="", loading="lazy", sizes=None):
    """A <picture> with WebP and JPEG srcsets, width/height, lazy loading and alt text.

    `alt` overrides the image's own text; pass alt="" for a decorative image.
    """
    if not image or not is_public_media(image):
        # An image in a restricted collection is never shown to the public.
        return ""
    pattern, widths = IMAGE_KINDS[kind]
    specs = []
    for fmt in ("webp", "jpeg"):
        for width, height in widths:
            specs.append(pattern.format(w=width, h=height) + f"|format-{fmt}")
    try:
        renditions = image.get_renditions(*specs)
    except SourceImageIOError:
        # A lost original must not take the whole page down; the page shows no picture.
        logger.error("Image %s has no original file; rendered without it", image.pk)
        return ""
    attrs = {
        "alt": _alt_text(image, alt),
        "loading": loading,
        "decoding": "async",
        "sizes": sizes or IMAGE_SIZES[kind],
    }
    if css_class:
        attrs["class"] = css_class
    return Picture(renditions, attrs).__html__()


@functools.cache
def _image_lookups(model):
    """Relations a page's card image may come from: its image fields and those of its
    inline children (an artifact's gallery)."""
    image_model = get_image_model()
    lookups = []
    for field in model._meta.get_fields():
        if field.many_to_one and field.concrete and field.related_model is image_model:
            lookups.append(field.name)
        elif field.one_to_many and isinstance(getattr(field, "field", None), ParentalKey):
            lookups += [
                f"{field.get_accessor_name()}__{child.name}"
                for child in field.related_model._meta.concrete_fields
                if child.many_to_one and child.related_model is image_model
            ]
    return lookups


@register.simple_tag
def card_images(pages):
    """`pages` as a list, with the images their cards show (`share_image`) and every
    rendition of those images fetched for all of them at once, not three queries a card."""
    pages = list(pages)
    by_model = defaultdict(list)
    for page in pages:
        by_model[type(page)].append(page)
    for model, group in by_model.items():
        lookups = _image_lookups(model)
        if lookups:
            prefetch_related_objects(group, *lookups)
    images = [image for page in pages if (image := getattr(page, "share_image", None))]
    if images:
        # As Wagtail's prefetch_renditions, with every rendition: a prefetched image looks
        # for renditions nowhere else.
        renditions = get_image_model().get_rendition_model().objects.all()
        prefetch_related_objects(
            images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
        )
    return pages


@register.filter
def public_page(page):
    """Whether the public may reach `page` (`cms.core.visibility`), once per run."""
    return visibility.is_public_page(
        page, remember("hidden-page-paths", visibility.hidden_page_paths)
    )


@register.filter
def public(obj):
    """An image or document when the public may see it, else None: `{% with d=doc|public %}`."""
    return public_media(obj)


@register.filter
def lang_field(obj, field):
    """The English variant of a field (`<field>_en`) on English pages, when it is filled in."""
    if (get_language() or "").startswith("en"):
        english = getattr(obj, f"{field}_en", "")
        if english:
            return english
    return getattr(obj, field, "")


@register.simple_tag
def listing_url(page, number):
    return page.listing_page_url(number)


@register.simple_tag
def elided_range(listing_page):
    return listing_page.paginator.get_elided_page_range(
        listing_page.number, on_each_side=2, on_ends=1
    )


@register.simple_tag
def home_dashboard(page):
    """What the home page shows: halls, news, campaigns, projects and progress to the goal."""
    from cms.projects.models import ProjectIndexPage, ProjectPage, ProjectStage
    from cms.projects.progress import COUNTED_STAGES
    from cms.publicity.models import CampaignIndexPage, CampaignPage, NewsIndexPage, NewsPage
    from museum.models import HallPage, MuseumPage

    descendants = Page.objects.descendant_of(page)
    museum = MuseumPage.objects.live().filter(pk__in=descendants.values("pk")).first()
    halls = museum.get_halls()[:6] if museum else HallPage.objects.none()
    news_index = NewsIndexPage.objects.live().child_of(page).first()
    news = news_index.get_news()[:4] if news_index else NewsPage.objects.none()
    campaign_index = CampaignIndexPage.objects.live().child_of(page).first()
    campaigns = (
        campaign_index.get_campaigns()[:3] if campaign_index else CampaignPage.objects.none()
    )
    project_index = ProjectIndexPage.objects.live().child_of(page).first()

    # Each project counts once, whichever languages it is published in; its version in the
    # home page's language wins when the versions disagree.
    projects = {}
    rows = public_pages(ProjectPage.objects.all()).values(
        "translation_key", "amount", "stage", "locale_id"
    )
    for row in rows.order_by("translation_key"):
        key = row["translation_key"]
        if key not in projects or row["locale_id"] == page.locale_id:
            projects[key] = row
    # Toward the goal count signed, building and producing projects, as on the progress page.
    total = sum(
        (row["amount"] for row in projects.values() if row["stage"] in COUNTED_STAGES), Decimal(0)
    )
    goal = page.goal_amount or Decimal(0)
    percent = min(100, round(float(total / goal * 100), 1)) if goal else 0
    local_projects = project_index.get_projects() if project_index else ProjectPage.objects.none()
    counts = Counter(row["stage"] for row in projects.values())
    stages = [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in ProjectStage.choices
    ]
    return {
        "museum": museum,
        "halls": halls,
        "news_index": news_index,
        "news": news,
        "campaign_index": campaign_index,
        "campaigns": campaigns,
        "project_index": project_index,
        "key_projects": local_projects.filter(is_key_project=True)[:3],
        "project_count": len(projects),
        "stages": stages,
        "total": total,
        "goal": goal,
        "percent": percent,
    }


@register.simple_tag
def map_layout(places, width=800, height=400):
    """Places on an equirectangular projection of their own bounding box, with a margin.

    x grows with longitude and y falls with latitude at the same scale, so shapes keep the
    proportions of the plate carrée; the box is widened to the drawing's aspect ratio.
    """
    points = [
        (place["name"], float(place["latitude"]), float(place["longitude"]), place.get("note", ""))
        for place in places
    ]
    if not points:
        return {"width": width, "height": height, "points": [], "graticule": []}
    lats = [p[1] for p in points]
    lons = [p[2] for p in points]
    # A margin around the places that scales with their spread: nearby places get a close-up.
    margin = max(0.5, 0.15 * max(max(lons) - min(lons), max(lats) - min(lats)))
    min_lon, max_lon = min(lons) - margin, max(lons) + margin
    min_lat, max_lat = min(lats) - margin, max(lats) + margin
    span_lon, span_lat = max_lon - min_lon, max_lat - min_lat
    aspect = width / height
    if span_lon / span_lat < aspect:
        extra = span_lat * aspect - span_lon
        min_lon, max_lon = min_lon - extra / 2, max_lon + extra / 2
    else:
        extra = span_lon / aspect - span_lat
        min_lat, max_lat = min_lat - extra / 2, max_lat + extra / 2
    scale = width / (max_lon - min_lon)

    def project(lat, lon):
        return round((lon - min_lon) * scale, 1), round((max_lat - lat) * scale, 1)

    projected = []
    placed_labels = []
    for index, (name, lat, lon, note) in enumerate(points, start=1):
        x, y = project(lat, lon)
        anchor = "end" if x > width * 0.75 else "start"
        # Move a label down while it would overprint one already placed near it.
        label_y = y
        while any(
            abs(label_y - other_y) < 24 and abs(x - other_x) < 200
            for other_x, other_y in placed_labels
        ):
            label_y += 24
        placed_labels.append((x, label_y))
        projected.append(
            {
                "n": index,
                "name": name,
                "note": note,
                "lat": lat,
                "lon": lon,
                "x": x,
                "y": y,
                "label_x": x - 12 if anchor == "end" else x + 12,
                "label_y": round(label_y, 1),
                "anchor": anchor,
            }
        )
    extent = max(max_lon - min_lon, max_lat - min_lat)
    step = next((s for s in (1, 2, 5, 10, 20) if extent / s <= 8), 30)
    graticule = []
    lon = (int(min_lon) // step) * step
    while lon <= max_lon:
        if lon >= min_lon:
            x, _ = project(0, lon)
            graticule.append({"kind": "meridian", "pos": x, "label": _degrees(lon, "E", "W")})
        lon += step
    lat = (int(min_lat) // step) * step
    while lat <= max_lat:
        if lat >= min_lat:
            _, y = project(lat, min_lon)
            graticule.append({"kind": "parallel", "pos": y, "label": _degrees(lat, "N", "S")})
        lat += step
    return {
        "width": width,
        "height": round((max_lat - min_lat) * scale, 1),
        "points": projected,
        "graticule": graticule,
    }


def _degrees(value, positive, negative):
    if value == 0:
        return "0°"
    return f"{abs(value)}°{positive if value > 0 else negative}"


@register.simple_tag
def lang_attr(page):
    """A lang attribute for content shown in a language other than the page's."""
    if isinstance(page, Page):
        code = _language_code(page)
    else:
        code = page.locale.language_code if getattr(page, "locale", None) else ""
    current = get_language() or ""
    if code and code != current:
        return format_html(' lang="{}"', HREFLANG.get(code, code))
    return ""


@register.simple_tag
def dom_id(prefix, value):
    """A stable element id derived from a block's content, so rebuilt pages stay byte-identical."""
    digest = hashlib.sha1(repr(value).encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{prefix}-{digest}"
