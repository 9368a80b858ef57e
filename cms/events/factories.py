import datetime

import factory

from cms.core.factories import BasePageFactory, HomePageFactory, paragraph
from cms.events.models import EventIndexPage, EventPage


class EventIndexPageFactory(BasePageFactory):
    title = "回乡考察"
    slug = "tours"
    parent = factory.SubFactory(HomePageFactory)
    show_in_menus = True

    class Meta:
        model = EventIndexPage


class EventPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"海外温商回乡投资考察团 {n}")
    slug = factory.Sequence(lambda n: f"tour-{n}")
    parent = factory.SubFactory(EventIndexPageFactory)
    start_date = datetime.date(2026, 4, 10)
    end_date = datetime.date(2026, 4, 13)
    delegation_origin = "意大利温州同乡会"
    organiser = "温州市投资促进局"
    merchant_count = 36
    body = factory.LazyFunction(lambda: [paragraph("考察团走访了瓯江口新区。")])

    class Meta:
        model = EventPage
