"""API v2's error messages in the reader's language (Accept-Language; zh-hans by default).

Wagtail's v2 views answer a bad request with ``{"message": "..."}`` in English, built from
its own strings (``"offset must be a positive integer"``, ``"unknown fields: x, y"``). They
are matched here and said again through gettext, as v3 and the search API speak; a message
not listed keeps Wagtail's text after a translated lead-in.
"""

import re

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.api.v2.utils import BadRequestError

from .guard import reader_language


def _messages():
    # (Wagtail's message as a pattern, ours); the names of the groups fill ours.
    return [
        (
            r"(?P<name>offset|limit|child_of|ancestor_of|descendant_of|translation_of|id) must be a positive integer",
            _("参数 %(name)s 须为正整数。"),
        ),
        (r"limit cannot be higher than (?P<max>\d+)", _("limit 不能大于 %(max)s。")),
        (
            r"query parameter is not an operation or a recognised field: (?P<names>.*)",
            _("未知的查询参数：%(names)s。"),
        ),
        (r"unknown fields: (?P<names>.*)", _("未知的字段：%(names)s。")),
        (r"'(?P<name>.*)' does not support nested fields", _("字段 %(name)s 没有子字段。")),
        (r"fields error: (?P<detail>.*)", _("fields 参数有误：%(detail)s")),
        (
            r"cannot order by '(?P<name>.*)' \(unknown field\)",
            _("不能按 %(name)s 排序：没有这个字段。"),
        ),
        (
            r"cannot order by '(?P<name>.*)' \(invalid field\)",
            _("不能按 %(name)s 排序：字段无效。"),
        ),
        (
            r"cannot order by '(?P<name>.*)' while searching \(field is not indexed\)",
            _("搜索时不能按 %(name)s 排序：该字段未建索引。"),
        ),
        (
            r"cannot filter by '(?P<name>.*)' while searching \(field is not indexed\)",
            _("搜索时不能按 %(name)s 筛选：该字段未建索引。"),
        ),
        (
            r"random ordering cannot be combined with other fields",
            _("random 排序不能与其他字段同用。"),
        ),
        (r"random ordering with offset is not supported", _("random 排序不能与 offset 同用。")),
        (r"search is disabled", _("搜索未开启。")),
        (r"filtering by tag with a search query is not supported", _("搜索时不能按标签筛选。")),
        (
            r"filtering by descendant_of with child_of is not supported",
            _("descendant_of 与 child_of 不能同用。"),
        ),
        (r"parent page doesn't exist", _("child_of 所指的页面不存在。")),
        (r"descendant page doesn't exist", _("ancestor_of 所指的页面不存在。")),
        (r"ancestor page doesn't exist", _("descendant_of 所指的页面不存在。")),
        (r"translation_of page doesn't exist", _("translation_of 所指的页面不存在。")),
        (r"type doesn't exist", _("没有这个页面类型。")),
        (
            r"field filter error\. null characters are not allowed for (?P<name>.*)",
            _("字段筛选 %(name)s 不能含空字符。"),
        ),
        (
            r"field filter error\. '(?P<value>.*)' is not a valid value for (?P<name>\w+) \(.*\)",
            _("字段筛选有误：%(value)s 不是 %(name)s 的有效值。"),
        ),
        (r"not found|No .* matches the given query\.", _("没有找到。")),
    ]


def translate(message):
    """Wagtail's English message, in the active language."""
    for pattern, ours in _messages():
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            return ours % match.groupdict() if match.groupdict() else ours
    return _("请求有误：%(message)s") % {"message": message}


class ReaderLanguageErrorsMixin:
    """For Wagtail's v2 endpoint classes: their 400 and 404 messages follow Accept-Language."""

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if isinstance(exc, (BadRequestError, Http404)):
            with override(reader_language(self.request)):
                response.data = {"message": translate(str(exc))}
        return response
