"""The donation page in the demo site, in Chinese and English (idempotent, keyed on its slug)."""

from museum.models import MuseumPage

from .models import DonationPage

SLUG = "donate"

PRIVACY_ZH = (
    "<p>您填写的姓名和联系方式仅用于藏品征集与联络，由世界温商博物馆策展人员查看，"
    "不会在网站、接口或搜索中公开。您上传的照片同样只供策展人员查看；藏品入藏时，"
    "策展人员可能从中选用藏品本身的照片在藏品页面展示，其余照片不会公开。"
    "照片中的位置信息在上传时即被删除。</p>"
    "<p>只有在您勾选同意后，博物馆才会公开展示藏品背后的故事。藏品入藏后，"
    "博物馆按您在表单中选择的方式署名：全名、仅姓氏或匿名；您的所在地和联系方式不会出现在藏品页面上。</p>"
)
PRIVACY_EN = (
    "<p>Your name and contact details are used only to collect the artifact and to stay in touch "
    "with you. Only the museum's curators see them; they never appear on the website, in the API "
    "or in search. The photos you upload are likewise seen only by the curators; when the object "
    "is accessioned, they may choose photos of the object itself for its page, and the other "
    "photos stay private. Location data is removed from photos on upload.</p>"
    "<p>The museum shows the story behind the object only if you agree below. Once the object is "
    "accessioned, you are credited as you choose on the form: full name, surname only or "
    "anonymous; where you live and how to reach you never appear on the object's page.</p>"
)


def add_donation_page(builder):
    museum = builder.pages.get("museum") or MuseumPage.objects.filter(locale=builder.zh).first()
    page = builder.child(
        museum,
        DonationPage,
        SLUG,
        title="捐赠藏品",
        intro=(
            "一张老照片、一封侨批、一块招牌、一本账簿，都记录着温州人走向世界的足迹。"
            "欢迎海内外温商和家人捐赠、出借藏品，或提供数字副本。"
        ),
        privacy_notice=PRIVACY_ZH,
    )
    builder.translate(
        page,
        title="Donate an artifact",
        intro=(
            "An old photograph, a letter home, a shop sign or an account book: each records how "
            "Wenzhou people went out into the world. Merchants and their families everywhere are "
            "welcome to donate or lend an object, or to share a digital copy."
        ),
        privacy_notice=PRIVACY_EN,
    )
    return page
