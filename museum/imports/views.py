"""The curators' import and export of artifacts in the Wagtail admin.

Upload -> dry run (a report, nothing saved) -> confirm -> import. Who may import into a
catalogue is who may add pages under it; who may publish on import is who may publish there.
"""

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from cms.core.exports import safe_cell
from museum.models.collection import ArtifactPage, CollectionIndexPage

from . import artifacts
from .forms import ImportForm
from .models import ImportBatch
from .sheets import ImageArchive, SheetError, read_sheet


def addable_indexes(user):
    ids = [
        index.pk
        for index in CollectionIndexPage.objects.all()
        if index.permissions_for_user(user).can_add_subpage()
    ]
    return CollectionIndexPage.objects.filter(pk__in=ids).order_by("path")


def _can_publish(user, index):
    return index.permissions_for_user(user).can_publish_subpage()


def _plan(batch):
    header, records = read_sheet(batch.sheet_name, bytes(batch.sheet))
    archive = ImageArchive(bytes(batch.images) if batch.images else None)
    return artifacts.plan(batch.collection_index, header, records, archive), archive


def upload(request):
    indexes = addable_indexes(request.user)
    if not indexes.exists():
        raise PermissionDenied
    can_publish = any(_can_publish(request.user, index) for index in indexes)
    form = ImportForm(
        request.POST or None, request.FILES or None, indexes=indexes, can_publish=can_publish
    )
    if request.method == "POST" and form.is_valid():
        index = form.cleaned_data["collection_index"]
        images = form.cleaned_data.get("images")
        batch = ImportBatch(
            collection_index=index,
            created_by=request.user,
            sheet_name=form.cleaned_data["sheet"].name,
            sheet=form.cleaned_data["sheet"].read(),
            images=images.read() if images else None,
            publish=bool(form.cleaned_data.get("publish")) and _can_publish(request.user, index),
        )
        try:
            rows, _archive = _plan(batch)
        except SheetError as error:
            form.add_error(None, str(error))
        else:
            batch.report = artifacts.report(rows)
            batch.save()
            return redirect("artifact_import:report", batch.pk)
    return render(
        request,
        "imports/upload.html",
        {"form": form, "columns": artifacts.COLUMNS, "title": _("藏品批量导入")},
    )


def _own_batch(request, pk):
    batch = get_object_or_404(ImportBatch, pk=pk, created_by=request.user)
    if not batch.collection_index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return batch


def report(request, pk):
    batch = _own_batch(request, pk)
    return render(request, "imports/report.html", {"batch": batch, "title": _("导入报告")})


@require_POST
def confirm(request, pk):
    batch = _own_batch(request, pk)
    if batch.status == ImportBatch.Status.IMPORTED:
        messages.warning(request, _("这批表格已经导入过了。"))
        return redirect("artifact_import:report", batch.pk)
    # Checked again: the catalogue may have changed since the dry run.
    rows, archive = _plan(batch)
    publish = batch.publish and _can_publish(request.user, batch.collection_index)
    artifacts.apply(batch.collection_index, rows, archive, request.user, publish)
    batch.report = artifacts.report(rows)
    batch.status = ImportBatch.Status.IMPORTED
    batch.sheet, batch.images = b"", None
    batch.save()
    counts = batch.report["counts"]
    messages.success(
        request,
        _(
            "已导入：新建 %(create)s 件，更新 %(update)s 件，无变化 %(skip)s 件，有误未导入 %(error)s 行。"
        )
        % counts,
    )
    return redirect("artifact_import:report", batch.pk)


def export(request, pk, file_format):
    index = get_object_or_404(CollectionIndexPage, pk=pk)
    if not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    header = [str(column.header) for column in artifacts.COLUMNS]
    rows = [header]
    pages = ArtifactPage.objects.child_of(index).order_by("accession_number").specific()
    for page in pages:
        page = page.get_latest_revision_as_object()
        rows.append([safe_cell(cell) for cell in artifacts.sheet_row(page)])
    name = f"artifacts-{index.locale.language_code}"
    if file_format == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        buffer = io.StringIO()
        buffer.write("\ufeff")  # Excel reads Chinese CSV as UTF-8 only with the mark
        csv.writer(buffer).writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
