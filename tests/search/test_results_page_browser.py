"""The results page in Chromium at a desktop and a phone width: margins, the 筛选 button,
landmarks. Screenshots go to build/screenshots/<TEST_DB_SUFFIX>/ for a person to look at."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from search import interface, quality

SCREENSHOTS = (
    Path(settings.BASE_DIR) / "build" / "screenshots" / os.environ.get("TEST_DB_SUFFIX", "main")
)
DOCUMENTS = [
    {
        "id": f"doc{i}",
        "title": f"温州商人在{city}",
        "intro": f"{city}的温州商人经营服装、鞋革和小商品。",
        "body": f"二十年前，第一批温州人来到{city}。如今他们的商会每年组织考察团回乡。",
        "date": f"20{10 + i}-05-01",
    }
    for i, city in enumerate(["巴黎", "米兰", "迪拜", "纽约", "罗马", "马德里"])
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_results_page_at_1280_and_390(live_server, page_in_browser, home_page):
    quality.build_set(quality.news_indexes(home_page), DOCUMENTS)
    interface.rebuild()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab = page_in_browser
    for width, height in ((1280, 900), (390, 844)):
        tab.set_viewport_size({"width": width, "height": height})
        tab.goto(live_server.url + "/search/?q=温州商人")
        tab.wait_for_load_state("load")
        tab.screenshot(path=SCREENSHOTS / f"search-{width}.png", full_page=True)
        layout = tab.evaluate(
            """(() => {
              const box = s => document.querySelector(s).getBoundingClientRect();
              const shown = s => { const el = document.querySelector(s);
                return !!el && el.getClientRects().length > 0; };
              return {
                left: box('.search').left, right: innerWidth - box('.search').right,
                header: box('.header-bar').left, overflow: document.documentElement.scrollWidth - innerWidth,
                // A closed <details> keeps its content's boxes in Chromium: ask whether it is open.
                toggle: shown('.search-filters__toggle'), facets: document.querySelector('.search-filters').open,
                searches: document.querySelectorAll('[role=search], search').length,
                mains: document.querySelectorAll('main, [role=main]').length,
                resultsTop: box('.search-results').top, facetsTop: box('.search-filters').top,
              }; })()"""
        )
        assert layout["searches"] == 1 and layout["mains"] == 1
        assert layout["overflow"] <= 0
        # The site's margins, lined up with the header.
        assert layout["left"] >= 16 and abs(layout["left"] - layout["header"]) < 1
        assert layout["right"] >= 16
        if width == 390:
            # Folded behind the button, which opens them.
            assert layout["toggle"] and not layout["facets"]
            tab.click(".search-filters__toggle")
            assert tab.evaluate("document.querySelector('.search-filters').open")
            tab.screenshot(path=SCREENSHOTS / "search-390-filters.png", full_page=True)
        else:
            assert not layout["toggle"] and layout["facets"]
        # Snippets carry the match highlighted.
        assert tab.locator(".search-hit-snippet mark").count() >= 1
