import datetime
from decimal import Decimal

import pytest

from cms.projects.models import ProgressPage, ProjectIndexPage, ProjectPage


def add_project(
    index,
    code,
    *,
    amount,
    stage,
    county,
    industry="new_energy",
    origin="domestic_wenzhou",
    signed=None,
    live=True,
):
    project = ProjectPage(
        title=f"项目 {code}",
        slug=code.lower(),
        code=code,
        amount=Decimal(amount),
        stage=stage,
        county=county,
        industry=industry,
        investor_origin=origin,
        signed_date=signed,
        officer_name="陈晓东",
        officer_unit="温州市投资促进局",
        officer_phone="0577-88960000",
        officer_email="chen@wzinvest.example",
    )
    project.live = live
    index.add_child(instance=project)
    revision = project.save_revision()
    if live:
        revision.publish()
    return project


@pytest.fixture
def project_index(home_page):
    index = ProjectIndexPage(title="招商项目", slug="projects")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def known_projects(project_index):
    d = datetime.date
    return [
        add_project(
            project_index,
            "WZ-1",
            amount="120.50",
            stage="signed",
            county="ruian",
            signed=d(2024, 5, 1),
        ),
        add_project(
            project_index,
            "WZ-2",
            amount="80",
            stage="construction",
            county="ruian",
            industry="biomedicine",
            origin="overseas_wenzhou",
            signed=d(2025, 3, 2),
        ),
        add_project(
            project_index,
            "WZ-3",
            amount="0.60",
            stage="production",
            county="lucheng",
            industry="footwear_apparel",
            origin="taiwan",
            signed=d(2024, 9, 9),
        ),
        add_project(
            project_index,
            "WZ-4",
            amount="35",
            stage="negotiating",
            county="yueqing",
            origin="overseas_chinese",
        ),
        add_project(
            project_index,
            "WZ-5",
            amount="15",
            stage="signed",
            county="lucheng",
            signed=d(2025, 1, 20),
        ),
        # Drafts never count.
        add_project(
            project_index,
            "WZ-6",
            amount="999",
            stage="signed",
            county="ruian",
            signed=d(2025, 1, 1),
            live=False,
        ),
    ]


@pytest.fixture
def progress_page(home_page):
    page = ProgressPage(title="回归投资进展", slug="progress", goal_amount=Decimal(3000))
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page
