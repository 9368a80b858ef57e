"""Snippets with the matched terms wrapped in <mark>, computed from the stored plain text."""

import html
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import text as textlib

SNIPPET_CHARS = 160
LEAD_CHARS = 40
# A snippet starts where the match's sentence starts when that is at most this far before the
# match, and ends at a sentence's end when one comes before SNIPPET_MAX characters.
SENTENCE_LEAD_MAX = 120
SNIPPET_MAX = 240
SENTENCE_END = re.compile(r"[。！？!?；;]|\.(?=\s|$)")

# Elasticsearch is asked to mark matches with these Unicode private-use characters instead of
# <mark>, so that its fragment can be escaped here before the marks become HTML.
ENGINE_PRE, ENGINE_POST = "\ue000", "\ue001"
_ENGINE_MARKED = re.compile(f"{ENGINE_PRE}(.*?){ENGINE_POST}", re.DOTALL)


def _pattern(query):
    parts = []
    for term in query.terms:
        if term.cjk:
            parts.append(re.escape(term.text))
        else:
            # Stems highlight their inflections: "merchant" marks "merchants".
            parts.append(rf"(?<![a-z0-9]){re.escape(term.word)}[a-z0-9]*")
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile("|".join(parts))


def _marked(display, spans):
    out, pos = [], 0
    for start, end in spans:
        out.append(escape(display[pos:start]))
        out.append(f"<mark>{escape(display[start:end])}</mark>")
        pos = end
    out.append(escape(display[pos:]))
    return "".join(out)


def highlight(original, query, whole=False):
    """HTML-escaped text with <mark> around matches; a window around the first match unless whole.

    Matching runs on the normalised text (simplified, lower case) so a traditional or upper-case
    query marks the simplified or mixed-case original; positions carry over when normalisation
    kept the length, otherwise the normalised text is shown.
    """
    original = " ".join((original or "").split())
    if not original:
        return ""
    norm = textlib.normalise(original)
    display = original if len(norm) == len(original) else norm
    pattern = _pattern(query)
    matches = list(pattern.finditer(norm)) if pattern else []
    if whole:
        start, end = 0, len(display)
    else:
        start, end = _sentences(norm, matches[0] if matches else None)
    spans = [
        (max(m.start(), start), min(m.end(), end))
        for m in matches
        if m.start() < end and m.end() > start
    ]
    marked = _marked(display[start:end], [(a - start, b - start) for a, b in spans])
    marked = marked.replace("</mark><mark>", "")
    if start > 0:
        marked = "…" + marked
    if end < len(display):
        marked += "…"
    return mark_safe(marked)  # noqa: S308 - every piece of text went through escape()


def _sentences(norm, match):
    """(start, end) of whole sentences around the first match, about SNIPPET_CHARS long; a
    window of characters when a sentence is too long to show whole."""
    first = match.start() if match else 0
    last = match.end() if match else 0
    start = max([m.end() for m in SENTENCE_END.finditer(norm, 0, first)], default=0)
    if first - start > SENTENCE_LEAD_MAX:
        start = max(0, first - LEAD_CHARS)
    while start < first and norm[start] == " ":
        start += 1
    end = None
    for m in SENTENCE_END.finditer(norm, max(last, start)):
        if end is not None and m.end() - start > SNIPPET_CHARS:
            break
        end = m.end()
    if end is None:
        end = len(norm)
    if end - start > SNIPPET_MAX:
        end = max(last, start + SNIPPET_CHARS)
    return start, min(end, len(norm))


def engine_fragment(fragment):
    """A search engine's highlight fragment as HTML: all of its text escaped here, whatever the
    engine did, and only the engine's own marks turned into <mark>.

    The request asks Elasticsearch for its HTML encoder too; its entities are undone once so the
    text is escaped exactly once.
    """
    escaped = escape(html.unescape(fragment or ""))
    marked = _ENGINE_MARKED.sub(r"<mark>\1</mark>", escaped)
    marked = marked.replace(ENGINE_PRE, "").replace(ENGINE_POST, "")
    return mark_safe(marked)  # noqa: S308 - the text was escaped above
