"""Recency of news and campaigns, and ordering by date: the same rule for every backend.

A news item's or campaign's relevance is multiplied by
    FLOOR + (1 - FLOOR) * 0.5 ** (age in days / SEARCH_NEWS_HALF_LIFE_DAYS)
so a year-old item (with the default half-life of 365 days) keeps 75% of its score and no
item falls below half: an old article that matches well still beats a new one that barely
matches. The age is the distance from today either way (a campaign a year ahead counts as a
year old), as Elasticsearch's decay functions measure it. Other kinds of page do not decay.
"""

from django.conf import settings
from django.utils import timezone

from .documents import RECENCY_FAMILIES

DEFAULT_HALF_LIFE_DAYS = 0
FLOOR = 0.5


def half_life_days():
    """0 turns the decay off."""
    return max(0, int(getattr(settings, "SEARCH_NEWS_HALF_LIFE_DAYS", DEFAULT_HALF_LIFE_DAYS)))


def factor(family, day, today=None):
    half_life = half_life_days()
    if not half_life or day is None or family not in RECENCY_FAMILIES:
        return 1.0
    age = abs(((today or timezone.localdate()) - day).days)
    return FLOOR + (1 - FLOOR) * 0.5 ** (age / half_life)


def by_date(rows, sort):
    """Page ids of rows [(page_id, date)] in the order `sort` asks: dated pages newest or
    oldest first, then undated ones; ties by page id, the newer page first."""
    sign = -1 if sort == "newest" else 1
    ordered = sorted(
        rows,
        key=lambda r: (r[1] is None, sign * r[1].toordinal() if r[1] else 0, -r[0]),
    )
    return [page_id for page_id, _day in ordered]
