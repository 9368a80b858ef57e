"""URL names (slugs) for pages titled in Chinese: pinyin, unique among siblings.

``WAGTAIL_ALLOW_UNICODE_SLUGS`` is off, so Django's slugify drops every Chinese
character and a title such as 温商座谈会 would leave the slug empty. The title is
spelled out in pinyin first (``wenshang-zuotanhui``); Latin letters and digits are
kept as they are.
"""

import functools
import re

from django.utils.text import slugify
from pypinyin import Style, lazy_pinyin

#: Slugs longer than this are cut at a word boundary: a long headline makes a URL no one reads.
MAX_LENGTH = 80

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def pinyin_slug(title):
    """The URL name for a title: Chinese characters in toneless pinyin, words joined by hyphens.

    Each run of Chinese characters becomes one word (温商座谈会 -> ``wenshang-zuotanhui`` is
    pypinyin's word segmentation), so the slug reads as the title is spoken.
    """
    parts = []
    for chunk in re.split(r"([\u3400-\u9fff\uf900-\ufaff]+)", title or ""):
        if not chunk:
            continue
        if _HAN.match(chunk):
            parts.append(_han_words(chunk))
        else:
            parts.append(chunk)
    slug = slugify(" ".join(parts), allow_unicode=False)
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit("-", 1)[0] or slug[:MAX_LENGTH]
    return slug.strip("-")


@functools.cache
def _segmenter():
    """A jieba tokenizer of the slugs' own, on jieba's dictionary alone.

    Search adds the site's own words to jieba's shared tokenizer as it indexes; a slug must
    not depend on what this process has indexed so far.
    """
    import jieba

    jieba.setLogLevel(60)
    return jieba.Tokenizer()


def _han_words(text):
    """Pinyin of a run of Chinese, syllables of one word run together (温商 -> wenshang)."""
    return " ".join(
        "".join(lazy_pinyin(word, style=Style.NORMAL, errors="ignore"))
        for word in _segmenter().cut(text)
    )


def unique_slug(base, parent, page=None):
    """``base``, or ``base-2``, ``base-3``... whichever is free among ``parent``'s children."""
    from wagtail.models import Page

    base = base or "page"
    if parent is None:
        return base
    candidate, suffix = base, 1
    while not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate
