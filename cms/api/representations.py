"""JSON shapes shared by API v2, API v3 and StreamField blocks.

One place decides how a page link, an image or a document looks in the API, and
whether it may be shown at all: only live pages outside view restrictions, and only
images and documents outside restricted collections, so a reference never leaks a
draft title or a donor's photo.
"""

from typing import Any

from django.urls.exceptions import NoReverseMatch
from typing_extensions import TypedDict
from wagtail.models import CollectionViewRestriction, PageViewRestriction

# Renditions for images inside StreamField content (galleries, captioned images).
BLOCK_IMAGE_SPEC = "max-1200x1200|format-webp"


class ChoiceDict(TypedDict):
    value: str
    label: str


class PageLinkDict(TypedDict):
    id: int
    type: str
    title: str
    url: str | None
    html_url: str | None


class ImageDict(TypedDict):
    id: int
    title: str
    alt: str
    url: str
    full_url: str
    width: int
    height: int


class DocumentDict(TypedDict):
    id: int
    title: str
    url: str
    file_extension: str


def _cache(context):
    """A per-request cache kept in the serializer context when there is one."""
    if isinstance(context, dict):
        return context.setdefault("_wzm_api_cache", {})
    return {}


def _restricted_collection_ids(context=None):
    cache = _cache(context)
    if "collections" not in cache:
        ids = set()
        for restriction in CollectionViewRestriction.objects.select_related("collection"):
            root = restriction.collection
            ids.update(
                type(root).objects.filter(path__startswith=root.path).values_list("pk", flat=True)
            )
        cache["collections"] = ids
    return cache["collections"]


def _restricted_page_paths(context=None):
    cache = _cache(context)
    if "pages" not in cache:
        cache["pages"] = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return cache["pages"]


def is_public_page(page, context=None):
    """Live and outside every view restriction: what an anonymous visitor may see."""
    if page is None or not page.live:
        return False
    if any(page.path.startswith(path) for path in _restricted_page_paths(context)):
        return False
    from cms.core.visibility import is_hidden_from_public

    return not is_hidden_from_public(page)


def is_public_media(obj, context=None):
    return obj is not None and obj.collection_id not in _restricted_collection_ids(context)


def page_link(page, context=None) -> PageLinkDict | None:
    if not is_public_page(page, context):
        return None
    specific_class = page.specific_class or type(page)
    try:
        url, html_url = page.get_url(), page.get_full_url()
    except NoReverseMatch:
        url = html_url = None
    return PageLinkDict(
        id=page.pk,
        type=specific_class._meta.label,
        title=page.title,
        url=url,
        html_url=html_url,
    )


def image_rendition(image, spec=BLOCK_IMAGE_SPEC, context=None) -> ImageDict | None:
    from wagtail.images.models import SourceImageIOError

    if not is_public_media(image, context):
        return None
    try:
        rendition = image.get_rendition(spec)
    except SourceImageIOError:
        return None
    # An ImageBlock value carries the alt text chosen where the image is used.
    if getattr(image, "decorative", False):
        alt = ""
    else:
        alt = getattr(image, "contextual_alt_text", None) or rendition.alt
    return ImageDict(
        id=image.pk,
        title=image.title,
        alt=alt,
        url=rendition.url,
        full_url=rendition.full_url,
        width=rendition.width,
        height=rendition.height,
    )


def document_link(document, context=None) -> DocumentDict | None:
    if not is_public_media(document, context):
        return None
    return DocumentDict(
        id=document.pk,
        title=document.title,
        url=document.url,
        file_extension=document.file_extension,
    )


def choice(instance, field_name) -> ChoiceDict | None:
    """A choices field as its stored value and its label in the content's language."""
    from django.utils import translation

    value = getattr(instance, field_name)
    if value in (None, ""):
        return None
    with translation.override(content_language(instance)):
        label = str(getattr(instance, f"get_{field_name}_display")())
    return ChoiceDict(value=value, label=label)


def content_language(instance) -> str:
    """The language of a page, or of the page an inline object belongs to."""
    from django.utils import translation
    from modelcluster.fields import ParentalKey

    locale = getattr(instance, "locale", None)
    if locale is None:
        for field in instance._meta.fields:
            if isinstance(field, ParentalKey):
                locale = getattr(getattr(instance, field.name, None), "locale", None)
                break
    return locale.language_code if locale else translation.get_language()


def struct_value_to_dict(block, value, context, overrides: dict[str, Any]):
    """The default StructBlock API representation with some children replaced."""
    data = {}
    for name, child in block.child_blocks.items():
        if name in overrides:
            data[name] = overrides[name]
        else:
            data[name] = child.get_api_representation(value.get(name), context=context)
    return data
