"""Progress toward the goal of returned investment, summed over live project pages.

Projects that are signed, under construction or in production count toward the goal;
projects still under negotiation are the pipeline and are shown but not counted.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from cms.core.choices import WenzhouCounty

from .models import InvestorOrigin, ProjectStage

COUNTED_STAGES = (ProjectStage.SIGNED, ProjectStage.UNDER_CONSTRUCTION, ProjectStage.IN_PRODUCTION)
UNDATED = _("未签约")
CENT = Decimal("0.01")


@dataclass
class Row:
    key: str
    label: str
    amount: Decimal = Decimal(0)
    projects: int = 0


@dataclass
class ProgressTotals:
    goal: Decimal
    total: Decimal = Decimal(0)
    projects: int = 0
    counted: Decimal = Decimal(0)
    counted_projects: int = 0
    by_year: list = field(default_factory=list)
    by_stage: list = field(default_factory=list)
    by_county: list = field(default_factory=list)
    by_origin: list = field(default_factory=list)

    @property
    def share(self):
        """Share of the goal reached by counted projects, in percent."""
        return (self.counted / self.goal * 100) if self.goal else Decimal(0)

    @property
    def remaining(self):
        return max(self.goal - self.counted, Decimal(0))


def _money(value):
    """Sums as exact 亿元 with two decimals (SQLite sums decimals as floats)."""
    return Decimal(value or 0).quantize(CENT)


def _grouped(projects, field_name):
    return {
        row[field_name]: (_money(row["amount"]), row["n"])
        for row in projects.values(field_name)
        .order_by()
        .annotate(amount=Sum("amount"), n=Count("pk"))
    }


def _rows(groups, choices):
    """One row per choice in the vocabulary's order, empty ones left out."""
    rows = []
    for value, label in choices:
        if value in groups:
            amount, n = groups[value]
            rows.append(Row(value, str(label), amount, n))
    return rows


def compute_progress(projects, goal):
    """Totals of ``projects`` (a queryset of live ProjectPages) against ``goal`` (亿元)."""
    totals = ProgressTotals(goal=_money(goal))
    overall = projects.aggregate(amount=Sum("amount"), n=Count("pk"))
    totals.total = _money(overall["amount"])
    totals.projects = overall["n"]
    counted = projects.filter(stage__in=COUNTED_STAGES).aggregate(
        amount=Sum("amount"), n=Count("pk")
    )
    totals.counted = _money(counted["amount"])
    totals.counted_projects = counted["n"]

    totals.by_stage = _rows(_grouped(projects, "stage"), ProjectStage.choices)
    totals.by_county = _rows(_grouped(projects, "county"), WenzhouCounty.choices)
    totals.by_origin = _rows(_grouped(projects, "investor_origin"), InvestorOrigin.choices)

    years = {}
    for signed_date, amount in projects.values_list("signed_date", "amount"):
        key = str(signed_date.year) if signed_date else ""
        row = years.setdefault(key, Row(key, key or str(UNDATED)))
        row.amount += amount
        row.projects += 1
    totals.by_year = sorted(years.values(), key=lambda row: row.key or "9999")
    return totals
