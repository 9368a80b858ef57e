"""Each page type can be created only under the parents the content model allows."""

from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from cms.chambers.factories import ChamberIndexPageFactory
from cms.chambers.models import ChamberIndexPage, ChamberPage
from cms.core.factories import HomePageFactory
from cms.core.models import HomePage, StandardPage
from cms.events.factories import EventIndexPageFactory
from cms.events.models import EventIndexPage, EventPage
from cms.projects.factories import ProgressPageFactory, ProjectIndexPageFactory
from cms.projects.models import ProgressPage, ProjectIndexPage, ProjectPage
from cms.publicity.factories import CampaignIndexPageFactory, NewsIndexPageFactory
from cms.publicity.models import CampaignIndexPage, CampaignPage, NewsIndexPage, NewsPage
from museum.donations.models import DonationPage
from museum.factories import (
    CollectionIndexPageFactory,
    DonationPageFactory,
    HallPageFactory,
    MerchantIndexPageFactory,
    MuseumPageFactory,
    TimelinePageFactory,
)
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

PROJECT_APPS = {"core", "publicity", "projects", "chambers", "events", "museum", "donations"}

# The content model, written out by hand so that a change to any page type's rules fails here.
ALLOWED_PARENTS = {
    HomePage: {Page},
    StandardPage: {HomePage, StandardPage, MuseumPage},
    NewsIndexPage: {HomePage},
    NewsPage: {NewsIndexPage},
    CampaignIndexPage: {HomePage},
    CampaignPage: {CampaignIndexPage},
    ProjectIndexPage: {HomePage},
    ProjectPage: {ProjectIndexPage},
    ProgressPage: {HomePage},
    ChamberIndexPage: {HomePage},
    ChamberPage: {ChamberIndexPage},
    EventIndexPage: {HomePage},
    EventPage: {EventIndexPage},
    MuseumPage: {HomePage},
    HallPage: {MuseumPage},
    ExhibitPage: {HallPage},
    CollectionIndexPage: {MuseumPage},
    ArtifactPage: {CollectionIndexPage},
    MerchantIndexPage: {MuseumPage},
    MerchantHistoryPage: {MerchantIndexPage},
    TimelinePage: {MuseumPage},
    DonationPage: {MuseumPage},
}

ALLOWED_SUBPAGES = {
    HomePage: {
        StandardPage,
        NewsIndexPage,
        CampaignIndexPage,
        ProjectIndexPage,
        ProgressPage,
        ChamberIndexPage,
        EventIndexPage,
        MuseumPage,
    },
    StandardPage: {StandardPage},
    NewsIndexPage: {NewsPage},
    NewsPage: set(),
    CampaignIndexPage: {CampaignPage},
    CampaignPage: set(),
    ProjectIndexPage: {ProjectPage},
    ProjectPage: set(),
    ProgressPage: set(),
    ChamberIndexPage: {ChamberPage},
    ChamberPage: set(),
    EventIndexPage: {EventPage},
    EventPage: set(),
    MuseumPage: {
        HallPage,
        CollectionIndexPage,
        MerchantIndexPage,
        TimelinePage,
        StandardPage,
        DonationPage,
    },
    HallPage: {ExhibitPage},
    ExhibitPage: set(),
    CollectionIndexPage: {ArtifactPage},
    ArtifactPage: set(),
    MerchantIndexPage: {MerchantHistoryPage},
    MerchantHistoryPage: set(),
    TimelinePage: set(),
    DonationPage: set(),
}

# Plausible but wrong places an editor might try to put each page type.
WRONG_PARENTS = {
    HomePage: [HomePage, MuseumPage, StandardPage],
    StandardPage: [NewsIndexPage, HallPage, ArtifactPage],
    NewsIndexPage: [MuseumPage, CampaignIndexPage, NewsIndexPage],
    NewsPage: [HomePage, CampaignIndexPage, NewsPage],
    CampaignIndexPage: [NewsIndexPage, MuseumPage],
    CampaignPage: [HomePage, NewsIndexPage, EventIndexPage],
    ProjectIndexPage: [MuseumPage, ChamberIndexPage],
    ProjectPage: [HomePage, EventIndexPage, ChamberIndexPage],
    ChamberIndexPage: [MuseumPage, ProjectIndexPage],
    ChamberPage: [HomePage, ChamberPage, ProjectIndexPage],
    EventIndexPage: [MuseumPage, CampaignIndexPage],
    EventPage: [HomePage, CampaignIndexPage, ProjectIndexPage],
    MuseumPage: [MuseumPage, StandardPage, Page],
    HallPage: [HomePage, HallPage, CollectionIndexPage],
    ExhibitPage: [MuseumPage, ExhibitPage, CollectionIndexPage],
    CollectionIndexPage: [HomePage, HallPage],
    ArtifactPage: [HallPage, ExhibitPage, MuseumPage],
    MerchantIndexPage: [HomePage, CollectionIndexPage],
    MerchantHistoryPage: [MuseumPage, ChamberIndexPage, MerchantHistoryPage],
    TimelinePage: [HomePage, HallPage],
    ProgressPage: [MuseumPage, ProjectIndexPage, ProgressPage],
    DonationPage: [HomePage, CollectionIndexPage, HallPage],
}


class PageTreeRulesTest(WagtailPageTestCase):
    def test_every_project_page_type_declares_its_parents(self):
        for model in get_page_models():
            if model._meta.app_label not in PROJECT_APPS:
                continue
            with self.subTest(page_type=model.__name__):
                self.assertIn("parent_page_types", vars(model))
                if model is not HomePage:
                    self.assertIn("subpage_types", vars(model))

    def test_allowed_parent_page_types(self):
        for model, parents in ALLOWED_PARENTS.items():
            with self.subTest(page_type=model.__name__):
                self.assertAllowedParentPageTypes(model, parents)

    def test_allowed_subpage_types(self):
        for model, children in ALLOWED_SUBPAGES.items():
            if model is HomePage:
                continue
            with self.subTest(page_type=model.__name__):
                self.assertAllowedSubpageTypes(model, children)

    def test_home_page_takes_the_sections_that_name_it(self):
        # The home page's children are the sections whose parent_page_types name it;
        # sections added by later features join them, so only the foundation's are pinned.
        allowed = set(HomePage.allowed_subpage_models())
        self.assertLessEqual(ALLOWED_SUBPAGES[HomePage], allowed)
        for model in allowed - ALLOWED_SUBPAGES[HomePage]:
            with self.subTest(page_type=model.__name__):
                if model is Page:
                    self.assertFalse(Page.is_creatable)
                else:
                    self.assertIn("core.HomePage", model.parent_page_types)
        self.assertNotIn(Page, HomePage.creatable_subpage_models())

    def test_can_create_under_each_allowed_parent(self):
        for model, parents in ALLOWED_PARENTS.items():
            for parent in parents:
                with self.subTest(page_type=model.__name__, parent=parent.__name__):
                    self.assertCanCreateAt(parent, model)

    def test_cannot_create_under_wrong_parents(self):
        for model, parents in WRONG_PARENTS.items():
            for parent in parents:
                with self.subTest(page_type=model.__name__, parent=parent.__name__):
                    self.assertCanNotCreateAt(parent, model)

    def test_leaf_pages_take_no_children(self):
        leaves = [model for model, children in ALLOWED_SUBPAGES.items() if not children]
        for leaf in leaves:
            for model in ALLOWED_PARENTS:
                with self.subTest(parent=leaf.__name__, page_type=model.__name__):
                    self.assertCanNotCreateAt(leaf, model)


class MaxCountPerParentTest(WagtailPageTestCase):
    """Section pages exist once per home (or museum); a second one cannot be added there."""

    def test_sections_once_per_home(self):
        home = HomePageFactory()
        other_home = HomePageFactory()
        sections = {
            NewsIndexPage: NewsIndexPageFactory,
            CampaignIndexPage: CampaignIndexPageFactory,
            ProjectIndexPage: ProjectIndexPageFactory,
            ChamberIndexPage: ChamberIndexPageFactory,
            EventIndexPage: EventIndexPageFactory,
            ProgressPage: ProgressPageFactory,
            MuseumPage: MuseumPageFactory,
        }
        for model, factory in sections.items():
            with self.subTest(page_type=model.__name__):
                self.assertTrue(model.can_create_at(home))
                factory(parent=home)
                self.assertFalse(model.can_create_at(home))
                # The limit is per parent: another home still takes one.
                self.assertTrue(model.can_create_at(other_home))

    def test_museum_sections_once_per_museum(self):
        museum = MuseumPageFactory()
        sections = {
            CollectionIndexPage: CollectionIndexPageFactory,
            MerchantIndexPage: MerchantIndexPageFactory,
            TimelinePage: TimelinePageFactory,
            DonationPage: DonationPageFactory,
        }
        for model, factory in sections.items():
            with self.subTest(page_type=model.__name__):
                self.assertTrue(model.can_create_at(museum))
                factory(parent=museum)
                self.assertFalse(model.can_create_at(museum))

    def test_halls_and_standard_pages_are_not_limited(self):
        museum = MuseumPageFactory()
        for _ in range(3):
            HallPageFactory(parent=museum)
        self.assertTrue(HallPage.can_create_at(museum))
        self.assertTrue(StandardPage.can_create_at(museum))

    def test_at_most_two_homes_under_the_root(self):
        # One Chinese home and its English translation; Wagtail's initial welcome page
        # is not a HomePage and does not count.
        root = Page.get_first_root_node()
        self.assertTrue(HomePage.can_create_at(root))
        HomePageFactory(parent=root)
        self.assertTrue(HomePage.can_create_at(root))
        HomePageFactory(parent=root)
        self.assertFalse(HomePage.can_create_at(root))

    def test_admin_refuses_a_second_news_section(self):
        home = HomePageFactory()
        NewsIndexPageFactory(parent=home)
        self.login()
        url = f"/admin/pages/add/publicity/newsindexpage/{home.pk}/"
        self.assertRedirects(self.client.get(url), "/admin/", fetch_redirect_response=False)
        response = self.client.post(url, {"title": "新闻动态二", "slug": "news-2"})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(NewsIndexPage.objects.child_of(home).count(), 1)
