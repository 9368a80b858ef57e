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
        "two_char",
        "in_compound",
        "multi_word",
        "traditional",
        "pinyin_full",
        "pinyin_initials",
        "english",
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


def test_quality_command_scores_a_set_with_baselines_per_kind(home_page, capsys, tmp_path):
    import json

    from wagtail.models import Page

    spec = {
        "documents": [
            {
                "id": "d1",
                "lang": "zh-hans",
                "title": "侨批展开幕",
                "intro": "",
                "body": "侨批是银信。\n\n展览免费。",
            },
            {
                "id": "d2",
                "lang": "en",
                "title": "Button market",
                "intro": "",
                "body": "Qiaotou sold buttons.",
            },
        ],
        "queries": [
            {"q": "侨批", "kind": "two_char", "lang": "zh-hans", "relevant": ["d1"]},
            {"q": "buttons", "kind": "english", "lang": "en", "relevant": ["d2"]},
            {"q": "火星", "kind": "two_char", "lang": "all", "relevant": ["d1"]},
        ],
    }
    path = tmp_path / "set.json"
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    before = Page.objects.count()
    call_command("search_quality", set_path=str(path), json=True)
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"ours", "wagtail", "bigram_or", "backend"}
    ours = report["ours"]
    assert ours["queries"] == 3 and ours["zero_results"] == 1
    assert ours["kinds"]["two_char"] == {
        "queries": 2,
        "recall_at_10": 0.5,
        "mrr": 0.5,
        "ndcg_at_10": 0.5,
        "zero_results": 1,
    }
    assert ours["kinds"]["english"]["recall_at_10"] == 1.0
    assert report["bigram_or"]["kinds"]["two_char"]["recall_at_10"] == 0.5
    assert Page.objects.count() == before


def test_ndcg_rewards_relevant_pages_near_the_top():
    assert quality.ndcg(["a", "x"], ["a"]) == 1.0
    assert quality.ndcg(["x", "a"], ["a"]) == pytest.approx(1 / 1.584962500721156)
    assert quality.ndcg(["x"], ["a"]) == 0.0
