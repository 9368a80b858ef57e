"""Issue #14 in a real Chromium at 390 and 1280 px: the donation form's error summary, privacy
notice and disabled button; a WeChat-only donor submitting and finding the status page's story.

Screenshots go to $SCREENSHOT_DIR (default: the test's tmp_path) for a person to look at."""

import os
import re
from pathlib import Path

import pytest

from museum.donations.models import Donation
from museum.donations.services import change_status

from .test_donation import REFERENCE, photos, static_site  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [390, 1280]
WECHAT = "LinHaiyan_Paris92"


def shot(tab, tmp_path, name):
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    tab.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def no_overflow(tab, width):
    assert tab.evaluate("document.documentElement.scrollWidth") <= width


def one_line(tab, selector):
    """The element's text sits on one line: a wrapped inline box has several client rects."""
    return tab.evaluate(
        """(sel) => { const el = document.querySelector(sel);
        const r = document.createRange(); r.selectNodeContents(el);
        const tops = new Set(Array.from(r.getClientRects()).map((b) => Math.round(b.top)));
        return tops.size === 1; }""",
        selector,
    )


@pytest.fixture
def context_at(browser):
    contexts = []

    def make(width, javascript=True):
        context = browser.new_context(
            locale="zh-CN",
            viewport={"width": width, "height": 844 if width < 600 else 900},
            java_script_enabled=javascript,
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_error_summary_links_each_problem_to_its_field(
    context_at,
    static_site,  # noqa: F811
    photos,  # noqa: F811
    tmp_path,
    width,
):
    tab = context_at(width)
    tab.goto(static_site["url"])
    # The privacy notice is read before the button, and the consent box leads to it.
    notice = tab.locator("#donation-privacy").bounding_box()
    button = tab.locator("button.donation-submit").bounding_box()
    assert notice["y"] < button["y"]
    assert tab.locator("[data-field='consent_privacy'] a[href='#donation-privacy']").count() == 1
    # The 捐赠方式 radios are a group with a name.
    assert tab.locator("fieldset[data-field='intent'] > legend").inner_text().startswith("捐赠方式")

    tab.fill("#id_country", "法国")
    tab.click("button.donation-submit")
    summary = tab.locator("[data-summary]")
    assert summary.is_visible()
    assert tab.evaluate("document.activeElement.hasAttribute('data-summary')")
    links = summary.locator("a[data-target]")
    targets = [links.nth(i).get_attribute("data-target") for i in range(links.count())]
    assert targets[:2] == ["id_donor_name", "id_email"]
    assert "id_intent_0" in targets and "id_photos" in targets
    assert "id_consent_privacy" in targets and "id_country" not in targets
    assert links.first.inner_text() == "捐赠人姓名：请填写此项。"
    no_overflow(tab, width)
    shot(tab, tmp_path, f"donation-errors-{width}")
    summary.locator("a[data-target='id_intent_0']").click()
    assert tab.evaluate("document.activeElement.id") == "id_intent_0"

    # A photo's size stays on one line; the sending button looks disabled.
    tab.set_input_files("#id_photos", photos)
    assert tab.locator(".donation-size").first.inner_text() == "0.0\u00a0MB"
    assert one_line(tab, ".donation-size")
    enabled = tab.eval_on_selector("button.donation-submit", "b => getComputedStyle(b).cursor")
    tab.eval_on_selector("button.donation-submit", "b => { b.disabled = true; }")
    style = tab.eval_on_selector(
        "button.donation-submit",
        "b => [getComputedStyle(b).cursor, getComputedStyle(b).backgroundColor]",
    )
    assert enabled == "pointer" and style[0] == "not-allowed"
    assert style[1] == "rgb(138, 133, 128)"


@pytest.mark.parametrize("width", WIDTHS)
def test_errors_without_javascript_are_listed_and_linked(
    context_at,
    static_site,  # noqa: F811
    photos,  # noqa: F811
    tmp_path,
    width,
):
    tab = context_at(width, javascript=False)
    tab.goto(static_site["url"])
    # Everything the browser can check itself is there; the backend finds no way to reach the
    # donor (no email, phone or WeChat ID) and a photo that is not one.
    fake = tmp_path / "scan.jpg"
    fake.write_text("not a photo")
    tab.fill("#id_donor_name", "林海燕")
    tab.fill("#id_country", "法国")
    tab.fill("#id_city", "巴黎")
    tab.fill("#id_title", "招牌")
    tab.select_option("#id_category", "signboard")
    tab.fill("#id_description", "木质招牌。")
    tab.check("#id_intent_0")
    tab.set_input_files("#id_photos", [str(fake)])
    tab.check("#id_consent_privacy")
    tab.click("button.donation-submit")
    tab.wait_for_url(re.compile(re.escape(static_site["backend"]) + r"/api/donations/"))
    summary = tab.locator("[data-summary]")
    assert summary.is_visible()
    box = summary.bounding_box()
    assert box["y"] < 900  # at the top, not 2,500 px down
    links = summary.locator("a[data-target]")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#id_email",
        "#id_photos",
    ]
    no_overflow(tab, width)
    shot(tab, tmp_path, f"donation-errors-nojs-{width}")
    links.first.click()
    assert tab.url.endswith("#id_email")
    assert Donation.objects.count() == 0


@pytest.mark.parametrize("width", WIDTHS)
def test_wechat_only_donor_follows_the_donation(
    context_at,
    static_site,  # noqa: F811
    photos,  # noqa: F811
    tmp_path,
    width,
):
    tab = context_at(width)
    tab.goto(static_site["url"])
    tab.fill("#id_donor_name", "林海燕")
    tab.fill("#id_wechat", WECHAT)
    tab.fill("#id_country", "法国")
    tab.fill("#id_city", "巴黎")
    tab.fill("#id_title", "1992年巴黎温州餐馆的第一块招牌")
    tab.select_option("#id_category", "signboard")
    tab.fill("#id_description", "木质招牌，手写“温州饭店”四字。")
    tab.check("#id_intent_0")
    tab.set_input_files("#id_photos", photos)
    tab.check("#id_consent_privacy")
    tab.click("button.donation-submit")
    reference_box = tab.locator("[data-result] [data-reference]")
    reference_box.wait_for(state="visible", timeout=30_000)
    reference = reference_box.inner_text().strip()
    assert REFERENCE.fullmatch(reference)
    donation = Donation.objects.get(reference=reference)
    assert not donation.email and not donation.phone
    change_status(donation.pk, "under_review", "内部记录", None, public_note="请保留招牌原件。")

    link = tab.locator("[data-result] [data-status-link]")
    assert link.get_attribute("href").endswith(f"/donations/status/?reference={reference}")
    link.click()
    tab.wait_for_url(re.compile(r".*/donations/status/\?reference=" + reference))
    assert tab.input_value("#id_reference") == reference
    tab.fill("#id_contact", WECHAT.lower())
    tab.click("form.donation-form button[type='submit']")
    result = tab.locator("[data-status-result]")
    result.wait_for(timeout=15_000)
    text = result.inner_text()
    assert "1992年巴黎温州餐馆的第一块招牌" in text
    assert "收到日期" in text and "审核中" in text and "请保留招牌原件。" in text
    assert "内部记录" not in tab.content()
    assert tab.locator("[data-history] li").count() == 2
    assert one_line(tab, "[data-status-result] .donation-reference")
    no_overflow(tab, width)
    shot(tab, tmp_path, f"donation-status-{width}")

    switch = tab.locator(".language-switch a[data-language='en']")
    assert switch.inner_text() == "English"
    switch.click()
    tab.wait_for_url(re.compile(r".*/en/donations/status/\?reference=" + reference))
    assert tab.input_value("#id_reference") == reference
    assert tab.locator(".language-switch a[data-language='zh-hans']").count() == 1
