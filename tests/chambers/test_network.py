import pytest

from cms.chambers.factories import ChamberIndexPageFactory, ChamberPageFactory
from cms.chambers.hierarchy import build_hierarchy
from cms.chambers.models import ChamberLevel
from cms.core.factories import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(home_page):
    index = publish(ChamberIndexPageFactory(parent=home_page))

    def chamber(title, level, province="", city="", parent=None):
        return publish(
            ChamberPageFactory(
                parent=index,
                title=title,
                level=level,
                province=province,
                city=city,
                parent_chamber=parent,
            )
        )

    federation = chamber("全国温州商会联合会", ChamberLevel.NATIONAL)
    zhejiang = chamber("浙江省温州商会", ChamberLevel.PROVINCIAL, "zhejiang", "杭州", federation)
    # No parent set: still placed under the federation.
    jiangsu = chamber("江苏省温州商会", ChamberLevel.PROVINCIAL, "jiangsu", "南京")
    ningbo = chamber("宁波市温州商会", ChamberLevel.CITY, "zhejiang", "宁波", zhejiang)
    # No parent set: placed under its province's chamber.
    suzhou = chamber("苏州市温州商会", ChamberLevel.CITY, "jiangsu", "苏州")
    # A province without a provincial chamber page: kept, not dropped.
    chengdu = chamber("成都市温州商会", ChamberLevel.CITY, "sichuan", "成都")
    draft = chamber("草稿商会", ChamberLevel.CITY, "zhejiang", "台州", zhejiang)
    draft.unpublish()
    return locals()


def titles(nodes):
    return [node.chamber.title for node in nodes]


def test_hierarchy_places_every_live_chamber(network):
    tree = build_hierarchy(network["index"])
    assert titles(tree.roots) == ["全国温州商会联合会"]
    provincial = tree.roots[0].children
    assert titles(provincial) == ["江苏省温州商会", "浙江省温州商会"]  # vocabulary order
    assert titles(provincial[0].children) == ["苏州市温州商会"]
    assert titles(provincial[1].children) == ["宁波市温州商会"]
    assert titles(tree.unplaced) == ["成都市温州商会"]
    assert tree.counts == {"national": 1, "provincial": 2, "city": 3}


def test_by_province_groups(network):
    tree = build_hierarchy(network["index"])
    groups = {group.code: [c.title for c in group.chambers] for group in tree.provinces}
    assert groups == {
        "jiangsu": ["江苏省温州商会", "苏州市温州商会"],
        "zhejiang": ["浙江省温州商会", "宁波市温州商会"],
        "sichuan": ["成都市温州商会"],
    }
    assert [group.code for group in tree.provinces] == ["jiangsu", "zhejiang", "sichuan"]


def test_province_paths_are_published_and_served(client, network):
    index = network["index"]
    assert {p for p in index.get_static_subpaths() if p.startswith("province/")} == {
        "province/jiangsu/",
        "province/sichuan/",
        "province/zhejiang/",
    }
    html = client.get(index.url + "province/zhejiang/").content.decode()
    assert "宁波市温州商会" in html
    assert "苏州市温州商会" not in html
    assert client.get(index.url + "province/hainan/").status_code == 404
    assert client.get(index.url + "province/atlantis/").status_code == 404
