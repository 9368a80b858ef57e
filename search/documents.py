"""What the index holds for a page: text gathered from the page type's own `search_fields`,
facet values, and the analysed forms every backend stores.

Which text goes where follows the model's declarations: `title` is the title, a SearchField
with boost >= 2 (names, codes, enterprises, themes) is a keyword field, every other
SearchField is body text. Only public data is read: private fields are never declared as
search fields, and only live pages without view restrictions are indexed.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import date as _Date
from functools import lru_cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Manager
from django.utils.html import strip_tags
from django.utils.translation import override
from modelsearch import index
from wagtail.models import Page

from cms.core.visibility import is_hidden_from_public

from . import text as textlib

FAMILIES = {
    "museum": "museum",
    "projects": "platform",
    "chambers": "platform",
    "events": "platform",
    "publicity": "publicity",
}
DEFAULT_FAMILY = "general"

# Facet name -> model attributes that carry its value, first non-empty wins.
YEAR_FIELDS = [
    "year_start",
    "start_year",
    "date",
    "start_date",
    "signed_date",
    "founded",
    "birth_year",
]
CHOICE_FACETS = {
    "region": ["county", "home_county", "province"],
    "industry": ["industry", "primary_industry"],
    "stage": ["stage"],
}
FACET_NAMES = ["type", "hall", "era", "region", "country", "industry", "stage", "year"]
KEYWORD_BOOST = 2
# The attributes that date a page for sorting (newest, oldest) and recency, first date wins.
DATE_FIELDS = ["date", "start_date", "signed_date"]
# Families whose relevance decays with age (news and campaigns).
RECENCY_FAMILIES = frozenset({"publicity"})


@dataclass
class SearchDocument:
    page_id: int
    locale: str
    content_type: str
    type_code: str
    family: str
    title: str
    url: str
    text: str
    image_id: int | None
    facets: dict = field(default_factory=dict)
    keywords: list = field(default_factory=list)
    body: list = field(default_factory=list)
    romanised: list = field(default_factory=list)
    # The page's own date (a news item's, a campaign's start): sorting by date and the
    # recency of news and campaigns. None for kinds without one.
    date: _Date | None = None

    # Analysed forms, normalised and tokenised once for all backends.
    def normalised(self):
        return {
            "title": textlib.normalise(self.title),
            "keywords": textlib.normalise(" ".join(self.keywords)),
            "body": textlib.normalise(" ".join(self.body)),
        }

    def pinyin(self, norm=None):
        norm = norm or self.normalised()
        out = textlib.pinyin_tokens(norm["title"] + " " + norm["keywords"])
        for name in self.romanised:
            out.extend(textlib.romanised_name_tokens(name))
        return list(dict.fromkeys(out))

    def columns(self):
        """Space-joined token columns for the embedded backend."""
        norm = self.normalised()
        return {
            "title": " ".join(textlib.tokens(norm["title"])),
            "keywords": " ".join(textlib.tokens(norm["keywords"])),
            "pinyin": " ".join(self.pinyin(norm)),
            "body": " ".join(textlib.tokens(norm["body"], hmm=False)),
            "grams": " ".join(
                textlib.bigrams(" ".join([norm["title"], norm["keywords"], norm["body"]]))
            ),
            # The bigrams of the title and names alone: broad queries take their best title
            # matches, substrings included (普拉托 in 1977年普拉托珍藏全家福), from these.
            "name_grams": " ".join(textlib.bigrams(" ".join([norm["title"], norm["keywords"]]))),
        }


def type_code(model):
    name = model._meta.model_name
    return name[: -len("page")] if name.endswith("page") and name != "page" else name


def family_of(model):
    return FAMILIES.get(model._meta.app_label, DEFAULT_FAMILY)


@lru_cache(maxsize=1)
def indexed_page_models():
    """Every concrete page type that declares search fields (each model opts in itself)."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and index.class_is_indexed(model)
    ]


def unpublished_paths():
    """Paths of pages that are not live: their descendants are off the public site too."""
    return frozenset(Page.objects.filter(live=False, depth__gt=1).values_list("path", flat=True))


def _under_unpublished(page, dead_paths):
    if dead_paths is None:
        return page.get_ancestors().filter(live=False, depth__gt=1).exists()
    step = page.steplen
    return any(page.path[:i] in dead_paths for i in range(2 * step, len(page.path), step))


def is_indexable(page, known_public=False, dead_paths=None):
    """Live, not expired, under live ancestors and without a view restriction on the page or
    an ancestor. A bulk run passes `known_public` and `dead_paths` it computed once."""
    return (
        page.depth > 1
        and page.live
        and not page.expired
        and (known_public or not page.get_view_restrictions().exists())
        and not _under_unpublished(page, dead_paths)
        # The page type's own rule (campaigns not approved): cms.core.visibility decides.
        and (known_public or not is_hidden_from_public(page))
    )


def _as_texts(value):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            out.extend(_as_texts(item))
        return out
    value = str(value)
    if "<" in value:
        value = strip_tags(value)
    value = value.strip()
    return [value] if value else []


def _related_texts(related, page):
    value = related.get_value(page)
    if value is None:
        return []
    objects = value.all() if isinstance(value, Manager) else [value]
    out = []
    for obj in objects:
        for sub in related.fields:
            if isinstance(sub, index.SearchField):
                out.extend(_as_texts(sub.get_value(obj)))
    return out


def _choice_label(page, attr):
    display = getattr(page, f"get_{attr}_display", None)
    return str(display()) if display else ""


def _year_of(page):
    for attr in YEAR_FIELDS:
        value = getattr(page, attr, None)
        if isinstance(value, date):
            return value.year
        if isinstance(value, int) and value:
            return value
    return None


def date_of(page):
    for attr in DATE_FIELDS:
        value = getattr(page, attr, None)
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
    return None


def _hall_id(page, halls_by_path=None):
    """The hall a page belongs to: itself, its parent hall (exhibits) or its `hall` field."""
    from museum.models import ExhibitPage, HallPage

    if isinstance(page, HallPage):
        return page.pk
    if isinstance(page, ExhibitPage):
        parent_path = page.path[: -page.steplen]
        if halls_by_path is not None:
            return halls_by_path.get(parent_path)
        return HallPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
    return getattr(page, "hall_id", None)


def halls_by_path():
    from museum.models import HallPage

    return dict(HallPage.objects.values_list("path", "pk"))


def _image_id(page):
    """The id of the page's share image (first gallery image, hero, portrait, listing image),
    read from foreign keys so indexing does not load every image."""
    if hasattr(page, "gallery_images"):
        first = next(iter(page.gallery_images.all()), None)
        if first is not None:
            return first.image_id
    for attr in ("hero_image_id", "portrait_id", "listing_image_id"):
        value = getattr(page, attr, None)
        if value:
            return value
    return None


def facets_of(page, halls=None):
    """Facet values as codes; labels are looked up at query time in the reader's language."""
    facets = {"type": [type_code(page.specific_class or type(page))]}
    hall_id = _hall_id(page, halls)
    if hall_id:
        facets["hall"] = [str(hall_id)]
    year = _year_of(page)
    if year:
        facets["year"] = [str(year)]
        facets["era"] = [str(year // 10 * 10)]
    for name, attrs in CHOICE_FACETS.items():
        for attr in attrs:
            value = getattr(page, attr, "")
            if value:
                facets[name] = [str(value)]
                break
    if hasattr(page, "business_locations"):
        countries = [loc.country.strip() for loc in page.business_locations.all() if loc.country]
        if countries:
            facets["country"] = list(dict.fromkeys(countries))
    return facets


def build_document(page, known_public=False, halls=None, dead_paths=None):
    """The document for a live public page, or None when the page must not be indexed.

    A bulk rebuild passes `known_public` (its queryset already excludes restricted pages)
    and a precomputed `halls` map to save queries per page.
    """
    page = page.specific
    model = type(page)
    if not is_indexable(page, known_public, dead_paths):
        return None
    url_parts = page.get_url_parts()
    if url_parts is None:
        return None
    title, keywords, body, romanised = page.title, [], [], []
    for search_field in model.get_search_fields():
        if isinstance(search_field, index.RelatedFields):
            body.extend(_related_texts(search_field, page))
        elif isinstance(search_field, index.SearchField):
            if search_field.field_name == "title":
                continue
            texts = _as_texts(search_field.get_value(page))
            if (search_field.boost or 0) >= KEYWORD_BOOST:
                keywords.extend(texts)
                romanised.extend(t for t in texts if t.replace(" ", "").isalpha() and t.isascii())
            else:
                body.extend(texts)
    snippet_text = " ".join(_as_texts([page.search_description, *body]))
    facets = facets_of(page, halls)
    # Choice labels (county, industry, stage) make "新能源 项目" or "乐清" find pages
    # whose field holds only a code.
    with override(page.locale.language_code):
        labels = []
        for attrs in CHOICE_FACETS.values():
            labels.extend(_choice_label(page, attr) for attr in attrs if getattr(page, attr, ""))
        if "country" in facets:
            labels.extend(facets["country"])
    body.extend(label for label in labels if label)
    image_id = _image_id(page)
    return SearchDocument(
        page_id=page.pk,
        locale=page.locale.language_code,
        content_type=model._meta.label_lower,
        type_code=type_code(model),
        family=family_of(model),
        title=title,
        url=url_parts[2],
        text=snippet_text,
        image_id=image_id,
        facets=facets,
        keywords=keywords,
        body=body,
        romanised=romanised,
        date=date_of(page),
    )


@lru_cache(maxsize=1)
def navigation_types():
    """Type codes of home, museum and index pages (`search_navigation`): ranked below content."""
    return frozenset(
        type_code(m) for m in indexed_page_models() if getattr(m, "search_navigation", False)
    )


@lru_cache(maxsize=64)
def _code_labels(name, lang):
    """{code: label} of a facet whose labels come from the code (types and choices).

    Built once per language: translating every choice of every page type on each search
    took about half of a narrow query's time."""
    with override(lang):
        if name == "type":
            return {type_code(m): str(m._meta.verbose_name) for m in indexed_page_models()}
        choices = {}
        for model in indexed_page_models():
            for attr in CHOICE_FACETS[name]:
                try:
                    model_field = model._meta.get_field(attr)
                except FieldDoesNotExist:
                    continue
                choices.update({k: str(v) for k, v in model_field.choices or []})
        return choices


def facet_labels(name, values, lang):
    """Human labels for facet codes in the reader's language."""
    if name == "type" or name in CHOICE_FACETS:
        labels = _code_labels(name, lang)
        return {v: labels.get(v, v) for v in values}
    with override(lang):
        if name == "hall":
            ids = [int(v) for v in values if v.isdigit()]
            titles = dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))
            return {v: titles.get(int(v), v) if v.isdigit() else v for v in values}
        if name == "era":
            return {v: (f"{v}s" if lang == "en" else f"{v}年代") for v in values}
        return {v: v for v in values}
