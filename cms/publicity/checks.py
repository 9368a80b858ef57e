"""Checks before publishing a news item or campaign.

``check_page`` reads what the public would see (title, summary, every text block of the
body, captions and quotes) and reports:

- wrong or sensitive wordings (错敏词) and their standard form, from the ``Wording`` snippets;
- images without alt text;
- links to pages that are not live (they would be broken on the published site);
- a Chinese page without an English translation.

Blocking findings stop submitting, approving and publishing; the rest are warnings,
recorded in the page's history when it goes through.
"""

import html
import re
from dataclasses import asdict, dataclass

from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.models import Locale, Page
from wagtail.rich_text import RichText

#: Characters of context shown either side of a finding.
CONTEXT = 18

_PAGE_LINK = re.compile(r'<a\b[^>]*\blinktype="page"[^>]*\bid="(\d+)"', re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    kind: str
    blocking: bool
    #: Form field the finding is in (``body``, ``title``...), for the error beside it.
    field: str
    #: Where on the page, for the editor: 正文第 2 块（段落）.
    where: str
    message: str
    #: The offending text, and the text around it.
    text: str = ""
    before: str = ""
    after: str = ""
    correct: str = ""

    def as_dict(self):
        return asdict(self)

    def highlighted(self):
        """The context with the offending text marked, as safe HTML."""
        if not self.text:
            return ""
        return format_html("…{}<mark>{}</mark>{}…", self.before, self.text, self.after)

    def __str__(self):
        parts = [self.where, self.message]
        if self.text:
            parts.append(f"“…{self.before}【{self.text}】{self.after}…”")
        return "：".join(parts[:2]) + (f" {parts[2]}" if len(parts) > 2 else "")


def check_page(page):
    """Every finding on ``page`` (a page object, e.g. a revision's), blocking ones first."""
    texts = list(_texts(page))
    findings = []
    findings += _wording_findings(texts)
    findings += _image_findings(page)
    findings += _link_findings(page)
    findings += _translation_findings(page)
    return sorted(findings, key=lambda finding: not finding.blocking)


def blocking_findings(page):
    return [finding for finding in check_page(page) if finding.blocking]


# What the page says


@dataclass(frozen=True)
class _Text:
    field: str
    where: str
    text: str


def _texts(page):
    for name, label in (("title", _("标题")), ("intro", _("导语")), ("theme", _("主题"))):
        value = getattr(page, name, "")
        if value:
            yield _Text(name, str(label), value)
    body = getattr(page, "body", None)
    if body is not None:
        for index, child in enumerate(body, start=1):
            where = _("正文第 %(n)d 块（%(label)s）") % {"n": index, "label": child.block.label}
            for text in _block_texts(child.block, child.value):
                yield _Text("body", where, text)


def _block_texts(block, value):
    if value is None:
        return
    if isinstance(value, RichText) or isinstance(block, blocks.RichTextBlock):
        yield html.unescape(strip_tags(getattr(value, "source", str(value))))
    elif isinstance(block, blocks.StructBlock):
        # ImageBlock is a StructBlock whose value is the image itself.
        if not hasattr(value, "get"):
            return
        for name, child in block.child_blocks.items():
            yield from _block_texts(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _block_texts(block.child_block, getattr(item, "value", item))
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _block_texts(child.block, child.value)
    elif isinstance(value, str) and isinstance(block, blocks.FieldBlock):
        if not isinstance(block, blocks.ChoiceBlock):
            yield value


# 错敏词


def _wording_findings(texts):
    from cms.publicity.models import Wording

    rules = list(Wording.objects.filter(active=True))
    findings = []
    for item in texts:
        for rule in rules:
            for start in _occurrences(item.text, rule):
                end = start + len(rule.wrong)
                if rule.correct:
                    message = _("“%(wrong)s”应为“%(correct)s”") % {
                        "wrong": rule.wrong,
                        "correct": rule.correct,
                    }
                else:
                    message = _("“%(wrong)s”不宜使用，请删除或改写") % {"wrong": rule.wrong}
                if rule.note:
                    message += f"（{rule.note}）"
                findings.append(
                    Finding(
                        kind="wording",
                        blocking=rule.severity == rule.Severity.BLOCK,
                        field=item.field,
                        where=item.where,
                        message=message,
                        text=rule.wrong,
                        before=item.text[max(0, start - CONTEXT) : start],
                        after=item.text[end : end + CONTEXT],
                        correct=rule.correct,
                    )
                )
    return findings


def _occurrences(text, rule):
    """Start offsets of ``rule.wrong`` in ``text``, except inside one of its exceptions."""
    covered = set()
    for exception in rule.exception_list:
        for match in re.finditer(re.escape(exception), text):
            covered.update(range(match.start(), match.end()))
    for match in re.finditer(re.escape(rule.wrong), text):
        if match.start() not in covered:
            yield match.start()


# Images


def _image_findings(page):
    """Images whose alt text nobody wrote: empty, or only the image's title filled in for it."""
    findings = []
    listing_image = getattr(page, "listing_image", None)
    if listing_image is not None and not (getattr(listing_image, "description", "") or "").strip():
        findings.append(
            Finding(
                kind="image_alt",
                blocking=False,
                field="listing_image",
                where=str(_("题图")),
                message=_("图片“%(title)s”没有替代文字（供读屏软件和图片无法显示时使用）")
                % {"title": listing_image.title},
            )
        )
    body = getattr(page, "body", None)
    if body is None:
        return findings
    for index, child in enumerate(body, start=1):
        for image in _images(child.block, child.value):
            if getattr(image, "decorative", False):
                continue
            alt = (getattr(image, "contextual_alt_text", None) or "").strip()
            written = bool(alt) and (
                alt != image.title or bool((getattr(image, "description", "") or "").strip())
            )
            if not written:
                findings.append(
                    Finding(
                        kind="image_alt",
                        blocking=False,
                        field="body",
                        where=_("正文第 %(n)d 块（%(label)s）")
                        % {"n": index, "label": child.block.label},
                        message=_("图片“%(title)s”没有替代文字（供读屏软件和图片无法显示时使用）")
                        % {"title": image.title},
                    )
                )
    return findings


def _images(block, value):
    from wagtail.images.blocks import ImageBlock, ImageChooserBlock

    if value is None:
        return
    if isinstance(block, (ImageBlock, ImageChooserBlock)):
        yield value
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from _images(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _images(block.child_block, getattr(item, "value", item))
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _images(child.block, child.value)


# Links


def _link_findings(page):
    linked = {}
    body = getattr(page, "body", None)
    if body is not None:
        for index, child in enumerate(body, start=1):
            where = _("正文第 %(n)d 块（%(label)s）") % {"n": index, "label": child.block.label}
            for page_id in _linked_pages(child.block, child.value):
                linked.setdefault(page_id, where)
    campaign_id = getattr(page, "campaign_id", None)
    if campaign_id:
        linked.setdefault(campaign_id, str(_("所属宣传活动")))
    if not linked:
        return []
    found = {p.pk: p for p in Page.objects.filter(pk__in=linked)}
    findings = []
    for page_id, where in linked.items():
        target = found.get(page_id)
        if target is not None and target.live:
            continue
        title = target.title if target is not None else _("（已删除的页面）")
        findings.append(
            Finding(
                kind="link",
                blocking=True,
                field="campaign" if where == str(_("所属宣传活动")) else "body",
                where=where,
                message=_("链接的页面“%(title)s”尚未发布，发布后读者会看到失效链接")
                % {"title": title},
            )
        )
    return findings


def _linked_pages(block, value):
    if value is None:
        return
    if isinstance(value, RichText) or isinstance(block, blocks.RichTextBlock):
        source = getattr(value, "source", str(value))
        yield from (int(page_id) for page_id in _PAGE_LINK.findall(source))
    elif isinstance(block, blocks.PageChooserBlock):
        yield value.pk if hasattr(value, "pk") else int(value)
    elif isinstance(block, blocks.StructBlock):
        if not hasattr(value, "get"):
            return
        for name, child in block.child_blocks.items():
            yield from _linked_pages(child, value.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _linked_pages(block.child_block, getattr(item, "value", item))
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _linked_pages(child.block, child.value)


# Translation


def _translation_findings(page):
    if not page.pk or page.locale.language_code != "zh-hans":
        return []
    english = Locale.objects.filter(language_code="en").first()
    if english is None or page.has_translation(english):
        return []
    return [
        Finding(
            kind="translation",
            blocking=False,
            field="",
            where=str(_("英文版")),
            message=_("这篇中文稿件还没有英文译文（可在页面菜单中选择“翻译”）"),
        )
    ]


def findings_html(findings):
    """The findings as an HTML list, for messages and form errors."""
    items = [
        format_html(
            "<li><strong>{}</strong>：{} {}</li>",
            finding.where,
            finding.message,
            finding.highlighted(),
        )
        for finding in findings
    ]
    return mark_safe("<ul>" + "".join(items) + "</ul>")  # noqa: S308 (parts are escaped)


__all__ = ["Finding", "blocking_findings", "check_page", "escape", "findings_html"]
