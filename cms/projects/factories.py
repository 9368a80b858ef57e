import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from cms.core.choices import Industry, WenzhouCounty
from cms.core.factories import BasePageFactory, HomePageFactory
from cms.projects.models import (
    InvestorOrigin,
    ProgressPage,
    ProjectIndexPage,
    ProjectPage,
    ProjectProgressUpdate,
    ProjectStage,
)


class ProjectIndexPageFactory(BasePageFactory):
    title = "招商项目"
    slug = "projects"
    parent = factory.SubFactory(HomePageFactory)
    show_in_menus = True

    class Meta:
        model = ProjectIndexPage


class ProjectPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"智能电气产业园项目 {n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    parent = factory.SubFactory(ProjectIndexPageFactory)
    code = factory.Sequence(lambda n: f"WZ-2026-{n:03d}")
    industry = Industry.ELECTRICAL
    county = WenzhouCounty.YUEQING
    amount = Decimal("12.50")
    investor_origin = InvestorOrigin.DOMESTIC_WENZHOU
    investor = "上海温州商会会员企业"
    stage = ProjectStage.SIGNED
    signed_date = datetime.date(2026, 2, 8)
    officer_name = "陈晓东"
    officer_unit = "乐清市投资促进中心"
    officer_phone = "0577-00000000"
    officer_email = "officer@wzmuseum.example"

    class Params:
        # A key project with a description and its progress from talks to signing.
        full = factory.Trait(
            is_key_project=True,
            description="<p>建设智能电气装备生产基地。</p>",
            progress_updates=factory.LazyFunction(
                lambda: [
                    ProjectProgressUpdate(
                        date=datetime.date(2026, 1, 10),
                        stage=ProjectStage.NEGOTIATING,
                        text="首轮洽谈",
                    ),
                    ProjectProgressUpdate(
                        date=datetime.date(2026, 2, 8), stage=ProjectStage.SIGNED, text="正式签约"
                    ),
                ]
            ),
        )

    class Meta:
        model = ProjectPage


class ProjectProgressUpdateFactory(DjangoModelFactory):
    project = factory.SubFactory(ProjectPageFactory)
    date = datetime.date(2026, 4, 1)
    stage = ProjectStage.UNDER_CONSTRUCTION
    text = "厂房主体结构封顶。"

    class Meta:
        model = ProjectProgressUpdate


class ProgressPageFactory(BasePageFactory):
    title = "温商回归投资进度"
    slug = "progress"
    parent = factory.SubFactory(HomePageFactory)
    show_in_menus = True
    goal_amount = Decimal("3000")

    class Meta:
        model = ProgressPage
