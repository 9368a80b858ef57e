"""Public backend views: the endpoint the static donation page posts to, thank-you, status, certificate."""

import hmac
import logging
import math
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_ratelimit.core import is_ratelimited

from . import conf, throttle
from .forms import DonationForm
from .models import Donation, DonationPage, DonationStatus, limits
from .services import create_donation

logger = logging.getLogger(__name__)

THANKS_SALT = "donations.thanks"
CERTIFICATE_SALT = "donations.certificate"
CERTIFICATE_MAX_AGE = 60 * 60
SUPPORTED = {"zh-hans", "en"}


def _origin_of(url):
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(request):
    origins = {o.rstrip("/").lower() for o in conf.get("DONATIONS_ALLOWED_ORIGINS")}
    origins.add(f"{request.scheme}://{request.get_host()}".lower())
    return origins


def request_origin(request):
    """The page that sent the POST: the Origin header, else the Referer's origin."""
    origin = request.headers.get("Origin")
    if origin:
        return None if origin == "null" else origin.rstrip("/").lower()
    referer = request.headers.get("Referer")
    return _origin_of(referer) if referer else None


def pick_language(request, posted=None):
    """The donor's language: the form's own ``lang`` field, else the ``lang`` in the address the
    form posts to (known before the body is read, so refusals sent before it, such as 413 and
    429, are in the donor's language too, even when the browser sends only the origin as the
    Referer), else the page the form was on, else the browser's languages."""
    for chosen in (posted, request.GET.get("lang")):
        if chosen in SUPPORTED:
            return chosen
    referer = request.headers.get("Referer", "")
    if referer and urlsplit(referer).path.startswith("/en/"):
        return "en"
    if referer:
        return settings.LANGUAGE_CODE
    accepted = translation.get_language_from_request(request, check_path=False)
    return accepted if accepted in SUPPORTED else settings.LANGUAGE_CODE


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _cors(response, origin):
    """CORS for the allowed origin, and the language the answer is written in (LocaleMiddleware
    would name the request's language, not the one the donor posted)."""
    response.headers["Content-Language"] = translation.get_language()
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Vary"] = "Origin"
    return response


def _donation_page(language):
    return (
        DonationPage.objects.live().filter(locale__language_code=language).first()
        or DonationPage.objects.live().first()
    )


def _reject(request, origin, status, errors, form=None):
    """Answer a refused submission: JSON errors, or the form again with the messages beside the fields."""
    if wants_json(request):
        return _cors(JsonResponse({"errors": errors}, status=status), origin)
    general = []
    if form is None:
        # Refused before the body was read: nothing to refill, the messages go on top.
        form = DonationForm()
        general = [message for messages in errors.values() for message in messages]
    context = {
        "general_errors": general,
        "page": _donation_page(translation.get_language()),
        "donation_form": form,
        "donation_endpoint": reverse("donations_api:submit"),
        "donation_status_url": reverse("donations:status"),
        "donation_limits": limits(),
    }
    response = render(request, "donations/form_errors.html", context, status=status)
    return _cors(response, origin)


@csrf_exempt  # The form lives on the static site, which cannot carry a CSRF token; see the origin check.
@require_http_methods(["POST", "OPTIONS"])
def submit(request):
    origin = request_origin(request)
    origin_ok = origin is not None and origin in allowed_origins(request)
    if request.method == "OPTIONS":
        if not origin_ok:
            return HttpResponse(status=403)
        response = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = "POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept, Content-Type, X-Requested-With"
        response["Access-Control-Max-Age"] = "600"
        return _cors(response, origin)

    language = pick_language(request)
    cors_origin = origin if origin_ok else None
    with translation.override(language):
        if not origin_ok:
            return _reject(
                request,
                None,
                403,
                {"__all__": [_("请通过博物馆网站上的捐赠页面提交。")]},
            )
        attempt = throttle.take(request, "attempts", conf.get("DONATIONS_ATTEMPT_RATE_LIMIT"))
        if attempt.refused:
            return _too_many(request, cors_origin, attempt)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > conf.max_request_bytes():
            return _reject(
                request,
                cors_origin,
                413,
                {
                    "photos": [
                        _("照片合计不能超过 %(limit)s MB，请减少或压缩照片后重试。")
                        % {"limit": conf.get("DONATIONS_MAX_TOTAL_BYTES") // conf.MB}
                    ]
                },
            )
        # Held for this submission and given back unless it is accepted: only accepted
        # donations use up an address's quota.
        slot = throttle.take(request, "accepted", conf.get("DONATIONS_RATE_LIMIT"))
        if slot.refused:
            return _too_many(request, cors_origin, slot)
    accepted = False
    try:
        response, accepted = _process(request, cors_origin)
    finally:
        if not accepted:
            throttle.give_back(slot)
    return response


# A part's headers in a multipart body: Content-Disposition: form-data; name="description"
PART_NAME_RE = re.compile(
    rb'content-disposition:[^\r\n]*?\bname="([^"\r\n]{1,100})"', re.IGNORECASE
)


class PartNameRecorder:
    """The request body as the multipart parser reads it, remembering the name of the last part
    whose headers went by. A text field too large for DATA_UPLOAD_MAX_MEMORY_SIZE stops the parser
    inside that part, so the message can name the field instead of the whole submission."""

    def __init__(self, request):
        self.source = request
        self.last_name = None
        self._tail = b""
        original = request.parse_file_upload

        def parse_file_upload(meta, post_data):
            self.source = post_data
            return original(meta, self)

        request.parse_file_upload = parse_file_upload

    def read(self, *args):
        data = self.source.read(*args)
        window = self._tail + data
        names = PART_NAME_RE.findall(window)
        if names:
            self.last_name = names[-1].decode("utf-8", "replace")
        self._tail = window[-300:]
        return data


def _too_big(recorder):
    field = DonationForm.base_fields.get(recorder.last_name or "")
    if field is None or not getattr(field, "max_length", None) or not field.label:
        return {"__all__": [_("提交的内容过多或格式有误，请检查后重试。")]}
    message = _("“%(label)s”过长，最多 %(limit)s 个字符，请删减后再提交。") % {
        "label": field.label,
        "limit": field.max_length,
    }
    return {recorder.last_name: [message]}


def _process(request, cors_origin):
    """The submission's answer, and whether a donation was stored."""
    recorder = PartNameRecorder(request)
    with translation.override(pick_language(request)):
        try:
            data, files = request.POST, request.FILES
        except RequestDataTooBig:
            return _reject(request, cors_origin, 400, _too_big(recorder)), False
        except (TooManyFieldsSent, TooManyFilesSent, BadRequest):
            return _reject(
                request,
                cors_origin,
                400,
                {"__all__": [_("提交的内容过多或格式有误，请检查后重试。")]},
            ), False

    language = pick_language(request, data.get("lang"))
    with translation.override(language):
        form = DonationForm(data, files)
        if not form.is_valid():
            return _reject(request, cors_origin, 400, form.errors_as_dict(), form=form), False
        donation = create_donation(form.cleaned_data, language=language)
        if wants_json(request):
            thanks = reverse("donations:thanks")
            return _cors(
                JsonResponse(
                    {
                        "reference": donation.reference,
                        "status": donation.status,
                        "status_url": request.build_absolute_uri(status_url(donation.reference)),
                        "thanks_url": request.build_absolute_uri(
                            f"{thanks}?{urlencode({'t': thanks_token(donation)})}"
                        ),
                    },
                    status=201,
                ),
                cors_origin,
            ), True
        thanks = reverse("donations:thanks")
        response = HttpResponseRedirect(f"{thanks}?{urlencode({'t': thanks_token(donation)})}")
        response.status_code = 303
        return _cors(response, cors_origin), True


def _too_many(request, origin, slot):
    minutes = max(1, math.ceil(slot.retry_after / 60))
    message = ngettext(
        "提交过于频繁，请在 %(minutes)s 分钟后再试。",
        "提交过于频繁，请在 %(minutes)s 分钟后再试。",
        minutes,
    ) % {"minutes": minutes}
    response = _reject(request, origin, 429, {"__all__": [message]})
    response["Retry-After"] = str(slot.retry_after)
    return response


def thanks_token(donation):
    return signing.dumps(donation.reference, salt=THANKS_SALT)


def language_alternates(name, query=None):
    """The same view in each other language, for the language switch (these are not pages)."""
    suffix = f"?{urlencode(query)}" if query else ""
    urls = {}
    for code in SUPPORTED:
        with translation.override(code):
            urls[code] = reverse(name) + suffix
    return urls


def status_url(reference=""):
    url = reverse("donations:status")
    return f"{url}?{urlencode({'reference': reference})}" if reference else url


def thanks(request):
    token = request.GET.get("t", "")
    try:
        reference = signing.loads(token, salt=THANKS_SALT, max_age=7 * 86400)
    except signing.BadSignature as exc:
        raise Http404 from exc
    return render(
        request,
        "donations/thanks.html",
        {
            "reference": reference,
            "donation_status_url": status_url(reference),
            "language_alternates": language_alternates("donations:thanks", {"t": token}),
        },
    )


def _digits(value):
    return re.sub(r"\D", "", value or "")


def _same(given, stored):
    return hmac.compare_digest(given.encode(), stored.encode())


def contact_matches(donation, contact):
    """Email, phone or WeChat ID, compared in constant time; a phone may be typed with or
    without country code. WeChat IDs are not case-sensitive to WeChat, so not to us either."""
    given_text = contact.strip().lower()
    given_phone = _digits(contact)
    stored_email = (donation.email or "").lower()
    stored_wechat = (donation.wechat or "").lower()
    stored_phone = _digits(donation.phone)
    email_ok = _same(given_text, stored_email or "\x00")
    wechat_ok = _same(given_text, stored_wechat or "\x00")
    tail = stored_phone[-len(given_phone) :] if given_phone else ""
    phone_ok = _same(given_phone, tail or "\x00") and len(given_phone) >= 7
    return (
        bool(stored_email and email_ok)
        or bool(stored_phone and phone_ok)
        or bool(stored_wechat and wechat_ok)
    )


# Compared against when the reference does not exist, so both failures take the same path.
_NOBODY = Donation(email="nobody@invalid.example", phone="0000000000", wechat="nobody-invalid")

NEXT_STEPS = {
    DonationStatus.RECEIVED: gettext_lazy(
        "策展人员将尽快审核您的申请；如需补充照片或信息，会通过您留下的联系方式与您联系。"
    ),
    DonationStatus.UNDER_REVIEW: gettext_lazy(
        "策展人员正在评估藏品的历史价值与保存状况，结果确定后会更新这里的状态。"
    ),
    DonationStatus.ACCEPTED: gettext_lazy(
        "博物馆已决定接受这件藏品，工作人员将与您联系交接和入藏事宜。"
    ),
    DonationStatus.DECLINED: gettext_lazy(
        "这件藏品此次未能入藏，感谢您对博物馆的支持。如有疑问，欢迎与我们联系。"
    ),
    DonationStatus.ACCESSIONED: gettext_lazy(
        "藏品已正式入藏，您可以下载捐赠证书；藏品页面发布后会按您选择的方式署名。"
    ),
}


def _result(donation):
    status = DonationStatus(donation.status)
    return {
        "reference": donation.reference,
        "title": donation.title,
        "received": donation.created_at,
        "status": status.value,
        "status_label": status.label,
        "history": donation.history(),
        "next_step": NEXT_STEPS[status],
    }


@require_http_methods(["GET", "POST"])
def status(request):
    given = request.GET.get("reference", "").strip().upper()[:40]
    context = {
        "reference": given,
        "contact": "",
        "language_alternates": language_alternates(
            "donations:status", {"reference": given} if given else None
        ),
    }
    if request.method == "POST":
        reference = request.POST.get("reference", "").strip().upper()[:40]
        contact = request.POST.get("contact", "").strip()[:254]
        context.update(reference=reference, contact=contact)
        if is_ratelimited(
            request,
            group="donations.status",
            key="ip",
            rate=conf.get("DONATIONS_STATUS_RATE_LIMIT"),
            method="POST",
            increment=True,
        ):
            context["error"] = _("查询过于频繁，请稍后再试。")
            return render(request, "donations/status.html", context, status=429)
        if not reference or not contact:
            context["error"] = _("请填写捐赠编号，以及提交时填写的电子邮箱、电话或微信号。")
            return render(request, "donations/status.html", context, status=400)
        donation = Donation.objects.filter(reference=reference).first()
        matched = contact_matches(donation or _NOBODY, contact) and donation is not None
        if not matched:
            context["error"] = _("未找到与该编号和联系方式相符的捐赠，请核对后重试。")
            return render(request, "donations/status.html", context, status=404)
        context["result"] = _result(donation)
        context["language_alternates"] = language_alternates(
            "donations:status", {"reference": donation.reference}
        )
        if donation.status == DonationStatus.ACCESSIONED:
            token = signing.dumps(donation.pk, salt=CERTIFICATE_SALT)
            context["certificate_url"] = (
                f"{reverse('donations:certificate')}?{urlencode({'t': token})}"
            )
    return render(request, "donations/status.html", context)


def certificate(request):
    from .certificate import CertificateFontMissing, render_certificate

    try:
        pk = signing.loads(
            request.GET.get("t", ""), salt=CERTIFICATE_SALT, max_age=CERTIFICATE_MAX_AGE
        )
    except signing.BadSignature as exc:
        raise Http404 from exc
    donation = Donation.objects.filter(pk=pk, status=DonationStatus.ACCESSIONED).first()
    if donation is None:
        raise Http404
    try:
        pdf = render_certificate(donation)
    except CertificateFontMissing as exc:
        logger.error("%s", exc)
        return HttpResponse(
            _("证书暂时无法生成，请稍后再试。"),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{donation.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
