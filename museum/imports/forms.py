from django import forms
from django.utils.translation import gettext_lazy as _

MAX_SHEET_BYTES = 10 * 1024 * 1024
MAX_ZIP_BYTES = 200 * 1024 * 1024


class ImportForm(forms.Form):
    collection_index = forms.ModelChoiceField(queryset=None, label=_("导入到馆藏目录"))
    sheet = forms.FileField(
        label=_("藏品表格"), help_text=_("CSV（UTF-8 或 GB18030）或 XLSX，第 1 行为列名")
    )
    images = forms.FileField(
        label=_("图片压缩包"),
        required=False,
        help_text=_("ZIP，图片文件名与表格“图片文件”列一致"),
    )
    publish = forms.BooleanField(label=_("导入后直接发布"), required=False)

    def __init__(self, *args, indexes, can_publish, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection_index"].queryset = indexes
        if indexes.count() == 1:
            self.fields["collection_index"].initial = indexes.first()
        if not can_publish:
            del self.fields["publish"]

    def clean_sheet(self):
        sheet = self.cleaned_data["sheet"]
        if sheet.size > MAX_SHEET_BYTES:
            raise forms.ValidationError(_("表格文件不能超过 10 MB。"))
        return sheet

    def clean_images(self):
        images = self.cleaned_data.get("images")
        if images and images.size > MAX_ZIP_BYTES:
            raise forms.ValidationError(_("图片压缩包不能超过 200 MB，请分批导入。"))
        return images
