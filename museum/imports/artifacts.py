"""Artifacts by the sheet: the columns, the dry run that checks every row, and the import.

A row is keyed by its accession number (藏品编号) within the chosen catalogue: a known
number updates that artifact (a new revision, as if a curator had edited it), an unknown
one creates a draft, and a row whose values equal the current ones is skipped. Rows with
errors are left out and listed with their row, column and reason; the import of the
other rows happens in one transaction. Pages go through Wagtail's tree and revisions,
as an edit in the admin would.
"""

import io
import os
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.core.roles import MUSEUM_COLLECTION
from museum.models.collection import ArtifactImage, ArtifactPage, ObjectType, RightsStatement
from museum.models.halls import HallPage

from .sheets import SheetError


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool = False
    kind: str = "text"  # text, int, choice, paragraphs, hall, images


COLUMNS = (
    Column(gettext_lazy("藏品编号"), "accession_number", required=True),
    Column(gettext_lazy("名称"), "title", required=True),
    Column(gettext_lazy("类别"), "object_type", required=True, kind="choice"),
    Column(gettext_lazy("年代"), "era", required=True),
    Column(gettext_lazy("起始年份"), "year_start", kind="int"),
    Column(gettext_lazy("结束年份"), "year_end", kind="int"),
    Column(gettext_lazy("产地"), "place_of_origin"),
    Column(gettext_lazy("材质"), "materials"),
    Column(gettext_lazy("尺寸"), "dimensions"),
    Column(gettext_lazy("导语"), "intro"),
    Column(gettext_lazy("藏品描述"), "description", kind="paragraphs"),
    Column(gettext_lazy("来源与流传"), "provenance", kind="paragraphs"),
    Column(gettext_lazy("捐赠者署名"), "donor"),
    Column(gettext_lazy("权利声明"), "rights", kind="choice"),
    Column(gettext_lazy("所属展厅序号"), "hall", kind="hall"),
    Column(gettext_lazy("图片文件"), "images", kind="images"),
)
CHOICES = {"object_type": ObjectType, "rights": RightsStatement}
IMAGE_SEPARATORS = (";", "；", "、", ",", "，")


@dataclass
class Row:
    number: int
    values: dict  # field name -> Python value, for the fields the sheet has
    images: list = field(default_factory=list)
    action: str = "create"  # create, update, skip, error
    errors: list = field(default_factory=list)  # [(column header, reason)]
    page_id: int | None = None


def paragraphs(text):
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.splitlines() if part.strip())


def plain(html):
    """The text of a rich-text field as the sheet writes it: one paragraph per line."""
    return "\n".join(
        strip_tags(part).strip() for part in (html or "").split("</p>") if strip_tags(part).strip()
    )


def _choice(field_name, text):
    choices = CHOICES[field_name]
    for value, label in choices.choices:
        if text in (value, str(label)):
            return value
    raise ValidationError(
        _("应是以下之一：%(labels)s")
        % {"labels": "、".join(str(label) for label in choices.labels)}
    )


def _value(column, text, halls):
    if column.kind == "choice":
        return _choice(column.field, text) if text else None
    if column.kind == "int":
        if not text:
            return None
        try:
            return int(text)
        except ValueError as error:
            raise ValidationError(_("应是整数年份，如 1986")) from error
    if column.kind == "hall":
        if not text:
            return None
        if not text.isdigit() or int(text) not in halls:
            raise ValidationError(_("没有序号为 %(number)s 的展厅") % {"number": text})
        return halls[int(text)]
    if column.kind == "paragraphs":
        return paragraphs(text)
    return text


def check_header(header):
    known = {str(column.header) for column in COLUMNS}
    missing = [str(c.header) for c in COLUMNS if c.required and str(c.header) not in header]
    if missing:
        raise SheetError(_("表格缺少必需的列：%(columns)s。") % {"columns": "、".join(missing)})
    unknown = [name for name in header if name and name not in known]
    if unknown:
        raise SheetError(
            _("表格有无法识别的列：%(columns)s。可用的列：%(known)s。")
            % {"columns": "、".join(unknown), "known": "、".join(str(c.header) for c in COLUMNS)}
        )


def current_values(page):
    """The values of an artifact as a sheet row would give them (for comparing)."""
    values = {}
    for column in COLUMNS:
        if column.kind == "images":
            continue
        value = getattr(page, column.field + ("_id" if column.kind == "hall" else ""))
        values[column.field] = value
    return values


def plan(index, header, records, archive):
    """Every row checked against the models, the other rows and the catalogue; nothing saved."""
    check_header(header)
    present = {c.field: c for c in COLUMNS if str(c.header) in header}
    halls = {
        hall.number: hall.pk
        for hall in HallPage.objects.filter(locale=index.locale).order_by("-pk")
    }
    existing = {
        page.accession_number: page for page in ArtifactPage.objects.child_of(index).specific()
    }
    seen, rows = {}, []
    for number, raw in records:
        row = Row(number=number, values={})
        for name, column in present.items():
            text = raw.get(str(column.header), "")
            if column.required and not text:
                row.errors.append((str(column.header), _("不能为空")))
                continue
            if column.kind == "images":
                row.images = [n.strip() for n in _split(text) if n.strip()]
                continue
            try:
                value = _value(column, text, halls)
                model_field = ArtifactPage._meta.get_field(
                    "hall" if column.kind == "hall" else name
                )
                if column.kind not in ("hall", "paragraphs") and value not in (None, ""):
                    model_field.clean(value, None)
            except ValidationError as error:
                row.errors.append((str(column.header), "；".join(error.messages)))
                continue
            if value is not None or column.kind != "choice":
                # An empty choice keeps the model's default (or the current value).
                row.values[name] = value
        start, end = row.values.get("year_start"), row.values.get("year_end")
        if start is not None and end is not None and end < start:
            row.errors.append((str(present["year_end"].header), _("结束年份不能早于起始年份")))
        number_ = row.values.get("accession_number")
        if number_ in seen:
            row.errors.append(
                (
                    str(present["accession_number"].header),
                    _("与第 %(row)s 行的藏品编号重复") % {"row": seen[number_]},
                )
            )
        elif number_:
            seen[number_] = number
        page = existing[number_].get_latest_revision_as_object() if number_ in existing else None
        # Images the artifact already has (an exported sheet names them) are not read again.
        attached = attached_names(page) if page else set()
        new_images = [n for n in row.images if not is_attached(n, attached)]
        for image_name in new_images:
            problem = image_problem(archive, image_name)
            if problem:
                row.errors.append((str(present["images"].header), problem))
        if row.errors:
            row.action = "error"
        elif page is not None:
            row.page_id = page.pk
            now = current_values(page)
            changed = any((now.get(name) or None) != (v or None) for name, v in row.values.items())
            row.action = "update" if changed or new_images else "skip"
        rows.append(row)
    return rows


def sheet_row(page):
    """An artifact as one row of the sheet, in COLUMNS order: what an import reads back."""
    cells = []
    for column in COLUMNS:
        if column.kind == "images":
            names = [os.path.basename(i.image.file.name) for i in page.gallery_images.all()]
            cells.append("; ".join(names))
        elif column.kind == "hall":
            cells.append(page.hall.number if page.hall_id else "")
        elif column.kind == "choice":
            cells.append(str(dict(CHOICES[column.field].choices)[getattr(page, column.field)]))
        elif column.kind == "paragraphs":
            cells.append(plain(getattr(page, column.field)))
        else:
            value = getattr(page, column.field)
            cells.append("" if value is None else value)
    return cells


def _split(text):
    for separator in IMAGE_SEPARATORS[1:]:
        text = text.replace(separator, IMAGE_SEPARATORS[0])
    return text.split(IMAGE_SEPARATORS[0])


def _image_title(file_name):
    return os.path.splitext(file_name)[0]


def attached_names(page):
    """The file names and titles of an artifact's images: a sheet may name them either way."""
    names = set()
    # A revision's gallery is modelcluster's in-memory list: read the images, not columns.
    for item in page.gallery_images.all():
        names |= {item.image.title, os.path.basename(item.image.file.name)}
    return names


def is_attached(file_name, attached):
    return file_name in attached or _image_title(file_name) in attached


def report(rows):
    counts = {action: 0 for action in ("create", "update", "skip", "error")}
    for row in rows:
        counts[row.action] += 1
    errors = [
        {"row": row.number, "column": column, "reason": reason}
        for row in rows
        for column, reason in row.errors
    ]
    return {"counts": counts, "errors": errors}


def image_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=MUSEUM_COLLECTION).first() or root


def apply(index, rows, archive, user, publish):
    """Create and update the rows without errors, in one transaction; [page ids] touched."""
    touched, written = [], []
    Image = get_image_model()
    collection = image_collection()
    try:
        with transaction.atomic():
            for row in rows:
                if row.action not in ("create", "update"):
                    continue
                values = dict(row.values)
                hall = values.pop("hall", None)
                if row.action == "create":
                    page = ArtifactPage(locale=index.locale, live=False, owner=user, **values)
                    page.hall_id = hall
                    index.add_child(instance=page)
                else:
                    page = ArtifactPage.objects.get(pk=row.page_id).get_latest_revision_as_object()
                    for name, value in values.items():
                        setattr(page, name, value)
                    if "hall" in row.values:
                        page.hall_id = hall
                attached = attached_names(page)
                position = page.gallery_images.count()
                for image_name in row.images:
                    if is_attached(image_name, attached):
                        continue
                    image = _image(Image, archive, image_name, collection, user)
                    written.append(image.file.name)
                    position += 1
                    ArtifactImage.objects.create(artifact=page, image=image, sort_order=position)
                    if page.listing_image_id is None:
                        page.listing_image = image
                revision = page.save_revision(user=user, log_action=True)
                if publish:
                    revision.publish(user=user)
                touched.append(page.pk)
    except BaseException:
        storage = Image._meta.get_field("file").storage
        for name in written:
            storage.delete(name)
        raise
    return touched


def image_problem(archive, name):
    """Why an image named in a row cannot be imported, or None."""
    if name not in archive:
        return _("压缩包里没有 %(name)s") % {"name": name}
    try:
        with PILImage.open(io.BytesIO(archive.read(name))) as probe:
            probe.verify()
    except SheetError as error:
        return str(error)
    except Exception:  # Pillow raises many kinds for a file that is not an image
        return _("%(name)s 不是可读的图片") % {"name": name}
    return None


def _image(Image, archive, name, collection, user):
    image = Image(
        title=_image_title(name),
        collection=collection,
        uploaded_by_user=user,
        file=ImageFile(io.BytesIO(archive.read(name)), name=name),
    )
    image.save()
    return image
