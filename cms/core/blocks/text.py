from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("标题"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("级别"),
        choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")],
        default="h2",
        # "H2" is markup, not content: a search for it must find nothing.
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("小标题")
        description = _("分隔长篇叙述的小节标题")
        template = "blocks/heading_block.html"
        preview_value = {"text": "改革开放与温州模式", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        # Not 正文: that is the name of the whole body field the paragraphs sit in.
        label = _("段落")
        description = _("带格式的正文段落")
        template = "blocks/paragraph_block.html"
        preview_value = (
            "<p>二十世纪八十年代，温州人以家庭作坊起步，走南闯北，形成了“温州模式”。</p>"
        )


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("引文"))
    attribution = blocks.CharBlock(label=_("出处"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("引文")
        description = _("人物口述或文献引文")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "走遍千山万水，想尽千方百计，说尽千言万语，吃尽千辛万苦。",
            "attribution": "温州人的“四千精神”",
        }
