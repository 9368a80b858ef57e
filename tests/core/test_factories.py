"""The factories build valid pages in their allowed places, with real image files."""

import pytest
from PIL import Image

from cms.chambers.factories import ChamberPageFactory
from cms.core.factories import (
    HomePageFactory,
    ImageFactory,
    StandardPageFactory,
    make_default_site,
    translate,
)
from cms.events.factories import EventPageFactory
from cms.projects.factories import ProgressPageFactory, ProjectProgressUpdateFactory
from cms.publicity.factories import CampaignPageFactory, ChannelFactory, NewsPageFactory
from museum.factories import (
    ArtifactImageFactory,
    DonationPageFactory,
    ExhibitPageFactory,
    MerchantLifeEventFactory,
    TimelineMilestoneFactory,
)

pytestmark = pytest.mark.django_db

PAGE_FACTORIES = [
    StandardPageFactory,
    NewsPageFactory,
    CampaignPageFactory,
    EventPageFactory,
    ChamberPageFactory,
    ExhibitPageFactory,
    ProgressPageFactory,
    DonationPageFactory,
]


@pytest.mark.parametrize("factory", PAGE_FACTORIES, ids=lambda f: f.__name__)
def test_page_factory_builds_a_valid_page_under_an_allowed_parent(factory):
    page = factory()
    page.full_clean()
    parent = page.get_parent().specific
    assert type(parent) in page.allowed_parent_page_models()
    assert page.locale.language_code == "zh-hans"


@pytest.mark.parametrize(
    ("factory", "owner"),
    [
        (ProjectProgressUpdateFactory, "project"),
        (ArtifactImageFactory, "artifact"),
        (MerchantLifeEventFactory, "merchant"),
        (TimelineMilestoneFactory, "page"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_inline_factories_attach_to_a_valid_page(factory, owner):
    item = factory()
    page = getattr(item, owner)
    page.full_clean()
    assert item.pk


def test_image_factory_writes_a_real_jpeg():
    image = ImageFactory()
    with image.file.open("rb") as stored, Image.open(stored) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (image.width, image.height) == (640, 480)
    assert image.collection.is_root()


def test_channels_are_reused_by_code():
    assert ChannelFactory(code="wechat", name="微信") == ChannelFactory(code="wechat")


def test_translate_publishes_an_english_copy():
    home = HomePageFactory()
    make_default_site(home)
    exhibit = ExhibitPageFactory(parent__parent__parent=home)
    english = translate(exhibit, "en", title="The Button Market")
    assert english.live
    assert english.locale.language_code == "en"
    assert english.translation_key == exhibit.translation_key
    assert english.get_parent().locale.language_code == "en"
    assert (
        english.url
        == f"/en/{'/'.join(p.slug for p in exhibit.get_ancestors()[2:])}/{exhibit.slug}/"
    )
