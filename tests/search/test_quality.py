"""The labelled query set keeps search quality above floors set from measurements."""

import pytest
from django.core.management import call_command

from search import quality

pytestmark = pytest.mark.django_db

# Measured on this corpus (SQLite and PostgreSQL): see the figures in README's search section.
RECALL_FLOOR = 0.90
MRR_FLOOR = 0.85


def test_labelled_queries_stay_above_the_floors_and_beat_plain_wagtail_search(home_page):
    queries = quality.load(quality.DEFAULT_QUERIES)["queries"]
    assert len(queries) >= 40
    assert {q["kind"] for q in queries} >= {
        "two_char", "in_compound", "multi_word", "traditional", "pinyin_full",
        "pinyin_initials", "english",
    }
    report = quality.compare(home_page, queries=queries)
    ours, wagtail = report["ours"], report["wagtail"]
    assert ours["recall_at_10"] >= RECALL_FLOOR
    assert ours["mrr"] >= MRR_FLOOR
    assert ours["recall_at_10"] > wagtail["recall_at_10"]
    assert ours["mrr"] > wagtail["mrr"]
    failing = [r["q"] for r in ours["rows"] if r["rr"] == 0]
    assert failing == []


def test_score_counts_recall_at_ten_and_reciprocal_rank():
    assert quality.score(["x", "a", "y", "b"], ["a", "b"]) == (1.0, 0.5)
    assert quality.score(["x"] * 10 + ["a"], ["a"]) == (0.0, 0.0)


def test_quality_command_prints_both_engines_and_leaves_the_database_alone(home_page, capsys):
    from wagtail.models import Page

    before = Page.objects.count()
    call_command("search_quality")
    out = capsys.readouterr().out
    assert "this project" in out and "Wagtail database search" in out
    assert Page.objects.count() == before
