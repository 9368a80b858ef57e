"""Reading the sheets curators upload (CSV or XLSX) and the ZIP of images beside them.

CSV comes from Excel or WPS in China as often in GB18030 as in UTF-8, so both are read.
XLSX is read with openpyxl, which Wagtail already requires for its exports. Row numbers
are the spreadsheet's own (the header is row 1), so a report points at the row a curator sees.
"""

import csv
import io
import zipfile
from pathlib import PurePosixPath

from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_ROWS = 5000
# The images of one batch, uncompressed; a ZIP that unpacks to more is refused, not read.
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
MAX_IMAGE_BYTES = 20 * 1024 * 1024


class SheetError(ValueError):
    """A file that cannot be read at all (as opposed to a row with a bad value)."""


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_sheet(name, data):
    """(header, [(row number, {header: text})]) from CSV or XLSX bytes."""
    suffix = PurePosixPath(name.lower()).suffix
    if suffix == ".csv":
        rows = _csv_rows(data)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(data)
    else:
        raise SheetError(_("只能导入 CSV 或 XLSX 表格。"))
    if not rows or not any(rows[0]):
        raise SheetError(_("表格是空的：第 1 行应是列名。"))
    header = [_text(cell) for cell in rows[0]]
    records = []
    for number, cells in enumerate(rows[1:], start=2):
        values = [_text(cell) for cell in cells]
        if not any(values):
            continue
        # Short rows are padded; cells beyond the header (often empty) are not read.
        padded = values + [""] * (len(header) - len(values))
        records.append((number, dict(zip(header, padded, strict=False))))
        if len(records) > MAX_ROWS:
            raise SheetError(_("一次最多导入 %(max)s 行，请拆分表格。") % {"max": MAX_ROWS})
    return header, records


def _csv_rows(data):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return list(csv.reader(io.StringIO(text)))
    raise SheetError(_("无法识别 CSV 的编码，请另存为 UTF-8 或 GB18030。"))


def _xlsx_rows(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SheetError(_("无法读取这个 XLSX 文件。")) from error
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


class ImageArchive:
    """The images of a ZIP by file name (without folders), read only when asked for."""

    def __init__(self, data):
        self.names = {}
        if not data:
            self.archive = None
            return
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as error:
            raise SheetError(_("图片压缩包不是有效的 ZIP 文件。")) from error
        entries = [info for info in self.archive.infolist() if not info.is_dir()]
        if sum(info.file_size for info in entries) > MAX_UNPACKED_BYTES:
            raise SheetError(_("图片压缩包解压后过大。"))
        for info in entries:
            name = PurePosixPath(info.filename).name
            if name and not name.startswith("."):
                self.names[name] = info

    def __contains__(self, name):
        return name in self.names

    def read(self, name):
        info = self.names[name]
        if info.file_size > MAX_IMAGE_BYTES:
            raise SheetError(_("图片 %(name)s 超过 20 MB。") % {"name": name})
        return self.archive.read(info)
