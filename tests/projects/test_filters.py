import re

import pytest
from django.http import Http404

from cms.projects import filters

pytestmark = pytest.mark.django_db


def test_parse_accepts_canonical_paths_only():
    assert filters.parse("stage/signed/county/ruian/") == {"stage": "signed", "county": "ruian"}
    assert filters.parse("amount/over-50/") == {"amount": "over-50"}
    for bad in [
        "county/ruian/stage/signed/",  # out of order
        "stage/signed/stage/production/",  # repeated
        "stage/finished/",  # unknown value
        "colour/red/",  # unknown facet
        "stage/",  # odd number of parts
    ]:
        with pytest.raises(Http404):
            filters.parse(bad)


def test_amount_bands_cover_every_amount_once():
    from decimal import Decimal

    assert filters.amount_band(Decimal("0.99")) == "under-1"
    assert filters.amount_band(Decimal("1")) == "1-to-10"
    assert filters.amount_band(Decimal("49.99")) == "10-to-50"
    assert filters.amount_band(Decimal("50")) == "over-50"


def test_static_subpaths_cover_single_facets_and_stage_county_pairs(project_index):
    paths = project_index.get_static_subpaths()
    assert "stage/signed/" in paths
    assert "county/ruian/" in paths
    assert "industry/new_energy/" in paths
    assert "amount/over-50/" in paths
    assert "stage/construction/county/lucheng/" in paths
    assert len(set(paths)) == len(paths) == 4 + 12 + 15 + 4 + 4 * 12


def test_every_navigation_link_is_a_published_path(known_projects, project_index):
    published = {""} | set(project_index.get_static_subpaths())
    base = project_index.url
    for active in [
        {},
        {"stage": "signed"},
        {"stage": "signed", "county": "ruian"},
        {"industry": "biomedicine"},
    ]:
        for group in filters.navigation(project_index.get_projects(), active, base):
            for link in group["links"]:
                assert link.url.startswith(base)
                assert link.url[len(base) :] in published, link.url


def test_navigation_counts_follow_the_combination(known_projects, project_index):
    groups = {
        g["name"]: {link.label: link for link in g["links"]}
        for g in filters.navigation(project_index.get_projects(), {"stage": "signed"}, "/p/")
    }
    # With "signed" active, county links keep it: Rui'an has one live signed project.
    assert groups["county"]["瑞安市"].url == "/p/stage/signed/county/ruian/"
    assert groups["county"]["瑞安市"].count == 1
    assert groups["county"]["鹿城区"].count == 1
    assert groups["stage"]["签约"].active
    assert groups["stage"]["全部"].url == "/p/"


def test_filtered_listing_shows_only_matching_live_projects(client, known_projects, project_index):
    response = client.get(project_index.url + "stage/signed/county/ruian/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "项目 WZ-1" in html
    for other in ("项目 WZ-2", "项目 WZ-3", "项目 WZ-5", "项目 WZ-6"):
        assert other not in html
    nav = html[html.index('class="facet-nav"') :]
    nav = nav[: nav.index("</nav>")]
    current = re.findall(r'<a href="([^"]+)" aria-current="page"[^>]*>([^<]+)<', nav)
    assert [(url, label.strip()) for url, label in current] == [
        (project_index.url + "stage/signed/county/ruian/", "签约"),
        (project_index.url + "stage/signed/county/ruian/", "瑞安市"),
    ]

    html = client.get(project_index.url + "amount/over-50/").content.decode()
    assert "项目 WZ-1" in html and "项目 WZ-2" in html and "项目 WZ-4" not in html


def test_bad_filter_paths_are_not_found(client, project_index):
    assert client.get(project_index.url + "county/ruian/stage/signed/").status_code == 404
    assert client.get(project_index.url + "stage/unknown/").status_code == 404
