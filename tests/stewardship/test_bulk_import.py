"""The bulk import page: upload, a dry run that writes nothing, confirm; bad files,
files of other municipalities and oversize files write nothing and say why."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.staff_world import sign_in
from tsunagari.audit.models import AuditEvent
from tsunagari.directory.exporters.hsds import export_hsds
from tsunagari.directory.models import Service
from tsunagari.stewardship import imports

pytestmark = pytest.mark.django_db

OPENDATA = Path(__file__).parents[2] / "src/tsunagari/directory/data/opendata"
MACHIDA = OPENDATA / "132098_machida_kodomo_shokudo.csv"
URL = reverse("stewardship:bulk_import")


@pytest.fixture(autouse=True)
def _private_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(imports, "ROOT", tmp_path / "imports")


def upload(client: Client, name: str, content: bytes, **extra):
    file = SimpleUploadedFile(name, content, content_type="text/csv")
    return client.post(URL, {"step": "check", "file": file, **extra})


def test_dry_run_then_confirm(world):
    client = sign_in(Client(), world.coord_x)
    before = Service.objects.count()
    report = upload(client, MACHIDA.name, MACHIDA.read_bytes())
    assert report.status_code == 200
    result = report.context["report"]
    assert result.dry_run and result.created == result.records > 10
    assert Service.objects.count() == before  # nothing written yet
    assert not AuditEvent.objects.filter(action="directory.import").exists()

    done = client.post(URL, {"step": "confirm", "token": report.context["token"]})
    assert done.status_code == 200 and not done.context["report"].dry_run
    assert Service.objects.count() == before + result.created
    assert AuditEvent.objects.get(action="directory.import").actor == world.coord_x
    assert "取り込みました" in done.content.decode()
    # The kept file is gone: confirming again finds nothing.
    again = client.post(URL, {"step": "confirm", "token": report.context["token"]})
    assert again.status_code == 400


def test_a_broken_row_names_row_and_column_and_writes_nothing(world):
    lines = MACHIDA.read_bytes().decode("utf-8-sig").splitlines(keepends=True)
    broken = lines[3].replace("35.584662", "北緯35度")
    assert broken != lines[3]
    content = "".join([*lines[:3], broken, *lines[4:]]).encode()
    client = sign_in(Client(), world.coord_x)
    before = Service.objects.count()
    page = upload(client, "broken.csv", content)
    assert page.status_code == 400
    problem = page.context["problem"]
    assert problem.row == 4 and problem.column == "緯度"
    html = page.content.decode()
    assert "4 行目" in html and "何も書き込んでいません" in html
    assert Service.objects.count() == before


def test_a_file_of_unknown_format_is_refused(world):
    page = upload(sign_in(Client(), world.coord_x), "notes.txt", "こんにちは\n".encode())
    assert page.status_code == 400
    assert "形式がわかりません" in page.content.decode()


def test_a_coordinator_cannot_import_another_municipality(world):
    before = Service.objects.count()
    page = upload(sign_in(Client(), world.coord_y), MACHIDA.name, MACHIDA.read_bytes())
    assert page.status_code == 400
    assert "担当していない自治体（町田市）" in page.content.decode()
    assert Service.objects.count() == before


def test_oversize_files_are_refused(world, monkeypatch):
    monkeypatch.setattr(imports, "MAX_BYTES", 100)
    page = upload(sign_in(Client(), world.admin), MACHIDA.name, MACHIDA.read_bytes())
    assert page.status_code == 400
    assert "ファイルが大きすぎます" in page.content.decode()


def test_a_forged_token_is_refused(world):
    client = sign_in(Client(), world.coord_x)
    upload(client, MACHIDA.name, MACHIDA.read_bytes())
    page = client.post(URL, {"step": "confirm", "token": "../../etc"})
    assert page.status_code == 400
    assert not AuditEvent.objects.filter(action="directory.import").exists()


@pytest.mark.parametrize("role", ["owner_a", "editor_a", "viewer_a"])
def test_members_do_not_import(world, role):
    assert sign_in(Client(), world.users[role]).get(URL).status_code == 403


def zipped(folder: Path, prefix: str = "tsunagari-hsds/", extra: dict[str, bytes] | None = None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, prefix + path.name)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_an_hsds_data_package_in_a_zip_comes_in(world, tmp_path):
    export_hsds(tmp_path / "package")
    service_csv = tmp_path / "package" / "services.csv"
    text = service_csv.read_text(encoding="utf-8")
    assert "あおぞらサロン" in text
    service_csv.write_text(
        text.replace("あおぞらサロン", "あおぞらサロン（木曜）"), encoding="utf-8"
    )
    (tmp_path / "package" / "services.json").unlink()  # the tabular part only

    client = sign_in(Client(), world.admin)
    report = upload(client, "tsunagari-hsds.zip", zipped(tmp_path / "package"))
    assert report.status_code == 200, report.content.decode()
    result = report.context["report"]
    # (Every service of the package counts as updated: its provenance becomes the package.)
    assert result.dry_run and result.created == 0 and result.updated == Service.objects.count()
    assert Service.objects.get(pk=world.service_a.pk).name == "あおぞらサロン"
    done = client.post(URL, {"step": "confirm", "token": report.context["token"]})
    assert done.status_code == 200
    assert Service.objects.get(pk=world.service_a.pk).name == "あおぞらサロン（木曜）"
    assert Service.objects.get(pk=world.service_b.pk).name == world.service_b.name


def test_a_zip_without_a_package_or_with_a_path_outside_writes_nothing(world, tmp_path):
    client = sign_in(Client(), world.admin)
    plain = io.BytesIO()
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("readme.txt", "no package here")
    refused = upload(client, "other.zip", plain.getvalue())
    assert refused.status_code == 400
    assert "データパッケージ" in refused.content.decode()

    export_hsds(tmp_path / "package")
    escaping = zipped(tmp_path / "package", extra={"tsunagari-hsds/../../escaped.csv": b"x"})
    refused = upload(client, "escaping.zip", escaping)
    assert refused.status_code == 400
    assert not list(tmp_path.rglob("escaped.csv"))
    assert not list((tmp_path / "imports").rglob("*.csv"))  # nothing kept either


def test_a_broken_zip_is_named_and_writes_nothing(world, tmp_path):
    export_hsds(tmp_path / "package")
    whole = zipped(tmp_path / "package")
    # Damage a stored file's data but keep the archive's directory readable.
    broken = whole[:200] + bytes(b ^ 0xFF for b in whole[200:400]) + whole[400:]
    client = sign_in(Client(), world.admin)
    refused = upload(client, "broken.zip", broken)
    assert refused.status_code == 400
    assert "壊れていて読めません" in refused.content.decode()
    assert not list((tmp_path / "imports").rglob("*"))
