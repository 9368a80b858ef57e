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


# Millimetres on A4 landscape. Text keeps inside the inner border (14..283 × 14..196) with a margin.
TEXT_LEFT, TEXT_RIGHT = 34, 263
LABEL_WIDTH = 36
BODY_TOP = 66
TABLE_BOTTOM = 164  # the museum's name and the date sit below
# Fonts shrink in these steps until the letter and the table fit; the form's longest name and
# title fit at 0.6 (tested), 0.5 is the floor.
SCALES = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
BODY_PT, TABLE_PT = 18, 14


def _line_height(points):
    return points * 0.6


def _letter(donation):
    name = " ".join(donation.donor_name.split())
    title = " ".join(donation.title.split())
    return (
        f"{name} 先生/女士：\n　　承蒙惠赠“{title}”，已正式入藏世界温商博物馆，特颁此证，以志谢忱。"
    )


def _rows(donation, date):
    return [
        ("藏品名称", " ".join(donation.title.split())),
        ("藏品编号", donation.accession_number),
        ("捐赠编号", donation.reference),
        ("入藏日期", f"{date.year}年{date.month}月{date.day}日"),
    ]


def _height(pdf, width, text, points):
    pdf.set_font("cjk", size=points)
    lines = pdf.multi_cell(width, _line_height(points), text, dry_run=True, output="LINES")
    return max(1, len(lines)) * _line_height(points)


def _layout(pdf, letter, rows):
    """The largest scale at which the letter and the table fit between BODY_TOP and TABLE_BOTTOM."""
    value_width = TEXT_RIGHT - TEXT_LEFT - LABEL_WIDTH
    for scale in SCALES:
        body, table = BODY_PT * scale, TABLE_PT * scale
        height = _height(pdf, TEXT_RIGHT - TEXT_LEFT, letter, body) + 8 * scale
        height += sum(_height(pdf, value_width, value, table) + 2 for _, value in rows)
        if BODY_TOP + height <= TABLE_BOTTOM:
            return scale
    return SCALES[-1]


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
    pdf.set_xy(14, 28)
    pdf.cell(269, 20, "捐赠证书", align="C")
    pdf.set_font("cjk", size=12)
    pdf.set_xy(14, 48)
    pdf.cell(269, 8, "CERTIFICATE OF DONATION", align="C")

    letter, rows = _letter(donation), _rows(donation, date)
    scale = _layout(pdf, letter, rows)
    body, table = BODY_PT * scale, TABLE_PT * scale
    pdf.set_text_color(30, 30, 30)
    pdf.set_font("cjk", size=body)
    pdf.set_xy(TEXT_LEFT, BODY_TOP)
    pdf.multi_cell(TEXT_RIGHT - TEXT_LEFT, _line_height(body), letter, align="L")
    y = pdf.get_y() + 8 * scale
    for label, value in rows:
        pdf.set_font("cjk", size=table)
        pdf.set_xy(TEXT_LEFT, y)
        pdf.cell(LABEL_WIDTH, _line_height(table), label)
        pdf.set_xy(TEXT_LEFT + LABEL_WIDTH, y)
        pdf.multi_cell(TEXT_RIGHT - TEXT_LEFT - LABEL_WIDTH, _line_height(table), value, align="L")
        y = pdf.get_y() + 2
    pdf.set_font("cjk", size=16)
    pdf.set_xy(150, 170)
    pdf.cell(113, 10, "世界温商博物馆", align="R")
    pdf.set_xy(150, 180)
    pdf.set_font("cjk", size=12)
    pdf.cell(113, 8, f"{date.year}年{date.month}月{date.day}日", align="R")
    return bytes(pdf.output())
