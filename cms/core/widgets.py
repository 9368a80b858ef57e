"""Admin widgets of the core app."""

from django import forms
from django.urls import reverse_lazy
from wagtail.admin.widgets.slug import SlugInput


class PinyinSlugInput(SlugInput):
    """Wagtail's slug input, filled with the pinyin of the title as the title is typed.

    Wagtail syncs the title into the slug with its own JavaScript ``urlify``, which drops
    Chinese characters. Here the sync events go to ``pinyin-slug.js`` instead, which asks
    the server (``cms.core.slugs``, the one place that spells titles) for the slug; the
    ``w-slug`` controller still cleans what an editor types by hand.
    """

    def __init__(self, attrs=None, **kwargs):
        attrs = {
            "data-action": "blur->w-slug#slugify",
            "data-pinyin-slug-url": reverse_lazy("core_pinyin_slug"),
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, **kwargs)

    @property
    def media(self):
        return forms.Media(js=["core/js/pinyin-slug.js"])
