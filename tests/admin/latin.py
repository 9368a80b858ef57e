"""Finds Latin-alphabet words in what a zh-hans editor sees, outside an allow-list.

Used on HTML from the test client (text nodes and the attributes people read or hear) and on
``innerText`` from Chromium (text that JavaScript renders).
"""

import re
from html.parser import HTMLParser

# Words that are right in a Chinese admin: brand and product names, file formats, units and
# abbreviations Chinese editors use as they are.
ALLOWED = {
    "wagtail",
    "api",
    "csv",
    "xlsx",
    "pdf",
    "heic",
    "heif",
    "jpeg",
    "jpg",
    "png",
    "gif",
    "webp",
    "avif",
    "svg",
    "url",
    "urls",
    "id",
    "seo",
    "html",
    "json",
    "rss",
    "atom",
    "email",
    "mb",
    "kb",
    "gb",
    "px",
    "utc",
    "iiif",
    "oai",
    "pmh",
    "wechat",
    "weibo",
    "english",  # the name of a language, as the language menu shows it
    "opencc",
    "jieba",
    "elasticsearch",
    "sqlite",
    "postgresql",
}
WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
SKIPPED_TAGS = {"script", "style", "svg", "noscript", "template", "code", "pre", "textarea"}
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "aria-description")
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = []
        self.chunks = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # A number JavaScript fills in before showing it (Wagtail leaves "None" there meanwhile).
        counter = "data-side-panel-toggle-counter" in attrs
        if tag not in VOID and (self.skipping or tag in SKIPPED_TAGS or counter):
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        for name in READ_ATTRIBUTES:
            if attrs.get(name):
                self.chunks.append(attrs[name])
        if (
            tag == "input"
            and attrs.get("type") in ("submit", "button", "reset")
            and attrs.get("value")
        ):
            self.chunks.append(attrs["value"])

    def handle_endtag(self, tag):
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.chunks.append(data.strip())


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return parser.chunks


def latin_words(chunks, allowed_values=()):
    """``{word: first text it appeared in}`` for every word not allowed.

    ``allowed_values`` are field values (usernames, English titles, codes) that the page shows
    as data, not as interface text; they are removed before looking for words.
    """
    found = {}
    values = sorted((v for v in allowed_values if v), key=len, reverse=True)
    for chunk in chunks:
        text = chunk
        for value in values:
            text = text.replace(value, " ")
        for match in WORD.finditer(text):
            word = match.group()
            if word.lower().strip("'’") in ALLOWED:
                continue
            start = max(0, match.start() - 50)
            found.setdefault(word, text[start : match.end() + 50].strip())
    return found
