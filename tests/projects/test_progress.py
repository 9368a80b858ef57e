import re
from collections import defaultdict
from decimal import Decimal

import pytest

from cms.projects.charts import format_amount
from cms.projects.models import ProgressPage
from cms.projects.progress import COUNTED_STAGES

pytestmark = pytest.mark.django_db


def sums_by(projects, key):
    sums = defaultdict(Decimal)
    for project in projects:
        sums[key(project)] += project.amount
    return dict(sums)


def live(projects):
    return [p for p in projects if p.live]


def test_totals_equal_sums_over_live_projects(known_projects, progress_page):
    progress = progress_page.get_progress()
    projects = live(known_projects)

    assert progress.projects == len(projects) == 5
    assert progress.total == sum(p.amount for p in projects) == Decimal("251.10")
    assert progress.counted == sum(p.amount for p in projects if p.stage in COUNTED_STAGES)
    assert {r.key: r.amount for r in progress.by_stage} == sums_by(projects, lambda p: p.stage)
    assert {r.key: r.amount for r in progress.by_county} == sums_by(projects, lambda p: p.county)
    assert {r.key: r.amount for r in progress.by_origin} == sums_by(
        projects, lambda p: p.investor_origin
    )
    assert {r.key: r.amount for r in progress.by_year} == sums_by(
        projects, lambda p: str(p.signed_date.year) if p.signed_date else ""
    )
    assert progress.share == progress.counted / Decimal(3000) * 100


def test_unpublishing_a_project_takes_it_out_of_the_totals(known_projects, progress_page):
    before = progress_page.get_progress().total
    known_projects[0].unpublish()
    after = progress_page.get_progress()
    assert after.total == before - known_projects[0].amount
    assert after.projects == 4


def test_projects_of_another_site_tree_do_not_count(known_projects, progress_page, locales):
    from wagtail.models import Page

    from cms.core.models import HomePage
    from cms.projects.models import ProjectIndexPage

    from .conftest import add_project

    other_home = HomePage(title="Other", slug="other", locale=locales["en"])
    Page.get_first_root_node().add_child(instance=other_home)
    other_index = ProjectIndexPage(title="Projects", slug="projects", locale=locales["en"])
    other_home.add_child(instance=other_index)
    add_project(other_index, "EN-1", amount="500", stage="signed", county="ruian")

    assert progress_page.get_progress().total == Decimal("251.10")


def test_progress_page_shows_svg_charts_and_the_same_figures_as_a_table(
    client, known_projects, progress_page
):
    response = client.get(progress_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    progress = progress_page.get_progress()

    svgs = re.findall(r"<svg class=\"chart[^\"]*\".*?</svg>", html, flags=re.S)
    assert len(svgs) == 5  # goal gauge + year, stage, county, origin
    for svg in svgs:
        assert 'role="img"' in svg and "<title" in svg

    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    assert len(tables) >= 4
    joined = "".join(tables)
    for row in progress.by_stage + progress.by_county + progress.by_origin + progress.by_year:
        assert row.label in joined
        assert format_amount(row.amount) in joined
    # The county chart draws one bar per county with projects, labelled with its amount.
    county_svg = next(svg for svg in svgs if "瑞安市" in svg)
    assert county_svg.count("<rect") == len(progress.by_county)
    assert f"{format_amount(Decimal('200.50'))} 亿元" in county_svg
    assert format_amount(progress.total) in html
    assert "3,000" in html


def test_bar_lengths_are_proportional_to_amounts(known_projects, progress_page):
    from cms.projects.charts import bar_chart

    svg = str(bar_chart([("甲", Decimal(100)), ("乙", Decimal(50)), ("丙", Decimal(0))], title="t"))
    widths = [int(w) for w in re.findall(r'<rect x="\d+" y="[\d.]+" width="(\d+)"', svg)]
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0


def test_goal_years_must_be_in_order(home_page):
    from django.core.exceptions import ValidationError

    page = ProgressPage(title="进展", slug="p", goal_start_year=2026, goal_end_year=2024)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "goal_end_year" in error.value.message_dict


def test_progress_page_is_placed_under_the_home_page_only(known_projects, progress_page):
    from cms.core.models import HomePage
    from cms.projects.models import ProjectIndexPage

    assert ProgressPage.can_create_at(HomePage.objects.get()) is False  # one per home
    assert ProgressPage in HomePage.allowed_subpage_models()
    assert ProgressPage not in ProjectIndexPage.allowed_subpage_models()


def test_english_progress_page_shows_the_same_figures(
    client, known_projects, progress_page, home_page, locales
):
    english_home = home_page.copy_for_translation(locales["en"])
    english_home.save_revision().publish()
    english_index = known_projects[0].get_parent().specific.copy_for_translation(locales["en"])
    english_index.save_revision().publish()
    # One project translated into English: it must not be counted twice or alone.
    translated = known_projects[0].copy_for_translation(locales["en"])
    translated.save_revision().publish()
    english = progress_page.copy_for_translation(locales["en"])
    english.title = "Progress of returned investment"
    english.save_revision().publish()
    english.refresh_from_db()

    assert english.get_progress().total == progress_page.get_progress().total == Decimal("251.10")
    html = client.get(english.url).content.decode()
    assert english.url.startswith("/en/")
    assert "251.1" in html


def test_home_page_agrees_with_the_progress_page_and_links_to_it(
    client, known_projects, progress_page, home_page
):
    from cms.projects.charts import format_amount

    html = client.get(home_page.url).content.decode()
    counted = progress_page.get_progress().counted
    assert counted == Decimal("216.10")  # the negotiating project (35) is pipeline, not progress
    goal = html[
        html.index('id="goal-heading"') : html.index("</section>", html.index('id="goal-heading"'))
    ]
    assert f"<strong>{format_amount(counted)}</strong>" in goal
    assert f'href="{progress_page.url}"' in goal
