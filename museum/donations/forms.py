"""The public donation form (its field names are the endpoint's public contract) and the curators' forms."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cms.chambers.models import ChamberPage
from museum.models.collection import ArtifactPage, ObjectType

from . import conf
from .models import DonationIntent, DonationStatus, DonorCredit
from .validation import clean_photo

TAG_RE = re.compile(r"<\s*[a-zA-Z/!?]")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PHONE_RE = re.compile(r"^\+?[0-9][0-9\s\-().]{4,28}$")
WECHAT_RE = re.compile(r"^[A-Za-z0-9_\-]{6,40}$")
PHOTO_ACCEPT = (
    "image/jpeg,image/png,image/webp,image/heic,image/heif,.jpg,.jpeg,.png,.webp,.heic,.heif"
)
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]


def plain_text(value):
    """Text fields are plain text: markup and control characters are refused, not silently dropped."""
    if value and TAG_RE.search(value):
        raise ValidationError(_("请勿填写 HTML 标签或脚本，只需填写文字。"), code="markup")
    if value and CONTROL_RE.search(value):
        raise ValidationError(_("包含无法识别的控制字符，请只填写文字。"), code="control")


class TickBoxInput(forms.CheckboxInput):
    """A checkbox that hands the field the text it was sent (Django's makes it a bool first)."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class TickBoxField(forms.BooleanField):
    """A tick box that reads only what browsers and the API document send.

    Django's BooleanField takes any text but "false" and "0" as ticked, so "maybe" would
    consent; here the published values are the only ones: "on" (a browser's tick), "true"
    or "1" tick it, "false", "0", "off" or nothing leave it unticked, anything else is refused.
    """

    widget = TickBoxInput
    TICKED = ("on", "true", "1")
    UNTICKED = ("", "off", "false", "0")

    def to_python(self, value):
        if value in (True, False):
            return value
        text = "" if value is None else str(value)
        if text in self.TICKED:
            return True
        if text in self.UNTICKED:
            return False
        raise forms.ValidationError(_("勾选框的值无效。"), code="invalid")


class PlainCharField(forms.CharField):
    default_validators = [plain_text]


class SingleLineField(PlainCharField):
    """One line of plain text: line breaks, tabs and runs of spaces (ASCII or ideographic) become
    one space, so nothing a donor types can break the lines it is later printed or shown in."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """1 to N photos, each decoded and re-encoded; all problems are reported at once."""

    widget = MultipleFileInput(attrs={"accept": PHOTO_ACCEPT})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", True)
        super().__init__(**kwargs)

    def to_python(self, data):
        return data

    def clean(self, data, initial=None):
        files = [f for f in (data or []) if f]
        max_photos = conf.get("DONATIONS_MAX_PHOTOS")
        if not files:
            raise ValidationError(
                _("请至少上传 1 张藏品照片（最多 %(max)s 张）。") % {"max": max_photos},
                code="required",
            )
        if len(files) > max_photos:
            raise ValidationError(
                ngettext(
                    "最多上传 %(max)s 张照片，您选择了 %(count)s 张。",
                    "最多上传 %(max)s 张照片，您选择了 %(count)s 张。",
                    max_photos,
                )
                % {"max": max_photos, "count": len(files)},
                code="too_many",
            )
        total = sum(f.size or 0 for f in files)
        max_total = conf.get("DONATIONS_MAX_TOTAL_BYTES")
        if total > max_total:
            raise ValidationError(
                _("照片合计不能超过 %(limit)s MB（当前 %(total)s MB）。")
                % {"limit": max_total // conf.MB, "total": round(total / conf.MB, 1)},
                code="total_too_large",
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(clean_photo(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class DonationForm(forms.Form):
    donor_name = SingleLineField(label=_("捐赠人姓名"), max_length=100)
    email = forms.EmailField(label=_("电子邮箱"), max_length=254, required=False)
    phone = forms.CharField(label=_("电话"), max_length=30, required=False)
    wechat = forms.CharField(label=_("微信号"), max_length=40, required=False)
    country = SingleLineField(label=_("所在国家或地区"), max_length=80)
    city = SingleLineField(label=_("所在城市"), max_length=80)
    chamber = forms.TypedChoiceField(
        label=_("所属商会（选填）"), required=False, coerce=int, empty_value=None
    )
    title = SingleLineField(label=_("藏品名称"), max_length=120)
    category = forms.ChoiceField(
        label=_("类别"), choices=[("", _("请选择类别"))] + list(ObjectType.choices)
    )
    era = SingleLineField(label=_("大致年代"), max_length=60, required=False)
    description = PlainCharField(
        label=_("藏品描述"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    story = PlainCharField(
        label=_("藏品背后的故事（选填）"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    intent = forms.ChoiceField(
        label=_("捐赠方式"), choices=DonationIntent.choices, widget=forms.RadioSelect
    )
    # Optional in the public contract: clients that do not send it keep the full-name credit
    # the privacy notice has always described.
    credit = forms.ChoiceField(
        label=_("入藏后的署名方式"),
        choices=DonorCredit.choices,
        required=False,
        initial=DonorCredit.FULL_NAME,
        widget=forms.RadioSelect,
    )
    photos = PhotosField(label=_("藏品照片"))
    consent_display = TickBoxField(label=_("我同意博物馆公开展示这件藏品的故事"), required=False)
    consent_privacy = TickBoxField(
        label=_("我已阅读并同意隐私说明"),
        error_messages={"required": _("请阅读并同意隐私说明后再提交。")},
    )
    lang = forms.ChoiceField(choices=LANGUAGES, required=False, widget=forms.HiddenInput)
    # Honeypot: hidden from people, filled in by bots.
    website = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        chambers = ChamberPage.objects.live().order_by("level", "province", "title")
        if locale is not None:
            chambers = chambers.filter(locale=locale)
        self.fields["chamber"].choices = [("", _("（不选）"))] + [
            (page.pk, page.title) for page in chambers.only("pk", "title")
        ]
        for name in ("donor_name", "country", "city", "title", "description"):
            self.fields[name].error_messages["required"] = _("请填写“%(label)s”。") % {
                "label": self.fields[name].label
            }
        self.fields["intent"].error_messages["required"] = _("请选择捐赠方式。")
        for name, field in self.fields.items():
            described = [f"id_{name}_errors"]
            if name in {"phone", "era", "photos"}:
                described.insert(0, f"id_{name}_help")
            if name in {"email", "phone", "wechat"}:
                described.append("contact_help")
            field.widget.attrs.setdefault("aria-describedby", " ".join(described))
        self.fields["category"].error_messages["required"] = _("请选择藏品类别。")
        for field in self.fields.values():
            if getattr(field, "max_length", None) and field.label:
                # Django's default speaks of "this value"; say which field and how long it may be.
                field.error_messages["max_length"] = _(
                    "“%(label)s”最多 %(limit)s 个字符，当前为 %(count)s 个，请删减后再提交。"
                ) % {
                    "label": field.label,
                    "limit": "%(limit_value)d",
                    "count": "%(show_value)d",
                }

    def clean_credit(self):
        return self.cleaned_data.get("credit") or DonorCredit.FULL_NAME

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = re.sub(r"\D", "", phone)
        if phone and (not PHONE_RE.match(phone) or not 6 <= len(digits) <= 20):
            raise ValidationError(
                _("请填写有效的电话号码，可含国家区号，如 +39 055 123 4567。"), code="invalid"
            )
        return phone

    def clean_wechat(self):
        wechat = self.cleaned_data["wechat"].strip()
        if wechat and not WECHAT_RE.match(wechat):
            raise ValidationError(_("微信号为 6–40 位字母、数字、下划线或减号。"), code="invalid")
        return wechat

    def clean_chamber(self):
        pk = self.cleaned_data.get("chamber")
        if pk is None:
            return None
        chamber = ChamberPage.objects.live().filter(pk=pk).first()
        if chamber is None:
            raise ValidationError(_("请从列表中选择商会。"), code="invalid_choice")
        return chamber

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(_("提交未被接受，请刷新页面后重试。"), code="honeypot")
        contact_fields = ("email", "phone", "wechat")
        if not any(cleaned.get(name) for name in contact_fields) and not any(
            name in self.errors for name in contact_fields
        ):
            self.add_error(
                "email",
                ValidationError(_("请至少填写电子邮箱、电话或微信号中的一项。"), code="no_contact"),
            )
        return cleaned

    def error_links(self):
        """Each field's problems as (element id, label, message), in the form's order, for the
        summary at the top of the form: a radio group is reached through its first option."""
        links = []
        for bound in self:
            if bound.is_hidden or not bound.errors:
                continue
            target = f"{bound.auto_id}_0" if bound.use_fieldset else bound.auto_id
            links.extend((target, bound.label, message) for message in bound.errors)
        return links

    def errors_as_dict(self):
        return {
            field: [str(message) for message in messages] for field, messages in self.errors.items()
        }


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("新状态"))
    note = forms.CharField(
        label=_("说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("请填写变更说明。")},
    )
    public_note = forms.CharField(
        label=_("给捐赠人的说明（选填）"),
        help_text=_("捐赠人查询进度时可以看到；上面的“说明”只有工作人员可见。"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, donation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [
            (status.value, status.label)
            for status in donation.allowed_transitions()
            if status != DonationStatus.ACCESSIONED
        ]


class AccessionForm(forms.Form):
    accession_number = forms.CharField(label=_("藏品编号"), max_length=40)
    public_photos = forms.TypedMultipleChoiceField(
        label=_("公开展示的照片"),
        help_text=_(
            "只勾选藏品本身的照片；未勾选的照片不会进入藏品页面和图片库。默认一张也不公开。"
        ),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("请填写入藏说明。")},
    )
    public_note = forms.CharField(
        label=_("给捐赠人的说明（选填）"),
        help_text=_("捐赠人查询进度时可以看到；上面的“说明”只有工作人员可见。"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )

    def __init__(self, *args, donation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_photos"].choices = [
            (
                photo.pk,
                _("照片 %(number)s（%(width)s×%(height)s）")
                % {"number": n, "width": photo.width, "height": photo.height},
            )
            for n, photo in enumerate(donation.photos.all(), start=1)
        ]

    def clean_accession_number(self):
        number = self.cleaned_data["accession_number"].strip()
        if ArtifactPage.objects.filter(accession_number=number).exists():
            raise ValidationError(_("藏品编号 %(number)s 已被使用。") % {"number": number})
        return number
