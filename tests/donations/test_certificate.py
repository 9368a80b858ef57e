"""The certificate keeps every line inside its border, for every length the donation form allows.

Checked from fpdf2's own layout: every line of text the PDF draws is recorded with the box it is
drawn in and its measured width. (pdfminer.six and pypdf cannot map the glyphs of fpdf2's CFF CJK
fonts back to positions: fpdf2 writes their encoding as an embedded CMap.)"""

import types

import pytest
from django.utils import timezone
from fpdf import FPDF

from museum.donations.certificate import render_certificate
from museum.donations.forms import DonationForm
from museum.donations.models import Donation

INNER_FRAME = (14, 14, 283, 196)  # left, top, right, bottom of the inner border, mm
NAME_MAX = DonationForm.base_fields["donor_name"].max_length
TITLE_MAX = DonationForm.base_fields["title"].max_length


@pytest.fixture
def drawn_lines(monkeypatch):
    """(text, left, top, right, bottom) of every line of text drawn, in mm from the top left."""
    lines = []
    draw = FPDF._render_styled_text_line

    def record(self, text_line, h=None, *args, **kwargs):
        text = "".join(fragment.string for fragment in text_line.fragments)
        # fpdf2 replaces _out while it measures (dry runs); only lines really written count.
        writing = isinstance(self._out, types.MethodType)
        if writing and text.strip():
            # Measured here: fpdf2 leaves text_width at 0 for single cells.
            text_width = self.get_string_width(text)
            box = text_line.max_width or text_width
            if text_line.align.value in ("C", "CENTER"):
                left = self.x + (box - text_width) / 2
            elif text_line.align.value in ("R", "RIGHT"):
                left = self.x + box - text_width
            else:
                left = self.x
            height = h or text_line.height
            lines.append((text, left, self.y, left + text_width, self.y + height))
        return draw(self, text_line, h, *args, **kwargs)

    monkeypatch.setattr(FPDF, "_render_styled_text_line", record)
    return lines


def _overlap(a, b):
    width = min(a[3], b[3]) - max(a[1], b[1])
    height = min(a[4], b[4]) - max(a[2], b[2])
    return width > 0.01 and height > 0.01


CASES = {
    "short": ("陈国华", "营业执照"),
    "longest chinese": ("欧" * NAME_MAX, "温" * TITLE_MAX),
    "longest latin words": (
        ("Wolfgang Amadeus " * 10)[:NAME_MAX],
        ("The first licence of a Wenzhou shoe workshop " * 5)[:TITLE_MAX],
    ),
    "longest unbroken latin": ("W" * NAME_MAX, "M" * TITLE_MAX),
}


@pytest.mark.parametrize(("name", "title"), CASES.values(), ids=CASES.keys())
def test_all_text_stays_inside_the_border_without_overlapping(drawn_lines, name, title):
    assert len(name) <= NAME_MAX and len(title) <= TITLE_MAX
    donation = Donation(
        pk=123456,
        reference="WZM-2026-123456",
        donor_name=name,
        title=title,
        accession_number="W" * 40,
        accessioned_at=timezone.now(),
    )
    pdf = render_certificate(donation)
    assert pdf.startswith(b"%PDF-")
    assert len(drawn_lines) >= 8
    left, top, right, bottom = INNER_FRAME
    outside = [
        line
        for line in drawn_lines
        if line[1] < left or line[2] < top or line[3] > right or line[4] > bottom
    ]
    assert not outside, outside[:3]
    # No line runs into another: the letter into the table, a value into the next row.
    collisions = [
        (a[0], b[0])
        for i, a in enumerate(drawn_lines)
        for b in drawn_lines[i + 1 :]
        if _overlap(a, b)
    ]
    assert not collisions, collisions[:3]
    # Nothing was cut: the whole name and title are drawn (the title in the letter and the table).
    text = "".join("".join(line[0].split()) for line in drawn_lines)
    assert "".join(name.split()) in text
    assert text.count("".join(title.split())) == 2
    assert "W" * 40 in text
