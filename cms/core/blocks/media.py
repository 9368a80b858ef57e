from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class ChineseImageBlock(ImageBlock):
    """Wagtail's ImageBlock, whose chooser is otherwise labelled "Image" in every language.

    It still deconstructs as ImageBlock, so migrations and stored data are unchanged.
    """

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        self.child_blocks["image"].label = _("选择图片")


class CaptionedImageBlock(blocks.StructBlock):
    image = ChineseImageBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("图注"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("图片")
        description = _("一张图片，带替代文字与图注")
        template = "blocks/captioned_image_block.html"
        preview_value = {"caption": "二十世纪八十年代的桥头纽扣市场"}

    def get_searchable_content(self, value):
        """Nothing for an image the public may not see: the page does not show the block."""
        from cms.core.visibility import is_public_media

        if is_public_media(value.get("image")):
            return super().get_searchable_content(value)
        return []

    def get_api_representation(self, value, context=None):
        """The image as a rendition URL with its alt text, not a bare id."""
        from cms.api.representations import image_rendition

        image = value.get("image")
        return {
            "image": image_rendition(image, context=context) if image else None,
            "caption": value.get("caption") or "",
        }


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("图组标题"), required=False, max_length=120)
    images = blocks.ListBlock(CaptionedImageBlock(), label=_("图片"), min_num=1)

    class Meta:
        icon = "grip"
        label = _("图组")
        description = _("多张图片组成的图组")
        template = "blocks/gallery_block.html"
        preview_value = {"title": "温商创业旧影"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(label=_("显示名称"), required=False, max_length=120)

    class Meta:
        icon = "doc-full"
        label = _("文件下载")
        description = _("可供下载的文件，如宣传册或海报")
        template = "blocks/document_block.html"
        preview_value = {"title": "宣传册（PDF）"}

    def get_api_representation(self, value, context=None):
        """The document as a download link, not a bare id."""
        from cms.api.representations import document_link

        document = value.get("document")
        return {
            "document": document_link(document, context) if document else None,
            "title": value.get("title") or "",
        }
