"""Spreadsheet exports of admin listings that open correctly in the spreadsheet programs used here."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_PREFIXES = ("=", "+", "-", "@")


def safe_cell(value):
    """Titles and names are editor input: keep spreadsheets from reading them as formulas."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) else value


class ChineseSpreadsheetExportMixin:
    """Wagtail's CSV/XLSX export, with a byte-order mark so Excel reads Chinese CSV as UTF-8.

    Wagtail already keeps XLSX cells from becoming formulas; CSV cells get the same care here.
    Put it before the index view class in the bases.
    """

    export_filename = "export"

    def stream_csv(self, queryset):
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    def to_row_dict(self, item):
        return {field: self.lookup(item, field) for field in self.list_export}

    @staticmethod
    def lookup(item, dotted):
        """Like Wagtail's ``multigetattr``, but an empty relation gives an empty cell, not an error."""
        value = item
        for bit in dotted.split("."):
            if value is None:
                return None
            value = getattr(value, bit)
            if callable(value):
                value = value()
        return value

    def preprocess_field_value(self, field, value, export_format):
        if value is None:
            return ""
        if isinstance(value, bool):
            return str(_("是") if value else _("否"))
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == SpreadsheetExportMixin.FORMAT_CSV:
            return safe_cell(value)
        return value
