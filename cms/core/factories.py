"""Factories for the core pages and for real image files, the base every other app's factories use.

Pages are created with ``parent.add_child`` (wagtail-factories' ``PageFactory``); each page factory
defaults its parent to a fresh chain of the pages it is allowed under, so
``ArtifactPageFactory()`` alone builds home -> museum -> collection -> artifact.
Page factories with optional fields have a ``full`` trait that fills every one of them, so that a
test can render or serve a page showing all its fields.
"""

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from cms.core.models import HomePage, StandardPage


def paragraph(text):
    """A raw StreamField paragraph block."""
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def heading_block(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def image_block(image, caption="", alt_text=None, decorative=False):
    """A raw StreamField captioned image block; the alt text defaults to the image's title."""
    alt_text = "" if decorative else image.title if alt_text is None else alt_text
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
            "caption": caption,
        },
    }


def gallery_block(title, *images):
    """A raw StreamField gallery of ``image_block`` items."""
    return {
        "type": "gallery",
        "value": {"title": title, "images": [item["value"] for item in images]},
    }


def quote_block(text, attribution=""):
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def document_block(document, title=""):
    return {"type": "document", "value": {"document": document.pk, "title": title}}


def timeline_block(title, *entries):
    """Entries are ``(year, title, text)``."""
    return {
        "type": "timeline",
        "value": {
            "title": title,
            "entries": [
                {"year": year, "title": name, "text": text} for year, name, text in entries
            ],
        },
    }


def map_block(title, *places):
    """Places are ``(name, latitude, longitude, note)``."""
    return {
        "type": "map",
        "value": {
            "title": title,
            "places": [
                {"name": name, "latitude": latitude, "longitude": longitude, "note": note}
                for name, latitude, longitude, note in places
            ],
        },
    }


def publish(page):
    """Publish the page through a revision, as an editor would."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, language_code="en", **fields):
    """Copy the page (and any untranslated ancestors) into another locale, set fields, publish."""
    locale = Locale.objects.get(language_code=language_code)
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def make_default_site(home):
    """Point the default site at ``home``."""
    site, _ = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "温商"},
    )
    return site


class ImageFactory(wagtail_factories.ImageFactory):
    """A real JPEG drawn by Pillow, filed in the root collection."""

    title = factory.Sequence(lambda n: f"温商旧影 {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(
        filename=factory.Sequence(lambda n: f"wzm-{n}.jpg"),
        width=640,
        height=480,
        color="#8a3324",
        format="JPEG",
    )


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A small text file, filed in the root collection."""

    title = factory.Sequence(lambda n: f"温商回归宣传册 {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.FileField(
        filename=factory.Sequence(lambda n: f"wzm-{n}.txt"), data="温商回归宣传手册\n".encode()
    )


class BasePageFactory(wagtail_factories.PageFactory):
    """Fields every page in the project shares (``cms.core.models.BasePage``)."""

    title = factory.Sequence(lambda n: f"页面 {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    intro = factory.LazyAttribute(lambda page: f"{page.title}的简介。")
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    class Meta:
        abstract = True


class HomePageFactory(BasePageFactory):
    title = "世界温商博物馆与信息平台"
    slug = factory.Sequence(lambda n: f"home-{n}")
    parent = factory.LazyFunction(Page.get_first_root_node)
    body = factory.LazyFunction(lambda: [paragraph("温商回归，共建家乡。")])

    class Meta:
        model = HomePage


class StandardPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"关于我们 {n}")
    slug = factory.Sequence(lambda n: f"about-{n}")
    parent = factory.SubFactory(HomePageFactory)
    body = factory.LazyFunction(lambda: [paragraph("世界温商博物馆由温州市人民政府主办。")])

    class Meta:
        model = StandardPage
