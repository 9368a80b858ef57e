"""Chinese at "/", English under "/en/": UI strings, language switch, hreflang, translations file."""

import ast
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from cms.core.factories import translate

from .pages import SiteBuilder, parse

PO_FILE = Path(settings.BASE_DIR) / "frontend" / "locale" / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def builder(home_page):
    return SiteBuilder(home_page)


def switch_links(html):
    start = html.index('class="language-switch"')
    block = html[start : html.index("</nav>", start)]
    return re.findall(r'<a href="([^"]+)"[^>]*data-language="([^"]+)"([^>]*)>([^<]+)</a>', block)


@pytest.mark.django_db
def test_english_page_has_english_ui_and_metadata(client, builder):
    hall = builder.hall
    english_hall = translate(hall, title="Reform and the Wenzhou Model", period="1978–1992")
    assert english_hall.url.startswith("/en/")

    response = client.get(english_hall.url)
    assert response.status_code == 200
    html = response.content.decode()
    head = parse(html)
    assert head.html_lang == "en"
    assert head.meta["og:locale"] == ["en_US"]
    assert head.meta["og:locale:alternate"] == ["zh_CN"]
    assert head.meta["og:title"] == ["Reform and the Wenzhou Model"]
    alternates = {
        link["hreflang"]: link["href"] for link in head.links if link.get("rel") == "alternate"
    }
    assert alternates["en"] == english_hall.get_full_url()
    assert alternates["zh-Hans"] == hall.get_full_url()
    assert alternates["x-default"] == hall.get_full_url()
    data = json.loads(head.ld_json[0])
    assert data["inLanguage"] == "en"
    # UI strings come from the English translations file.
    assert "Skip to main content" in html
    assert "Hall 3" in html
    assert "Search this site" in html
    assert "跳到正文" not in html
    # Breadcrumbs start at the English home page.
    crumbs = html[html.index('class="breadcrumbs') :]
    assert 'href="/en/">Home<' in crumbs


@pytest.mark.django_db
def test_language_switch_links_translations_both_ways(client, builder):
    hall = builder.hall
    english_hall = translate(hall, title="Reform and the Wenzhou Model")

    zh_links = switch_links(client.get(hall.url).content.decode())
    assert [(url, code, label) for url, code, _, label in zh_links] == [
        (english_hall.url, "en", "English")
    ]
    assert "is-home-fallback" not in zh_links[0][2]

    en_links = switch_links(client.get(english_hall.url).content.decode())
    assert [(url, code, label) for url, code, _, label in en_links] == [
        (hall.url, "zh-hans", "简体中文")
    ]


@pytest.mark.django_db
def test_language_switch_falls_back_to_the_other_home_page(client, builder):
    english_home = translate(builder.home, title="World Wenzhou Merchants Museum")
    news = builder.news  # no English version
    links = switch_links(client.get(news.url).content.decode())
    ((url, code, attrs, label),) = links
    assert url == english_home.url == "/en/"
    assert code == "en"
    assert "is-home-fallback" in attrs
    assert label == "English home page"


@pytest.mark.django_db
def test_language_switch_ignores_draft_translations(client, builder):
    translate(builder.home, title="World Wenzhou Merchants Museum")
    english_hall = translate(builder.hall, title="Reform")
    english_hall.unpublish()
    ((url, _code, attrs, label),) = switch_links(client.get(builder.hall.url).content.decode())
    assert url == "/en/"
    assert label == "English home page"


@pytest.mark.django_db
def test_choices_and_dates_in_english(client, builder):
    project = builder.project
    english = translate(project, title="Oujiangkou Smart Electrical Park")
    html = client.get(english.url).content.decode()
    for text in [
        "Under construction",
        "Electrical equipment",
        "Longwan District",
        "Overseas Wenzhou merchants",
    ]:
        assert text in html
    assert "Service officer" in html
    assert "85.5 hundred million yuan" in html
    assert "Jan. 10, 2026" in html or "January 10, 2026" in html


@pytest.mark.django_db
def test_english_menu_uses_english_translations(client, builder):
    museum = builder.museum
    news_index = builder.news_index
    english_home = translate(builder.home, title="World Wenzhou Merchants Museum")
    english_museum = translate(museum, title="The Museum")
    html = client.get(english_home.url).content.decode()
    nav = html[
        html.index('class="main-nav"') : html.index("</nav>", html.index('class="main-nav"'))
    ]
    assert f'href="{english_museum.url}">The Museum<' in nav
    # A section without an English version stays reachable in Chinese,
    # ... marked as Chinese for screen readers and translation tools.
    assert f'href="{news_index.url}" lang="zh-Hans">新闻动态<' in nav


def read_po(path):
    """(msgid, msgid_plural, [msgstr...], flags) for each entry of a .po file."""
    entries, current, field = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if current:
                entries.append(current)
            current = None
            continue
        if current is None:
            current = {
                "msgid": "",
                "msgid_plural": None,
                "msgstr": {},
                "flags": "",
                "msgctxt": None,
            }
        if line.startswith("#,"):
            current["flags"] += line
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (\".*\")$", line)
        if match:
            keyword, index, value = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            field = (keyword, int(index or 0))
        else:
            value = ast.literal_eval(line)
        keyword, index = field
        if keyword == "msgstr":
            current["msgstr"][index] = current["msgstr"].get(index, "") + value
        else:
            current[keyword] = (current[keyword] or "") + value
    return [entry for entry in entries if entry["msgid"]]


# Every catalogue of the project: the site's own, and those of apps that keep theirs.
PO_FILES = sorted(
    path
    for top in ("cms", "frontend", "museum", "search")
    for path in (Path(settings.BASE_DIR) / top).rglob("locale/en/LC_MESSAGES/django.po")
)


def test_the_site_catalogue_is_among_those_checked():
    assert PO_FILE in PO_FILES
    assert len(read_po(PO_FILE)) > 300


@pytest.mark.parametrize(
    "po_file", PO_FILES, ids=lambda path: str(path.relative_to(settings.BASE_DIR))
)
def test_every_message_is_translated_and_compiled(po_file):
    entries = read_po(po_file)
    assert entries
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    # The compiled .mo matches the .po: Django returns each English text.
    with translation.override("en"):
        for entry in entries:
            if entry["msgctxt"] is not None:
                continue
            if entry["msgid_plural"] is None:
                assert translation.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
            else:
                assert (
                    translation.ngettext(entry["msgid"], entry["msgid_plural"], 2)
                    == entry["msgstr"][1]
                )
