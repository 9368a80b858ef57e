from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class TimelineEntryBlock(blocks.StructBlock):
    year = blocks.IntegerBlock(label=_("年份"), min_value=1000, max_value=2100)
    title = blocks.CharBlock(label=_("事件"), max_length=120)
    text = blocks.TextBlock(label=_("说明"), required=False)

    class Meta:
        icon = "date"
        label = _("时间节点")
        preview_value = {"year": 1982, "title": "桥头纽扣市场兴起", "text": ""}


class TimelineBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("标题"), required=False, max_length=120)
    entries = blocks.ListBlock(TimelineEntryBlock(), label=_("时间节点"), min_num=1)

    class Meta:
        icon = "history"
        label = _("时间轴")
        description = _("按年份排列的事件")
        template = "blocks/timeline_block.html"
        preview_value = {
            "title": "温商发展历程",
            "entries": [
                {"year": 1978, "title": "改革开放", "text": "家庭工业兴起"},
                {"year": 2001, "title": "中国加入世贸组织", "text": "温商走向世界"},
            ],
        }


class MapPlaceBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("地点"), max_length=120)
    latitude = blocks.FloatBlock(label=_("纬度"), min_value=-90, max_value=90)
    longitude = blocks.FloatBlock(label=_("经度"), min_value=-180, max_value=180)
    note = blocks.CharBlock(label=_("说明"), required=False, max_length=250)

    class Meta:
        icon = "site"
        label = _("地点")
        preview_value = {"name": "温州", "latitude": 28.0, "longitude": 120.67, "note": ""}


class MapBlock(blocks.StructBlock):
    """A map drawn on the page itself (no tile server), so the static site stays self-contained."""

    title = blocks.CharBlock(label=_("标题"), required=False, max_length=120)
    places = blocks.ListBlock(MapPlaceBlock(), label=_("地点"), min_num=1)

    class Meta:
        icon = "site"
        label = _("地图")
        description = _("标注温商足迹的地点")
        template = "blocks/map_block.html"
        preview_value = {
            "title": "温商足迹",
            "places": [
                {"name": "温州", "latitude": 28.0, "longitude": 120.67, "note": "家乡"},
                {"name": "巴黎", "latitude": 48.86, "longitude": 2.35, "note": "欧洲温商聚居地"},
            ],
        }


class ArtifactEmbedBlock(blocks.StructBlock):
    artifact = blocks.PageChooserBlock(label=_("藏品"), page_type="museum.ArtifactPage")
    note = blocks.CharBlock(label=_("展陈说明"), required=False, max_length=250)

    class Meta:
        icon = "pick"
        label = _("嵌入藏品")
        description = _("在叙述中展示馆藏藏品")
        template = "blocks/artifact_embed_block.html"
        preview_value = {"note": "展品说明"}

    def get_api_representation(self, value, context=None):
        """The artifact as a link ``{id, type, title, url, html_url}``, not a bare id."""
        from cms.api.representations import page_link

        artifact = value.get("artifact")
        return {
            "artifact": page_link(artifact, context) if artifact else None,
            "note": value.get("note") or "",
        }
