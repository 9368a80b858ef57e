"""The donation certificate (捐赠证书): a one-page PDF in Chinese, set in Noto Serif CJK."""

from pathlib import Path

from django.utils import timezone
from fpdf import FPDF

from . import conf

# Debian's fonts-noto-cjk; the collection's third face is Simplified Chinese.
FONT_CANDIDATES = [
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
]


class CertificateFontMissing(RuntimeError):
    pass


def find_font():
    configured = conf.get("DONATIONS_CERTIFICATE_FONT")
    candidates = [(configured, 0)] if configured else FONT_CANDIDATES
    for path, index in candidates:
        if Path(path).is_file():
            return path, (index if path.endswith(".ttc") else 0)
    raise CertificateFontMissing(
        "No CJK font for the donation certificate: install Debian's fonts-noto-cjk "
        "(apt-get install -y fonts-noto-cjk) or set DONATIONS_CERTIFICATE_FONT to a "
        "TrueType/OpenType font with Chinese glyphs. Looked in: "
        + ", ".join(path for path, _ in candidates)
    )


def render_certificate(donation):
    font_path, index = find_font()
    date = timezone.localtime(donation.accessioned_at or timezone.now())
    pdf = FPDF(orientation="landscape", format="A4")
    pdf.set_title(f"捐赠证书 {donation.accession_number}")
    pdf.set_author("世界温商博物馆")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("cjk", fname=font_path, collection_font_number=index)

    pdf.set_draw_color(150, 30, 30)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    pdf.set_line_width(0.4)
    pdf.rect(14, 14, 269, 182)

    pdf.set_text_color(150, 30, 30)
    pdf.set_font("cjk", size=40)
    pdf.set_xy(14, 30)
    pdf.cell(269, 20, "捐赠证书", align="C")
    pdf.set_font("cjk", size=12)
    pdf.set_xy(14, 50)
    pdf.cell(269, 8, "CERTIFICATE OF DONATION", align="C")

    pdf.set_text_color(30, 30, 30)
    pdf.set_font("cjk", size=18)
    pdf.set_xy(34, 72)
    pdf.multi_cell(
        229,
        12,
        f"{donation.donor_name} 先生/女士：\n"
        f"　　承蒙惠赠“{donation.title}”，已正式入藏世界温商博物馆，"
        "特颁此证，以志谢忱。",
        align="L",
    )
    pdf.set_font("cjk", size=14)
    rows = [
        ("藏品名称", donation.title),
        ("藏品编号", donation.accession_number),
        ("捐赠编号", donation.reference),
        ("入藏日期", f"{date.year}年{date.month}月{date.day}日"),
    ]
    y = 120
    for label, value in rows:
        pdf.set_xy(60, y)
        pdf.cell(40, 10, label)
        pdf.cell(140, 10, value)
        y += 11
    pdf.set_font("cjk", size=16)
    pdf.set_xy(150, 172)
    pdf.cell(110, 10, "世界温商博物馆", align="R")
    pdf.set_xy(150, 182)
    pdf.set_font("cjk", size=12)
    pdf.cell(110, 8, f"{date.year}年{date.month}月{date.day}日", align="R")
    return bytes(pdf.output())
