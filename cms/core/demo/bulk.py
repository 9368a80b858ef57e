"""Bulk page generation for benchmarks.

``add_child`` saves, validates and signals page by page, which is far too slow for 100,000
pages. Here the tree paths are computed directly (treebeard's materialized path: four
base-36 characters per level), the ``wagtailcore_page`` rows are inserted with
``bulk_create`` and the type-specific rows with one multi-row INSERT per batch, inside one
transaction. Generated pages are live, carry no revisions (the public site, the API and
the static builder read live pages only) and have slugs starting with ``gen-`` so that
``--clear`` removes exactly them.
"""

import datetime
import random
import uuid
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_delete
from django.utils import timezone
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_delete_signal_handler
from wagtail.models import Locale, Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.core.choices import Industry, WenzhouCounty
from cms.projects.models import (
    InvestorOrigin,
    ProjectIndexPage,
    ProjectPage,
    ProjectProgressUpdate,
    ProjectStage,
)
from cms.publicity.models import NewsIndexPage, NewsPage
from museum.models import (
    ArtifactImage,
    ArtifactPage,
    CollectionIndexPage,
    MerchantBusinessLocation,
    MerchantHistoryPage,
    MerchantIndexPage,
    MerchantLifeEvent,
    RightsStatement,
)

from . import words
from .images import ImageLibrary

PREFIX = "gen-"
DELETE_CHUNK = 500
IMAGE_POOL = 12


class MissingParentError(Exception):
    """The index page that generated pages go under does not exist yet."""


@dataclass
class Kind:
    key: str
    model: type
    parent_model: type


KINDS = {
    "artifacts": Kind("artifact", ArtifactPage, CollectionIndexPage),
    "news": Kind("news", NewsPage, NewsIndexPage),
    "merchants": Kind("merchant", MerchantHistoryPage, MerchantIndexPage),
    "projects": Kind("project", ProjectPage, ProjectIndexPage),
}

# Inline rows of each page type and the name of their key to the page.
CHILD_KEYS = {
    ArtifactImage: "artifact",
    MerchantBusinessLocation: "merchant",
    MerchantLifeEvent: "merchant",
    ProjectProgressUpdate: "project",
}


def find_parent(kind, locale):
    parent = kind.parent_model.objects.filter(locale=locale).order_by("path").first()
    if parent is None:
        raise MissingParentError(kind.parent_model._meta.verbose_name)
    return Page.objects.get(pk=parent.pk)


def generated(kind, parent):
    return Page.objects.child_of(parent).filter(slug__startswith=f"{PREFIX}{kind.key}-")


def _next_number(kind, parent):
    slugs = generated(kind, parent).values_list("slug", flat=True)
    numbers = [int(s.rsplit("-", 1)[1]) for s in slugs if s.rsplit("-", 1)[1].isdigit()]
    return max(numbers, default=0) + 1


class ContentGenerator:
    """Writes N pages of one kind under its index page, in batches, in one transaction."""

    def __init__(self, seed=2026, batch_size=1000):
        self.rng = random.Random(seed)  # noqa: S311 -- deterministic sample text, not security
        self.batch_size = batch_size
        self.locale = Locale.objects.get(language_code="zh-hans")
        self.now = timezone.now()
        self._images = None
        self._portraits = None

    # -- shared pictures -------------------------------------------------------------------

    def images(self):
        if self._images is None:
            library = ImageLibrary()
            self._images = [
                library.artifact(
                    f"gen-artifact-image-{n}",
                    f"生成藏品配图 {n + 1}",
                    f"生成内容的藏品配图：{obj}",
                    kind,
                    obj,
                )
                for n, (obj, kind) in enumerate(words.OBJECTS[:IMAGE_POOL])
            ]
        return self._images

    def portraits(self):
        if self._portraits is None:
            library = ImageLibrary()
            self._portraits = [
                library.portrait(
                    f"gen-portrait-{n}", f"生成人物肖像 {n + 1}", "生成内容的示例人物肖像", ""
                )
                for n in range(IMAGE_POOL)
            ]
        return self._portraits

    # -- generation ------------------------------------------------------------------------

    def generate(self, kind_name, count):
        kind = KINDS[kind_name]
        if count <= 0:
            return 0
        make = getattr(self, f"_make_{kind.key}")
        with transaction.atomic():
            parent = find_parent(kind, self.locale)
            number = _next_number(kind, parent)
            last = parent.get_last_child()
            step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
            content_type = ContentType.objects.get_for_model(kind.model)
            done = 0
            while done < count:
                size = min(self.batch_size, count - done)
                pages, children = [], []
                for _ in range(size):
                    slug = f"{PREFIX}{kind.key}-{number:06d}"
                    page, extra = make(number)
                    published = self.now - datetime.timedelta(
                        minutes=self.rng.randint(0, 60 * 24 * 900)
                    )
                    page.slug = slug
                    page.draft_title = page.title
                    page.path = Page._get_path(parent.path, parent.depth + 1, step)
                    page.depth = parent.depth + 1
                    page.numchild = 0
                    page.url_path = f"{parent.url_path}{slug}/"
                    page.content_type = content_type
                    page.locale = self.locale
                    page.translation_key = uuid.uuid4()
                    page.live = True
                    page.has_unpublished_changes = False
                    page.first_published_at = page.last_published_at = published
                    pages.append(page)
                    children.append(extra)
                    number += 1
                    step += 1
                self._insert(kind.model, pages)
                self._insert_children(pages, children)
                done += size
            Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
        return count

    def _insert(self, model, pages):
        # The base rows get their ids back from the database (RETURNING on SQLite and PostgreSQL).
        Page.objects.bulk_create(pages, batch_size=self.batch_size)
        for page in pages:
            page.page_ptr_id = page.id
            page._state.adding = False
            page._state.db = connection.alias
        fields = list(model._meta.local_concrete_fields)
        batch = max(1, connection.ops.bulk_batch_size(fields, pages))
        for start in range(0, len(pages), batch):
            model._base_manager._insert(
                pages[start : start + batch], fields=fields, using=connection.alias
            )

    def _insert_children(self, pages, children):
        rows = {}
        for page, extra in zip(pages, children, strict=True):
            for row in extra:
                setattr(row, f"{CHILD_KEYS[type(row)]}_id", page.id)
                rows.setdefault(type(row), []).append(row)
        for model, objs in rows.items():
            model.objects.bulk_create(objs, batch_size=self.batch_size)

    # -- one page of each kind -------------------------------------------------------------

    def _pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def _sentence(self):
        r = self.rng
        return (
            f"{r.randint(1978, 2025)}年，{self._pick(words.PLACES)}的温州商人{self._pick(words.VERBS)}"
            f"{self._pick(words.INDUSTRY_WORDS)}企业，秉持“{self._pick(words.PHRASES)}”的精神，"
            f"业务遍及{self._pick(words.DOMESTIC)}与{self._pick(words.OVERSEAS)[1]}。"
        )

    def _paragraphs(self, n):
        return "".join(f"<p>{self._sentence()}{self._sentence()}</p>" for _ in range(n))

    def _person(self):
        surname, s_py = self._pick(words.SURNAMES)
        first, f_py = self._pick(words.GIVEN_FIRST)
        second, x_py = self._pick(words.GIVEN_SECOND)
        return f"{surname}{first}{second}", f"{s_py} {f_py}{x_py}"

    def _make_artifact(self, number):
        r = self.rng
        obj, object_type = self._pick(words.OBJECTS)
        year = r.randint(1890, 2025)
        place = self._pick(words.PLACES)
        title = f"{year}年{place}{self._pick(words.ADJECTIVES)}{obj}"
        image = self._pick(self.images())
        era = "清末" if year < 1912 else "民国" if year < 1949 else f"{year // 10 * 10}年代"
        donor, _ = self._person()
        page = ArtifactPage(
            title=title,
            intro=f"{place}温州商人使用过的{obj}，{era}。",
            accession_number=f"GEN-{year}-{number:06d}",
            object_type=object_type,
            era=era,
            year_start=year,
            year_end=year + r.choice([0, 0, 1, 5]),
            place_of_origin=place,
            materials="、".join(r.sample(words.MATERIALS, 2)),
            dimensions=f"{r.randint(5, 120)} × {r.randint(5, 90)} 厘米",
            description=self._paragraphs(2),
            provenance=f"<p>{year + r.randint(5, 40)}年前后由家属保存，后捐赠入藏。</p>",
            donor=f"{donor}家属",
            rights=self._pick(list(RightsStatement.values)),
            listing_image=image,
        )
        return page, [ArtifactImage(image=image, caption=title, sort_order=0)]

    def _make_news(self, number):
        r = self.rng
        topic = self._pick(words.NEWS_TOPICS)
        place = self._pick(words.PLACES)
        date = (self.now - datetime.timedelta(days=r.randint(0, 1500))).date()
        title = f"{place}{topic}{self._pick(words.NEWS_ACTIONS)}（第{number}期）"
        body = [
            {"type": "paragraph", "value": self._paragraphs(2)},
            {
                "type": "quote",
                "value": {"text": self._pick(words.PHRASES), "attribution": "温州人精神"},
            },
            {"type": "paragraph", "value": self._paragraphs(1)},
        ]
        page = NewsPage(
            title=title, intro=self._sentence(), date=date, byline="本站记者", body=body
        )
        return page, []

    def _make_merchant(self, number):
        r = self.rng
        name, pinyin = self._person()
        born = r.randint(1940, 1995)
        county = self._pick(list(WenzhouCounty.values))
        industry = self._pick(list(Industry.values))
        country, city = self._pick(words.OVERSEAS)
        domestic = self._pick(words.DOMESTIC)
        enterprise = f"{self._pick(words.PLACES)}{self._pick(words.INDUSTRY_WORDS)}有限公司"
        bio = [
            {"type": "heading", "value": {"text": "生平", "level": "h2"}},
            {"type": "paragraph", "value": self._paragraphs(3)},
        ]
        leading = r.random() < 0.1
        page = MerchantHistoryPage(
            title=name,
            intro=f"{born}年生，在{city}与{domestic}经营{Industry(industry).label}。（示例人物）",
            name_pinyin=pinyin,
            portrait=self._pick(self.portraits()),
            birth_year=born,
            home_county=county,
            primary_industry=industry,
            enterprise=enterprise,
            is_leading_merchant=leading,
            is_honoured=leading,
            honours="领头雁" if leading else "",
            is_sample=True,
            biography=bio,
        )
        extra = [
            MerchantBusinessLocation(country=country, city=city, sort_order=0),
            MerchantBusinessLocation(country="中国", city=domestic, sort_order=1),
            MerchantLifeEvent(year=born, text="出生", sort_order=0),
            MerchantLifeEvent(year=born + r.randint(16, 25), text=f"前往{city}经商", sort_order=1),
        ]
        return page, extra

    def _make_project(self, number):
        r = self.rng
        county = self._pick(list(WenzhouCounty.values))
        industry = self._pick(list(Industry.values))
        stage = self._pick(list(ProjectStage.values))
        kind = self._pick(words.PROJECT_KINDS)
        amount = round(r.uniform(0.5, 40), 2)
        signed = (
            None
            if stage == ProjectStage.NEGOTIATING
            else (self.now - datetime.timedelta(days=r.randint(30, 900))).date()
        )
        officer, _ = self._person()
        page = ProjectPage(
            title=f"{WenzhouCounty(county).label}{self._pick(words.INDUSTRY_WORDS)}{kind}项目（{number}）",
            intro=self._sentence(),
            code=f"GEN-{number:06d}",
            industry=industry,
            county=county,
            amount=amount,
            investor_origin=self._pick(list(InvestorOrigin.values)),
            investor=f"{self._pick(words.PLACES)}{self._pick(words.INDUSTRY_WORDS)}投资有限公司",
            stage=stage,
            signed_date=signed,
            is_key_project=r.random() < 0.2,
            description=self._paragraphs(2),
            officer_name=officer,
            officer_unit="温州市投资促进中心",
            officer_phone=f"0577-8{r.randint(1000000, 9999999)}",
            officer_email=f"officer{number}@wzinvest.example",
        )
        updates = [
            ProjectProgressUpdate(
                date=signed or self.now.date(), stage=stage, text="项目进展顺利。", sort_order=0
            )
        ]
        return page, updates


def clear(kind_names):
    """Delete the generated pages of these kinds; returns how many pages went."""
    locale = Locale.objects.get(language_code="zh-hans")
    removed = 0
    models = [
        m for m in search_index.get_indexed_models() if getattr(m, "search_auto_update", True)
    ]
    # Pages' index rows go with them through their generic relation, in one query per chunk,
    # rather than one query per page from the signal handler.
    for model in models:
        post_delete.disconnect(post_delete_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            for name in kind_names:
                kind = KINDS[name]
                try:
                    parent = find_parent(kind, locale)
                except MissingParentError:
                    continue
                ids = list(generated(kind, parent).values_list("pk", flat=True))
                for start in range(0, len(ids), DELETE_CHUNK):
                    # One transaction per chunk: the tree stays consistent if interrupted (a
                    # rerun removes the rest), and listeners that act on commit get chunks
                    # of a bounded size rather than 100,000 deletions at once.
                    with transaction.atomic():
                        chunk = Page.objects.filter(pk__in=ids[start : start + DELETE_CHUNK])
                        # Taken offline in one UPDATE: otherwise Wagtail unpublishes each page
                        # on its way out (a revision lookup and a save per page). The delete
                        # signals still tell the search index and the static site what went.
                        chunk.update(live=False)
                        chunk.delete()
                removed += len(ids)
    finally:
        for model in models:
            post_delete.connect(post_delete_signal_handler, sender=model)
    return removed
