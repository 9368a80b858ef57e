"""Open Graph share cards: a branded 1200x630 image with the page title in Chinese.

Links shared in WeChat and social media show the page's own image when it has one; pages
without one get a generated card. Cards are files in the default storage under the page's id,
named by a keyed hash of what they show: a card is drawn once per title and summary, a new
text gets a new URL (no stale previews in caches that key on the URL), and nobody can guess a
card's address, or learn a revision id from it. A page that leaves the public site takes its
cards with it (`remove_cards`, called by the publisher).
"""

import io
import json
import os
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.crypto import salted_hmac
from PIL import Image, ImageDraw, ImageFont

CARD_SIZE = (1200, 630)
CARD_DIR = "share-cards"
# Part of every card's name: raise it when the design changes so cached cards are redrawn.
CARD_DESIGN = 2
BRAND_RED = (140, 28, 19)
BRAND_DARK = (74, 14, 10)
BRAND_GOLD = (230, 184, 92)
WHITE = (255, 255, 255)

# Debian's fonts-noto-cjk; the .ttc index 2 is the Simplified Chinese face.
FONT_DIRS = ["/usr/share/fonts/opentype/noto"]
FONT_FILES = {"bold": "NotoSansCJK-Bold.ttc", "regular": "NotoSansCJK-Regular.ttc"}
SC_INDEX = 2
NO_LINE_START = set("，。、；：！？）」』”’》〉…,.;:!?)")


class ShareCardFontMissing(ImproperlyConfigured):
    pass


def font_path(weight):
    directories = [getattr(settings, "SHARE_CARD_FONT_DIR", "")] + FONT_DIRS
    for directory in filter(None, directories):
        candidate = os.path.join(directory, FONT_FILES[weight])
        if os.path.exists(candidate):
            return candidate
    name = FONT_FILES[weight]
    raise ShareCardFontMissing(
        f"未找到中文字体 {name}，无法生成分享图。请安装 Debian 软件包 fonts-noto-cjk"
        f"（apt-get install -y fonts-noto-cjk）。 / CJK font {name} not found: install "
        "Debian's fonts-noto-cjk to generate share cards."
    )


@lru_cache(maxsize=16)
def _font(weight, size):
    return ImageFont.truetype(font_path(weight), size, index=SC_INDEX)


def wrap_text(text, font, max_width, max_lines):
    """Break ``text`` into lines no wider than ``max_width``.

    Chinese has no spaces, so lines break between any two characters; Latin words are kept
    whole where they fit. The last line ends with an ellipsis when the text is cut.
    """
    tokens, word = [], ""
    for char in text.strip():
        if char.isascii() and not char.isspace():
            word += char
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(char)
    if word:
        tokens.append(word)

    lines, line = [], ""
    for token in tokens:
        candidate = line + token
        # Closing punctuation never starts a line (it hangs past the margin instead).
        fits = font.getlength(candidate) <= max_width or token in NO_LINE_START
        if fits or not line:
            line = candidate
            continue
        lines.append(line.rstrip())
        line = token.lstrip()
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and font.getlength(last + "…") > max_width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def render_card(title, *, kicker="", site_name="", footer="", summary=""):
    """Draw a card and return it as a Pillow image."""
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, BRAND_RED)
    draw = ImageDraw.Draw(image)
    # A vertical gradient from brand red to a darker red.
    for y in range(height):
        t = y / height
        colour = tuple(int(a + (b - a) * t) for a, b in zip(BRAND_RED, BRAND_DARK, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    draw.rectangle([0, 0, 24, height], fill=BRAND_GOLD)
    draw.rectangle([72, 128, 72 + 96, 134], fill=BRAND_GOLD)

    draw.text((72, 56), site_name, font=_font("bold", 40), fill=BRAND_GOLD)
    if kicker:
        draw.text((72, 150), kicker, font=_font("regular", 34), fill=WHITE)

    title_font = _font("bold", 68)
    lines = wrap_text(title, title_font, width - 144, 3)
    y = 220
    for line in lines:
        draw.text((72, y), line, font=title_font, fill=WHITE)
        y += 88
    if summary:
        summary_font = _font("regular", 30)
        y += 28
        room = max((height - 110 - y) // 44, 0)
        for line in wrap_text(summary, summary_font, width - 144, room) if room else []:
            draw.text((72, y), line, font=summary_font, fill=(240, 224, 214))
            y += 44
    if footer:
        draw.text((72, height - 80), footer, font=_font("regular", 28), fill=BRAND_GOLD)
    return image


def _card_text(page):
    specific = page.specific
    return {
        "title": specific.title,
        "kicker": str(specific._meta.verbose_name),
        "site_name": str(getattr(settings, "SITE_TITLE", settings.WAGTAIL_SITE_NAME)),
        "footer": _footer(),
        "summary": getattr(specific, "summary", ""),
    }


def card_directory(page_id):
    return f"{CARD_DIR}/{page_id}"


def card_name(page, text=None):
    """Storage name of the card showing the page's current text."""
    text = text or _card_text(page)
    digest = salted_hmac(
        "frontend.share_cards", json.dumps([CARD_DESIGN, text], sort_keys=True)
    ).hexdigest()[:24]
    return f"{card_directory(page.pk)}/{digest}.png"


def get_card(page):
    """The storage name of ``page``'s card, drawing and saving it on first use."""
    text = _card_text(page)
    name = card_name(page, text)
    if default_storage.exists(name):
        return name
    image = render_card(text["title"], **{k: v for k, v in text.items() if k != "title"})
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    _remove_files(card_directory(page.pk))
    return default_storage.save(name, ContentFile(buffer.getvalue()))


def remove_cards(page_id):
    """Delete every card of a page from storage (it left the public site)."""
    _remove_files(card_directory(page_id))


def _remove_files(directory):
    try:
        _directories, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in files:
        default_storage.delete(f"{directory}/{name}")


def _footer():
    url = getattr(settings, "SITE_URL", "")
    return url.split("://", 1)[-1] if url else ""
