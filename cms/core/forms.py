"""The admin form every page type edits through."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from cms.core.slugs import pinyin_slug, unique_slug


class BasePageForm(WagtailAdminPageForm):
    """Fills the URL name from the title's pinyin when the editor leaves it empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            # Where the editor's JavaScript asks for a slug unique among the page's siblings.
            attrs = self.fields["slug"].widget.attrs
            if self.parent_page is not None:
                attrs["data-pinyin-slug-parent"] = self.parent_page.pk
            if self.instance.pk:
                attrs["data-pinyin-slug-page"] = self.instance.pk
            self.fields["slug"].help_text = _(
                "网址中的页面名称，按标题拼音自动生成（如 wenshang-zuotanhui），可以修改"
            )

    def clean(self):
        if (
            "slug" in self.fields
            and not self.cleaned_data.get("slug")
            and "slug" not in self.errors
        ):
            title = self.cleaned_data.get("title") or ""
            base = pinyin_slug(title)
            if base:
                self.cleaned_data["slug"] = unique_slug(base, self.parent_page, self.instance)
            elif title:
                self.add_error(
                    "slug", _("无法从标题生成网址名称，请填写由字母、数字和连字符组成的名称。")
                )
        return super().clean()
