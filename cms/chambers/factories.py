import factory

from cms.chambers.models import ChamberIndexPage, ChamberLevel, ChamberPage
from cms.core.choices import Province
from cms.core.factories import BasePageFactory, HomePageFactory


class ChamberIndexPageFactory(BasePageFactory):
    title = "商会网络"
    slug = "chambers"
    parent = factory.SubFactory(HomePageFactory)
    show_in_menus = True

    class Meta:
        model = ChamberIndexPage


class ChamberPageFactory(BasePageFactory):
    """A provincial chamber by default; ``national=True`` for the federation, or pass ``level``
    and ``city`` for a city chamber."""

    title = factory.Sequence(lambda n: f"江苏省温州商会 {n}")
    slug = factory.Sequence(lambda n: f"chamber-{n}")
    parent = factory.SubFactory(ChamberIndexPageFactory)
    level = ChamberLevel.PROVINCIAL
    province = Province.JIANGSU
    city = "南京"
    founded = 1995
    president = "林建华"
    address = "南京市鼓楼区"
    latitude = 32.06
    longitude = 118.79

    class Params:
        national = factory.Trait(
            level=ChamberLevel.NATIONAL,
            province="",
            city="",
            address="",
            latitude=None,
            longitude=None,
        )
        full = factory.Trait(
            contact_phone="025-00000000",
            contact_email="office@js-wzchamber.example",
            website="https://js-wzchamber.example/",
            description="<p>在苏温商的家。</p>",
        )

    class Meta:
        model = ChamberPage
