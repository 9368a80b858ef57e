"""load_demo builds the whole demo site once per module (it is slow), twice in a row.

The module fixture runs inside a transaction that is rolled back at the end, so the demo
never leaks into other tests; each test runs in a savepoint inside it.
"""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils.html import escape
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site

from cms.chambers.models import ChamberIndexPage, ChamberLevel, ChamberPage
from cms.core.choices import Province, WenzhouCounty
from cms.core.demo.builder import page_counts
from cms.core.models import HomePage, StandardPage
from cms.core.visibility import is_public_media
from cms.events.models import EventIndexPage, EventPage
from cms.projects.models import InvestorOrigin, ProjectIndexPage, ProjectPage, ProjectStage
from cms.publicity.models import CampaignIndexPage, CampaignPage, NewsIndexPage, NewsPage
from cms.publicity.reports import publications
from museum.models import (
    ArtifactPage,
    CollectionIndexPage,
    ExhibitPage,
    HallPage,
    MerchantHistoryPage,
    MerchantIndexPage,
    MuseumPage,
    TimelinePage,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
NARRATIVE_BLOCKS = {
    "heading",
    "paragraph",
    "quote",
    "image",
    "gallery",
    "artifact",
    "timeline",
    "map",
}

# Every page type that must be served in English, with the demo's pages.
TRANSLATED_TYPES = [
    HomePage,
    StandardPage,
    MuseumPage,
    HallPage,
    ExhibitPage,
    CollectionIndexPage,
    ArtifactPage,
    MerchantIndexPage,
    MerchantHistoryPage,
    TimelinePage,
    NewsIndexPage,
    NewsPage,
    CampaignIndexPage,
    CampaignPage,
    ProjectIndexPage,
    ProjectPage,
    EventIndexPage,
    EventPage,
    ChamberIndexPage,
    ChamberPage,
]


def snapshot():
    """Everything a rerun could duplicate: pages per type and locale, revisions, media, sites."""
    return {
        "pages": page_counts(),
        "all_pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "publications": PageLogEntry.objects.filter(action="wagtail.publish").count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "sites": list(
            Site.objects.values_list("hostname", "port", "root_page_id", "is_default_site")
        ),
        "slugs": sorted(Page.objects.values_list("url_path", flat=True)),
    }


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, demo_media):
    from django.conf import settings
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        assert settings.MEDIA_ROOT == demo_media
        with transaction.atomic():
            call_command("load_demo", verbosity=0)
            first = snapshot()
            call_command("load_demo", verbosity=0)
            second = snapshot()
            yield {"first": first, "second": second}
            transaction.set_rollback(True)


@pytest.fixture
def demo_site(demo, db, settings, demo_media):
    # The images live in the module's media directory, not each test's own one.
    settings.MEDIA_ROOT = demo_media
    return demo


def test_second_run_changes_nothing(demo_site):
    first, second = demo_site["first"], demo_site["second"]
    assert first["pages"] == second["pages"]
    assert first == second


def test_default_site_is_the_chinese_home_page(demo_site):
    site = Site.objects.get(is_default_site=True)
    # The site answers at SITE_URL (the test settings keep the default http://127.0.0.1:8000).
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert site.root_url == "http://127.0.0.1:8000"
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert home.locale.language_code == "zh-hans"
    # Wagtail's welcome page is gone: every top-level page is a home page.
    assert {type(p) for p in Page.get_first_root_node().get_children().specific()} == {HomePage}


def test_museum_tree(demo_site):
    museum = MuseumPage.objects.get(slug="museum", locale__language_code="zh-hans")
    halls = HallPage.objects.child_of(museum).order_by("number")
    assert 6 <= halls.count() <= 8
    assert [h.number for h in halls] == list(range(1, halls.count() + 1))
    assert all(h.hero_image and h.period and h.start_year for h in halls)

    exhibits = ExhibitPage.objects.filter(locale__language_code="zh-hans", live=True)
    assert exhibits.count() >= 30
    assert all(ExhibitPage.objects.child_of(h).exists() for h in halls)
    for exhibit in exhibits:
        assert {block.block_type for block in exhibit.body} == NARRATIVE_BLOCKS, exhibit.title
        assert exhibit.get_artifacts(), exhibit.title

    timeline = TimelinePage.objects.get(locale__language_code="zh-hans")
    assert timeline.milestones.count() >= 25


def test_collection(demo_site):
    artifacts = ArtifactPage.objects.filter(locale__language_code="zh-hans", live=True)
    assert artifacts.count() >= 120
    assert len({a.accession_number for a in artifacts}) == artifacts.count()
    assert len({a.title for a in artifacts}) == artifacts.count()
    object_types = set()
    for artifact in artifacts:
        assert re.fullmatch(r"WZM-\d{4}-\d{4}", artifact.accession_number)
        assert artifact.hall and artifact.era and artifact.materials and artifact.dimensions
        assert artifact.description and artifact.provenance and artifact.donor
        if artifact.year_end is not None:
            assert artifact.year_start <= artifact.year_end
        images = list(artifact.gallery_images.all())
        assert 1 <= len(images) <= 3
        assert all(i.image.description and i.caption for i in images)
        object_types.add(artifact.object_type)
    assert len(object_types) >= 8
    assert artifacts.filter(related_merchants__isnull=False).distinct().count() >= 40


def test_images_are_real_pictures(demo_site):
    images = get_image_model().objects.all()
    assert images.count() >= 200
    for image in images:
        assert image.description
        with image.open_file() as f, PILImage.open(f) as picture:
            assert picture.format == "JPEG"
            assert picture.size == (image.width, image.height)
            assert max(picture.size) <= 1200
            # Not a flat colour: the drawing has structure.
            extrema = picture.convert("L").getextrema()
            assert extrema[1] - extrema[0] > 60
    # Deterministic per key but distinct from each other.
    hashes = list(images.values_list("file_hash", flat=True))
    assert len(set(hashes)) == len(hashes)


def test_merchants(demo_site):
    merchants = MerchantHistoryPage.objects.filter(locale__language_code="zh-hans", live=True)
    assert merchants.count() >= 40
    assert all(m.is_sample for m in merchants)
    assert merchants.filter(is_leading_merchant=True).count() >= 15
    countries = set()
    for merchant in merchants:
        assert re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+", merchant.name_pinyin)
        assert merchant.portrait and merchant.biography and merchant.enterprise
        assert merchant.life_events.count() >= 4
        countries |= {loc.country for loc in merchant.business_locations.all()}
        # The biography's map runs from home to every city of business, each placed.
        maps = [b.value for b in merchant.biography if b.block_type == "map"]
        assert len(maps) == 1
        mapped = [place["name"] for place in maps[0]["places"]]
        assert mapped[0] == "温州"
        assert {loc.city for loc in merchant.business_locations.all()} <= set(mapped)
        # The life events are the page's own timeline; the biography does not repeat them.
        assert not any(b.block_type == "timeline" for b in merchant.biography)
    assert {"法国", "意大利", "西班牙", "美国", "阿联酋", "南非"} <= countries
    assert len({m.home_county for m in merchants}) == len(WenzhouCounty)


def test_chamber_network(demo_site):
    chambers = ChamberPage.objects.filter(locale__language_code="zh-hans", live=True)
    national = chambers.get(level=ChamberLevel.NATIONAL)
    assert national.parent_chamber is None
    provincial = chambers.filter(level=ChamberLevel.PROVINCIAL)
    assert provincial.count() == 31
    assert set(provincial.values_list("province", flat=True)) == set(Province.values)
    assert all(c.parent_chamber_id == national.pk for c in provincial)
    cities = chambers.filter(level=ChamberLevel.CITY)
    assert cities.count() >= 20
    for city in cities:
        assert city.parent_chamber.level == ChamberLevel.PROVINCIAL
        assert city.parent_chamber.province == city.province
        assert city.city and -90 <= city.latitude <= 90 and -180 <= city.longitude <= 180
        # Inside China's bounding box.
        assert 18 <= city.latitude <= 54 and 73 <= city.longitude <= 135


def test_projects_events_and_publicity(demo_site):
    projects = ProjectPage.objects.filter(locale__language_code="zh-hans", live=True)
    assert projects.count() >= 40
    assert set(projects.values_list("stage", flat=True)) == set(ProjectStage.values)
    assert set(projects.values_list("county", flat=True)) == set(WenzhouCounty.values)
    assert set(projects.values_list("investor_origin", flat=True)) == set(InvestorOrigin.values)
    total = sum((p.amount for p in projects), Decimal(0))
    assert Decimal(100) <= total < Decimal(3000)
    for project in projects:
        assert project.officer_name and project.officer_unit and project.officer_phone
        assert project.officer_email.endswith(".example")
        assert project.progress_updates.exists()
        assert (project.signed_date is None) == (project.stage == ProjectStage.NEGOTIATING)

    events = EventPage.objects.filter(locale__language_code="zh-hans", live=True)
    assert events.count() >= 12
    assert all(e.signed_projects.exists() and e.end_date >= e.start_date for e in events)

    campaigns = CampaignPage.objects.filter(locale__language_code="zh-hans", live=True)
    assert campaigns.count() >= 6
    assert set(campaigns.values_list("status", flat=True)) == set(CampaignPage.Status.values)
    assert all(c.channels.exists() for c in campaigns)
    # Talking points are working papers: no campaign's document is public, approved or not.
    documents = get_document_model().objects.filter(title__endswith="宣传要点")
    assert documents.count() == campaigns.count()
    assert not any(is_public_media(d) for d in documents)

    news = NewsPage.objects.filter(locale__language_code="zh-hans")
    assert news.filter(live=True).count() >= 20
    assert news.filter(live=True, campaign__isnull=False).exists()
    assert news.filter(live=False).count() == 2


def test_publishing_report_has_a_history(demo_site, admin_user):
    """Every live demo page was published once, by its department, on its own date."""
    live = Page.objects.filter(live=True, depth__gt=1)
    history = publications(admin_user)
    assert sorted(p.page_id for p in history) == sorted(live.values_list("pk", flat=True))
    by_page = {p.page_id: p for p in history}
    news = NewsPage.objects.filter(live=True, locale__language_code="zh-hans").first()
    entry = by_page[news.pk]
    assert (entry.timestamp.date(), entry.user, entry.section) == (news.date, "陈静", "新闻动态")
    assert entry.revision_id == news.live_revision_id
    artifact = ArtifactPage.objects.filter(live=True).first()
    assert by_page[artifact.pk].user == "周雅"
    # A month of publications, as the report's monthly table shows them.
    assert len({p.month for p in history}) >= 6
    # The staff named in the log cannot sign in.
    assert not any(
        entry.user_id and entry.user.has_usable_password()
        for entry in PageLogEntry.objects.filter(action="wagtail.publish").select_related("user")
    )


def test_english_maps_name_places_in_english(demo_site):
    en = Locale.objects.get(language_code="en")
    pages = [*ExhibitPage.objects.filter(locale=en), *MerchantHistoryPage.objects.filter(locale=en)]
    maps = [
        b.value
        for page in pages
        for b in getattr(page, "body", None) or page.biography
        if b.block_type == "map"
    ]
    assert len(maps) >= 2
    for value in maps:
        for place in value["places"]:
            assert not CJK.search(place["name"] + place["note"] + value["title"]), place


def test_every_type_is_served_in_english(demo_site, client):
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale__language_code="zh-hans")
    assert home.get_translation(en).live
    for hall in HallPage.objects.filter(locale__language_code="zh-hans"):
        english = hall.get_translation(en)
        assert english.live and english.title != hall.title
    for model in TRANSLATED_TYPES:
        page = model.objects.filter(locale__language_code="en", live=True).first()
        assert page is not None, model.__name__
        url = page.get_url()
        assert url.startswith("/en/"), (model.__name__, url)
        response = client.get(url)
        assert response.status_code == 200, (model.__name__, url)
        assert escape(page.title) in response.content.decode()
        # The English page is really English, not the Chinese copy.
        assert not re.search(r"[\u4e00-\u9fff]", page.title), page.title


def test_rerun_after_generated_content(demo_site):
    before = page_counts()
    call_command("generate_content", artifacts=5, news=3, merchants=2, projects=2, verbosity=0)
    call_command("load_demo", "--skip-index", verbosity=0)
    after = page_counts()
    assert after["museum.ArtifactPage"]["zh-hans"] == before["museum.ArtifactPage"]["zh-hans"] + 5
    assert after["publicity.NewsPage"]["zh-hans"] == before["publicity.NewsPage"]["zh-hans"] + 3
    call_command("generate_content", "--clear", verbosity=0)
    assert page_counts() == before
    assert Page.find_problems() == ([], [], [], [], [])
