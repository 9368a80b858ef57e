"""Curators import artifacts from a sheet through the admin: dry run, confirm, re-import, export."""

import csv
import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import Workbook, load_workbook
from PIL import Image as PILImage
from wagtail.images import get_image_model

from cms.core import roles
from museum.imports.models import ImportBatch
from museum.models import ArtifactPage, CollectionIndexPage, HallPage, MuseumPage

HEADER = ["藏品编号", "名称", "类别", "年代", "起始年份", "结束年份", "产地", "藏品描述",
          "权利声明", "所属展厅序号", "图片文件"]  # fmt: skip
UPLOAD = "/admin/artifact-import/"


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def catalogue(home_page):
    museum = add(home_page, MuseumPage(title="博物馆", slug="museum"))
    add(museum, HallPage(title="第二展厅", slug="hall-2", period="1978—1992", number=2))
    index = add(museum, CollectionIndexPage(title="馆藏精品", slug="collection"))
    call_command("setup_roles", stdout=io.StringIO())
    return index


def user_in(role):
    user = get_user_model().objects.create_user(username=role.key, password="pw")
    user.groups.add(Group.objects.get(name=role.name))
    return user


def row(n, **overrides):
    values = {
        "藏品编号": f"WZM-IMP-{n:04d}",
        "名称": f"供销员账本 {n}",
        "类别": "文书档案",
        "年代": "1980年代",
        "起始年份": "1982",
        "结束年份": "1986",
        "产地": "温州永嘉",
        "藏品描述": "一位供销员记录往来生意的账本。\n第二段。",
        "权利声明": "允许教育用途",
        "所属展厅序号": "2",
        "图片文件": "",
    }
    values.update(overrides)
    return [values[name] for name in HEADER]


def csv_file(rows, encoding="utf-8-sig"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([HEADER, *rows])
    return SimpleUploadedFile("artifacts.csv", buffer.getvalue().encode(encoding), "text/csv")


def zip_file(**images):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in images.items():
            archive.writestr(f"photos/{name}", data)
    return SimpleUploadedFile("photos.zip", buffer.getvalue(), "application/zip")


def jpeg():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (180, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


def dry_run(client, index, sheet, images=None, publish=False):
    data = {"collection_index": index.pk, "sheet": sheet}
    if images:
        data["images"] = images
    if publish:
        data["publish"] = "on"
    response = client.post(UPLOAD, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("created_at")


@pytest.mark.django_db
def test_five_hundred_rows_with_five_bad_ones(client, catalogue):
    curator = user_in(roles.CURATOR)
    client.force_login(curator)
    rows = [row(n) for n in range(500)]
    rows[10] = row(10, 类别="瓷器")  # not a category
    rows[99] = row(99, 名称="")  # required
    rows[200] = row(200, 起始年份="八十年代")  # not a year
    rows[300] = row(300, 起始年份="1990", 结束年份="1980")  # ends before it starts
    rows[450] = row(3)  # the accession number of row 5 again
    batch = dry_run(client, catalogue, csv_file(rows))
    assert batch.report["counts"] == {"create": 495, "update": 0, "skip": 0, "error": 5}
    errors = [(e["row"], e["column"]) for e in batch.report["errors"]]
    # Spreadsheet rows: the header is row 1.
    assert errors == [(12, "类别"), (101, "名称"), (202, "起始年份"), (302, "结束年份"), (452, "藏品编号")]  # fmt: skip
    reasons = " ".join(e["reason"] for e in batch.report["errors"])
    assert "第 5 行" in reasons and "不能为空" in reasons and "结束年份不能早于起始年份" in reasons
    assert ArtifactPage.objects.count() == 0  # a dry run saves nothing

    page = client.get(f"{UPLOAD}{batch.pk}/")
    assert "新建 495 件" in page.content.decode() and "瓷器" not in page.content.decode()
    assert client.post(f"{UPLOAD}{batch.pk}/confirm/").status_code == 302
    imported = ArtifactPage.objects.child_of(catalogue)
    assert imported.count() == 495 and not imported.filter(live=True).exists()
    first = imported.get(accession_number="WZM-IMP-0000").get_latest_revision_as_object()
    assert first.description == "<p>一位供销员记录往来生意的账本。</p><p>第二段。</p>"
    assert first.rights == "educational_use" and first.hall.number == 2
    assert first.slug  # the pinyin of the Chinese title
    batch.refresh_from_db()
    assert batch.status == "imported" and bytes(batch.sheet) == b""

    # The same file again: nothing new, nothing changed.
    again = dry_run(client, catalogue, csv_file(rows))
    assert again.report["counts"] == {"create": 0, "update": 0, "skip": 495, "error": 5}
    # One changed row updates its artifact as a new revision; no duplicate.
    rows[0] = row(0, 名称="供销员账本（修订）")
    changed = dry_run(client, catalogue, csv_file(rows, encoding="gb18030"))
    assert changed.report["counts"]["update"] == 1
    client.post(f"{UPLOAD}{changed.pk}/confirm/")
    assert ArtifactPage.objects.count() == 495
    revised = ArtifactPage.objects.get(accession_number="WZM-IMP-0000")
    assert revised.get_latest_revision_as_object().title == "供销员账本（修订）"


@pytest.mark.django_db
def test_images_come_from_the_zip_and_are_checked_in_the_dry_run(client, catalogue):
    client.force_login(user_in(roles.CURATOR))
    rows = [row(1, 图片文件="ledger-1.jpg；ledger-2.jpg"), row(2, 图片文件="missing.jpg"),
            row(3, 图片文件="broken.jpg")]  # fmt: skip
    images = zip_file(**{"ledger-1.jpg": jpeg(), "ledger-2.jpg": jpeg(), "broken.jpg": b"nope"})
    batch = dry_run(client, catalogue, csv_file(rows), images=images)
    reasons = {e["row"]: e["reason"] for e in batch.report["errors"]}
    assert reasons == {3: "压缩包里没有 missing.jpg", 4: "broken.jpg 不是可读的图片"}
    assert get_image_model().objects.count() == 0
    client.post(f"{UPLOAD}{batch.pk}/confirm/")
    artifact = ArtifactPage.objects.get(accession_number="WZM-IMP-0001")
    titles = [i.image.title for i in artifact.gallery_images.all()]
    assert titles == ["ledger-1", "ledger-2"]
    assert artifact.get_latest_revision_as_object().listing_image.title == "ledger-1"
    assert artifact.gallery_images.first().image.collection.name == roles.MUSEUM_COLLECTION


@pytest.mark.django_db
def test_export_reads_back_as_an_import_with_no_change(client, catalogue):
    client.force_login(user_in(roles.CURATOR))
    images = zip_file(**{"ledger-1.jpg": jpeg()})
    first = dry_run(client, catalogue, csv_file([row(1, 图片文件="ledger-1.jpg"), row(2)]), images)
    client.post(f"{UPLOAD}{first.pk}/confirm/")
    response = client.get(f"{UPLOAD}export/{catalogue.pk}.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    exported = [
        [("" if c is None else str(c)) for c in r] for r in sheet.iter_rows(values_only=True)
    ]
    assert exported[0][:2] == ["藏品编号", "名称"]
    workbook = Workbook()
    for cells in exported:
        workbook.active.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    sheet_file = SimpleUploadedFile("export.xlsx", buffer.getvalue())
    again = dry_run(client, catalogue, sheet_file)
    assert again.report["counts"] == {"create": 0, "update": 0, "skip": 2, "error": 0}
    as_csv = client.get(f"{UPLOAD}export/{catalogue.pk}.csv")
    assert as_csv.content.startswith("\ufeff".encode())


@pytest.mark.django_db
def test_publishing_on_import_is_for_those_who_may_publish(client, catalogue):
    client.force_login(user_in(roles.CURATOR))
    batch = dry_run(client, catalogue, csv_file([row(1)]), publish=True)
    client.post(f"{UPLOAD}{batch.pk}/confirm/")
    assert ArtifactPage.objects.get(accession_number="WZM-IMP-0001").live


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.PUBLICITY_EDITOR, roles.INVESTMENT_STAFF])
def test_other_roles_cannot_import_export_or_confirm(client, catalogue, role):
    curator = user_in(roles.CURATOR)
    client.force_login(curator)
    batch = dry_run(client, catalogue, csv_file([row(1)]))
    client.force_login(user_in(role))
    # The admin answers a permission refusal by sending the user to the dashboard.
    refused = [
        client.get(UPLOAD),
        client.post(UPLOAD, {"collection_index": catalogue.pk, "sheet": csv_file([row(2)])}),
        client.get(f"{UPLOAD}export/{catalogue.pk}.csv"),
    ]
    assert [(r.status_code, r.url) for r in refused] == [(302, "/admin/")] * 3
    assert client.post(f"{UPLOAD}{batch.pk}/confirm/").status_code == 404
    assert "artifact-import" not in client.get("/admin/").content.decode()
    assert ArtifactPage.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("artifacts.txt", b"x", "只能导入 CSV 或 XLSX"),
        (
            "artifacts.csv",
            "名称,年代\n账本,1980年代\n".encode(),
            "表格缺少必需的列：藏品编号、类别",
        ),
        ("artifacts.csv", "藏品编号,名称,类别,年代,颜色\n".encode(), "无法识别的列：颜色"),
        ("artifacts.xlsx", b"PK\x03\x04 not really", "无法读取这个 XLSX 文件"),
        ("artifacts.csv", b"\n\n", "表格是空的"),
    ],
)
def test_unreadable_sheets_get_a_message_and_change_nothing(
    client, catalogue, name, content, message
):  # noqa: E501
    client.force_login(user_in(roles.CURATOR))
    response = client.post(
        UPLOAD, {"collection_index": catalogue.pk, "sheet": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ImportBatch.objects.exists() and not ArtifactPage.objects.exists()
