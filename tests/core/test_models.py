"""Validation rules in the models' clean(): bad input is refused with a message in Chinese."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.chambers.factories import ChamberIndexPageFactory, ChamberPageFactory
from cms.chambers.models import ChamberLevel
from cms.core.choices import Province
from cms.events.factories import EventPageFactory
from cms.publicity.factories import CampaignPageFactory
from museum.factories import ArtifactPageFactory, HallPageFactory

pytestmark = pytest.mark.django_db


def clean_errors(page):
    """The field errors page.clean() raises, rendered in Chinese."""
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as caught:
            page.clean()
        return {
            field: [str(message) for message in messages]
            for field, messages in caught.value.message_dict.items()
        }


class TestDateOrder:
    def test_campaign_cannot_end_before_it_starts(self):
        campaign = CampaignPageFactory.build(
            start_date=datetime.date(2026, 6, 1), end_date=datetime.date(2026, 5, 31)
        )
        assert clean_errors(campaign) == {"end_date": ["结束日期不能早于开始日期。"]}

    def test_campaign_of_one_day_is_valid(self):
        campaign = CampaignPageFactory(
            start_date=datetime.date(2026, 6, 1), end_date=datetime.date(2026, 6, 1)
        )
        campaign.full_clean()

    def test_tour_cannot_end_before_it_starts(self):
        tour = EventPageFactory.build(
            start_date=datetime.date(2026, 4, 13), end_date=datetime.date(2026, 4, 10)
        )
        assert clean_errors(tour) == {"end_date": ["结束日期不能早于开始日期。"]}

    def test_tour_in_order_is_valid(self):
        EventPageFactory().full_clean()

    def test_hall_years_must_be_in_order(self):
        hall = HallPageFactory.build(start_year=1992, end_year=1978, hero_image=None)
        assert clean_errors(hall) == {"end_year": ["结束年份不能早于起始年份。"]}

    def test_hall_with_open_end_is_valid(self):
        HallPageFactory(start_year=2012, end_year=None).full_clean()

    def test_artifact_year_range_must_be_in_order(self):
        artifact = ArtifactPageFactory.build(year_start=1990, year_end=1985)
        assert clean_errors(artifact) == {"year_end": ["结束年份不能早于起始年份。"]}

    def test_artifact_of_a_single_year_is_valid(self):
        ArtifactPageFactory(year_start=1985, year_end=1985).full_clean()

    def test_english_editors_read_the_message_in_english(self):
        artifact = ArtifactPageFactory.build(year_start=1990, year_end=1985)
        with translation.override("en"):
            with pytest.raises(ValidationError) as caught:
                artifact.clean()
            message = str(caught.value.message_dict["year_end"][0])
        assert message
        assert not re.search(r"[\u4e00-\u9fff]", message), message


class TestChamberLevels:
    def test_national_federation_has_no_parent_chamber(self):
        federation = ChamberPageFactory(level=ChamberLevel.NATIONAL, province="", city="")
        federation.full_clean()
        provincial = ChamberPageFactory(parent=federation.get_parent())
        federation.parent_chamber = provincial
        assert clean_errors(federation) == {"parent_chamber": ["全国性商会没有上级商会。"]}

    @pytest.mark.parametrize("level", [ChamberLevel.PROVINCIAL, ChamberLevel.CITY])
    def test_provincial_and_city_chambers_need_a_province(self, level):
        chamber = ChamberPageFactory.build(level=level, province="", city="苏州")
        assert clean_errors(chamber) == {"province": ["省级和市级商会须填写省份。"]}

    def test_city_chamber_needs_a_city(self):
        chamber = ChamberPageFactory.build(
            level=ChamberLevel.CITY, province=Province.JIANGSU, city=""
        )
        assert clean_errors(chamber) == {"city": ["市级商会须填写城市。"]}

    def test_provincial_chamber_may_leave_city_empty(self):
        ChamberPageFactory(level=ChamberLevel.PROVINCIAL, city="").full_clean()

    @pytest.mark.parametrize(("latitude", "longitude"), [(32.06, None), (None, 118.79)])
    def test_coordinates_come_in_pairs(self, latitude, longitude):
        chamber = ChamberPageFactory.build(latitude=latitude, longitude=longitude)
        assert clean_errors(chamber) == {"longitude": ["经纬度须同时填写。"]}

    def test_every_broken_rule_is_reported_at_once(self):
        chamber = ChamberPageFactory.build(
            level=ChamberLevel.CITY, province="", city="", latitude=30.0, longitude=None
        )
        assert set(clean_errors(chamber)) == {"province", "city", "longitude"}

    def test_city_chamber_under_its_provincial_chamber_is_valid(self):
        index = ChamberIndexPageFactory()
        provincial = ChamberPageFactory(parent=index)
        city = ChamberPageFactory(
            parent=index,
            level=ChamberLevel.CITY,
            parent_chamber=provincial,
            province=Province.JIANGSU,
            city="苏州",
        )
        city.full_clean()


class TestAdminRefusesBadInput:
    """Through the editor's form: the message is shown in Chinese and the page is unchanged."""

    @staticmethod
    def tour_form(tour, start, end):
        data = nested_form_data(
            {
                "title": tour.title,
                "slug": tour.slug,
                "intro": tour.intro,
                "start_date": start,
                "end_date": end,
                "delegation_origin": tour.delegation_origin,
                "organiser": tour.organiser,
                "merchant_count": "36",
                "body": streamfield([("paragraph", rich_text("考察团走访了瓯江口新区。"))]),
                "comments": {
                    "TOTAL_FORMS": 0,
                    "INITIAL_FORMS": 0,
                    "MIN_NUM_FORMS": 0,
                    "MAX_NUM_FORMS": 1000,
                },
            }
        )
        data["action-publish"] = "action-publish"
        return data

    def test_tour_with_reversed_dates_is_not_saved(self, admin_client):
        tour = EventPageFactory()
        tour.save_revision().publish()
        revisions = tour.revisions.count()
        response = admin_client.post(
            f"/admin/pages/{tour.pk}/edit/", self.tour_form(tour, "2026-05-20", "2026-05-18")
        )
        assert response.status_code == 200
        assert "结束日期不能早于开始日期。" in response.content.decode()
        tour.refresh_from_db()
        assert (tour.start_date, tour.end_date) == (
            datetime.date(2026, 4, 10),
            datetime.date(2026, 4, 13),
        )
        assert tour.revisions.count() == revisions

    def test_the_same_form_with_dates_in_order_publishes(self, admin_client):
        tour = EventPageFactory()
        tour.save_revision().publish()
        response = admin_client.post(
            f"/admin/pages/{tour.pk}/edit/", self.tour_form(tour, "2026-05-18", "2026-05-20")
        )
        assert response.status_code == 302
        tour.refresh_from_db()
        assert (tour.start_date, tour.end_date) == (
            datetime.date(2026, 5, 18),
            datetime.date(2026, 5, 20),
        )
