"""Demo content of the information platform's own page types, added by ``load_demo``."""

from cms.core.demo.builder import rich

from .models import ProgressPage


def add_platform_pages(builder):
    """The progress page under the Chinese home page (idempotent, keyed on its slug)."""
    home = builder.pages["home"]
    return builder.child(
        home,
        ProgressPage,
        "progress",
        title="温商回归投资进展",
        intro="三年实现回归投资3000亿元：按年份、项目阶段、县（市、区）和投资方来源统计的进展，数据来自已发布的招商项目。",
        goal_amount=home.specific.goal_amount,
        goal_start_year=2024,
        goal_end_year=2026,
        show_in_menus=True,
        method_note=rich(
            "签约、在建和投产项目的投资额计入目标；洽谈中的项目列为储备，不计入目标。",
            "年份按签约日期统计；数据随招商项目页面的发布自动更新。",
        ),
    )
