"""Browsable project filters published as paths, since a static site cannot use query strings.

A filter is an ordered set of facets, written as ``stage/signed/county/ruian/``. Every single
facet value is published, and so is every stage and county pair (the two questions most asked:
how far along, and where); the navigation only links to published combinations.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from cms.core.choices import Industry, WenzhouCounty

from .models import ProjectStage

# (slug, label, lower bound inclusive, upper bound exclusive) in 亿元.
AMOUNT_BANDS = [
    ("under-1", _("1亿元以下"), None, Decimal(1)),
    ("1-to-10", _("1–10亿元"), Decimal(1), Decimal(10)),
    ("10-to-50", _("10–50亿元"), Decimal(10), Decimal(50)),
    ("over-50", _("50亿元及以上"), Decimal(50), None),
]

FACETS = [
    ("stage", _("项目阶段"), ProjectStage.choices),
    ("county", _("所在县（市、区）"), WenzhouCounty.choices),
    ("industry", _("产业"), Industry.choices),
    ("amount", _("投资额"), [(slug, label) for slug, label, _low, _high in AMOUNT_BANDS]),
]
FACET_NAMES = [name for name, _label, _choices in FACETS]
PAIRED = ("stage", "county")
ROUTE_PATTERN = r"^((?:(?:stage|county|industry|amount)/[\w-]+/)+)$"


def parse(subpath):
    """``"stage/signed/county/ruian/"`` -> ``{"stage": "signed", "county": "ruian"}``.

    Unknown facets or values, repeated facets and non-canonical orders are 404s, so every
    filtered listing has exactly one URL.
    """
    parts = [part for part in subpath.strip("/").split("/") if part]
    if not parts or len(parts) % 2:
        raise Http404("Malformed project filter")
    filters = {}
    for name, value in zip(parts[::2], parts[1::2], strict=True):
        if name not in FACET_NAMES or name in filters:
            raise Http404("Unknown or repeated project filter")
        if value not in dict(_choices(name)):
            raise Http404("Unknown project filter value")
        filters[name] = value
    if list(filters) != [name for name in FACET_NAMES if name in filters]:
        raise Http404("Project filters out of order")
    return filters


def to_path(filters):
    return "".join(f"{name}/{filters[name]}/" for name in FACET_NAMES if name in filters)


def _choices(name):
    for facet, _label, choices in FACETS:
        if facet == name:
            return choices
    raise KeyError(name)


def amount_band(amount):
    for slug, _label, low, high in AMOUNT_BANDS:
        if (low is None or amount >= low) and (high is None or amount < high):
            return slug
    return None


def facet_value(project, name):
    if name == "amount":
        return amount_band(project.amount)
    return getattr(project, name)


def matches(project, filters):
    return all(facet_value(project, name) == value for name, value in filters.items())


def static_subpaths():
    paths = []
    for name, _label, choices in FACETS:
        paths += [to_path({name: value}) for value in dict(choices)]
    for stage in ProjectStage.values:
        paths += [to_path({"stage": stage, "county": county}) for county in WenzhouCounty.values]
    return paths


def _link_target(filters, name, value):
    """Where a facet link leads: stage and county combine with each other, others stand alone."""
    if name in PAIRED:
        kept = {other: filters[other] for other in PAIRED if other in filters and other != name}
    else:
        kept = {}
    if value is not None:
        kept[name] = value
    return kept


@dataclass
class FacetLink:
    label: str
    url: str
    count: int
    active: bool
    #: The link leads to the listing being shown (aria-current).
    current: bool = False


def navigation(projects, filters, base_url):
    """Facet groups for the no-JS navigation: every link goes to a published path."""
    projects = list(projects)
    here = to_path(filters)
    groups = []
    for name, label, choices in FACETS:
        options = [(str(_("全部")), None, name not in filters)]
        options += [
            (str(value_label), value, filters.get(name) == value) for value, value_label in choices
        ]
        links = []
        for text, value, active in options:
            target = _link_target(filters, name, value)
            links.append(
                FacetLink(
                    text,
                    base_url + to_path(target),
                    sum(matches(p, target) for p in projects),
                    active,
                    active and to_path(target) == here,
                )
            )
        groups.append({"name": name, "label": label, "links": links})
    return groups


def describe(filters):
    """A human label for the active filters, e.g. "签约 · 瑞安市"."""
    return " · ".join(str(dict(_choices(name))[value]) for name, value in filters.items())
