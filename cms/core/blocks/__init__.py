"""StreamField blocks, one module per family."""

from wagtail import blocks

from .history import ArtifactEmbedBlock, MapBlock, TimelineBlock
from .media import CaptionedImageBlock, DocumentBlock, GalleryBlock
from .text import HeadingBlock, ParagraphBlock, QuoteBlock


class BodyBlock(blocks.StreamBlock):
    """General content: news, standard pages, campaigns."""

    # The paragraph comes first: it is what an editor adds most, and the first block offered.
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    document = DocumentBlock()


class NarrativeBlock(BodyBlock):
    """Museum narrative: everything in the body plus artifacts, timelines and maps."""

    artifact = ArtifactEmbedBlock()
    timeline = TimelineBlock()
    map = MapBlock()


__all__ = [
    "ArtifactEmbedBlock",
    "BodyBlock",
    "CaptionedImageBlock",
    "DocumentBlock",
    "GalleryBlock",
    "HeadingBlock",
    "MapBlock",
    "NarrativeBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "TimelineBlock",
]
