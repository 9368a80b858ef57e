import datetime
import re

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from frontend import share_cards
from frontend.templatetags.share_tags import og_image, qr_matrix, qr_svg

from .conftest import add_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(news_index):
    return add_news(
        news_index,
        "launch",
        datetime.date(2026, 6, 1),
        title="世界温商回归大会在温州开幕，百名领头雁共商发展",
    )


def test_generated_card_is_a_branded_png_with_the_title(news):
    image = og_image(news)
    assert image["generated"] is True
    name = share_cards.card_name(news)
    assert default_storage.exists(name)
    with default_storage.open(name) as handle:
        card = Image.open(handle)
        card.load()
    assert card.format == "PNG"
    assert card.size == share_cards.CARD_SIZE == (1200, 630)
    # Brand background at the corner, white title text drawn in the title area.
    assert card.getpixel((600, 0))[:3] == share_cards.BRAND_RED
    assert card.getpixel((10, 300))[:3] == share_cards.BRAND_GOLD
    title_area = card.crop((72, 220, 1128, 480)).convert("RGB")
    assert (255, 255, 255) in {colour for _n, colour in title_area.getcolors(1_000_000)}
    assert image["url"].endswith(name)
    assert image["url"].startswith("http")


def test_card_is_cached_per_revision(news):
    first = share_cards.get_card(news)
    with default_storage.open(first) as handle:
        first_bytes = handle.read()
    assert share_cards.get_card(news) == first  # drawn once
    news.title = "温商回归大会闭幕"
    news.save_revision().publish()
    news.refresh_from_db()
    second = share_cards.get_card(news)
    assert second != first
    with default_storage.open(second) as handle:
        assert handle.read() != first_bytes


def test_long_titles_wrap_and_end_with_an_ellipsis():
    font = share_cards._font("bold", 68)
    lines = share_cards.wrap_text("温商" * 80, font, 1056, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(font.getlength(line) <= 1056 for line in lines)
    # Closing punctuation hangs at the end of a line rather than starting the next one.
    width = font.getlength("温商" * 5)
    lines = share_cards.wrap_text("温商" * 5 + "，回归故里。", font, width, 3)
    assert lines[0].endswith("，") and not any(line[0] in "，。" for line in lines)
    mixed = share_cards.wrap_text("Wenzhou merchants return home 温商回归", font, 700, 3)
    assert "Wenzhou" in mixed[0] and not any(line.startswith(" ") for line in mixed)


def test_missing_font_fails_clearly(settings, monkeypatch):
    monkeypatch.setattr(share_cards, "FONT_DIRS", ["/nonexistent"])
    settings.SHARE_CARD_FONT_DIR = ""
    share_cards._font.cache_clear()
    with pytest.raises(share_cards.ShareCardFontMissing, match="fonts-noto-cjk"):
        share_cards.render_card("标题")
    share_cards._font.cache_clear()


def test_page_with_its_own_image_uses_it(news):
    import io

    from django.core.files.images import ImageFile
    from wagtail.images.models import Image as WagtailImage

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (20, 120, 200)).save(buffer, format="JPEG")
    picture = WagtailImage.objects.create(title="大会现场", file=ImageFile(buffer, name="hall.jpg"))
    news.listing_image = picture
    news.save_revision().publish()
    news.refresh_from_db()
    image = og_image(news)
    assert image["generated"] is False
    assert (image["width"], image["height"]) == (1200, 630)
    assert not default_storage.exists(share_cards.card_name(news))


def test_qr_code_svg_encodes_the_url_module_by_module():
    url = "https://wzmuseum.example/news/launch/"
    svg = str(qr_svg(url, 120))
    matrix = qr_matrix(url)
    n = len(matrix)
    assert f'viewBox="0 0 {n} {n}"' in svg and 'role="img"' in svg
    # Redraw the matrix from the path and compare with the encoder's modules.
    drawn = [[False] * n for _ in range(n)]
    for x, y, w in re.findall(r"M(\d+),(\d+)h(\d+)", svg):
        for dx in range(int(w)):
            drawn[int(y)][int(x) + dx] = True
    assert drawn == [list(map(bool, row)) for row in matrix]
