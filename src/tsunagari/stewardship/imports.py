"""The bulk import page's work: keep an uploaded file server-side under a random token,
check it with the directory's importer (a dry run that writes nothing), then import it.

The file stays in a private temporary folder named by the token, and the session
remembers which token belongs to this user; the browser only ever sends the token back,
never a path. A coordinator may import only listings of the municipalities they
coordinate: a file that holds others is refused as a whole, like any bad file."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from tsunagari.audit.services import Actor
from tsunagari.directory.importers import ImportProblem, import_file
from tsunagari.directory.models import DataSource, Municipality, Service
from tsunagari.organizations.permissions import coordinated_codes, is_platform_admin

MAX_BYTES = 20 * 1024 * 1024
# An HSDS data package in a ZIP: its descriptor, and how much it may hold unpacked.
PACKAGE = "datapackage.json"
MAX_PACKAGE_FILES = 100
MAX_PACKAGE_BYTES = 200 * 1024 * 1024
# Uploads older than this are removed when the next one arrives.
KEEP_SECONDS = 24 * 60 * 60
ROOT = Path(tempfile.gettempdir()) / "tsunagari-imports"


@dataclass
class ImportReport:
    file: str
    format: str
    records: int
    created: int
    updated: int
    unchanged: int
    dry_run: bool


def _folder(token: str) -> Path:
    if not token or not token.isalnum():
        raise ImportProblem(
            _("取り込むファイルが見つかりません。もう一度アップロードしてください。")
        )
    return ROOT / token


def upload_keep(upload: UploadedFile) -> tuple[str, str]:
    """Store the upload under a new token; (token, file name). Refuses files over the
    size limit before storing anything."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise ImportProblem(
            _("ファイルが大きすぎます（20 MB まで）。ファイルを分けてください。"),
            file=upload.name or "",
        )
    _forget_old()
    token = secrets.token_hex(16)
    folder = ROOT / token
    folder.mkdir(parents=True, mode=0o700)
    name = get_valid_filename(Path(upload.name or "upload").name) or "upload"
    with (folder / name).open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    if zipfile.is_zipfile(folder / name):
        try:
            name = _unpack_package(folder / name, folder)
        except (ImportProblem, zipfile.BadZipFile, OSError) as problem:
            shutil.rmtree(folder, ignore_errors=True)
            if isinstance(problem, ImportProblem):
                raise
            raise ImportProblem(
                _("ZIP ファイルが壊れていて読めません。作り直してください。"), file=name
            ) from problem
    return token, name


def _unpack_package(archive: Path, folder: Path) -> str:
    """An HSDS tabular data package sent as one ZIP (``tsunagari export hsds``'s folder,
    zipped): unpack the folder that holds ``datapackage.json`` into ``folder`` and name
    the descriptor. Only plain files inside the package are written, within size
    limits; anything else refuses the whole file."""
    problem = ImportProblem(
        _(
            "ZIP ファイルの中に HSDS のデータパッケージ"
            "（datapackage.json と CSV）が見つかりません。"
        ),
        file=archive.name,
    )
    with zipfile.ZipFile(archive) as package:
        members = [m for m in package.infolist() if not m.is_dir()]
        descriptors = [m for m in members if PurePosixPath(m.filename).name == PACKAGE]
        if len(descriptors) != 1 or len(members) > MAX_PACKAGE_FILES:
            raise problem
        root = PurePosixPath(descriptors[0].filename).parent
        inside = [m for m in members if PurePosixPath(m.filename).is_relative_to(root)]
        if sum(m.file_size for m in inside) > MAX_PACKAGE_BYTES:
            raise ImportProblem(
                _("ZIP の中身が大きすぎます（展開して %(mb)s MB まで）。")
                % {"mb": MAX_PACKAGE_BYTES // (1024 * 1024)},
                file=archive.name,
            )
        for member in inside:
            relative = PurePosixPath(member.filename).relative_to(root)
            if relative.is_absolute() or ".." in relative.parts:
                raise problem
            target = folder.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with package.open(member) as source, target.open("wb") as out:
                shutil.copyfileobj(source, out)
    archive.unlink()
    return PACKAGE


def upload_forget(token: str) -> None:
    if token and token.isalnum():
        shutil.rmtree(ROOT / token, ignore_errors=True)


def _forget_old() -> None:
    if not ROOT.is_dir():
        return
    limit = time.time() - KEEP_SECONDS
    for folder in ROOT.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < limit:
            shutil.rmtree(folder, ignore_errors=True)


def import_run(
    *,
    user: Any,
    actor: Actor,
    token: str,
    name: str,
    municipality: Municipality | None,
    dry_run: bool,
) -> ImportReport:
    """Check (``dry_run``) or import the kept file. Raises ImportProblem naming the row
    and column of the first bad value; nothing is written then."""
    path = _folder(token) / get_valid_filename(name)
    if not path.is_file():
        raise ImportProblem(
            _("取り込むファイルが見つかりません。もう一度アップロードしてください。"), file=name
        )
    with transaction.atomic():
        # Imported for real inside this transaction, so the scope check below sees what
        # the file wrote; a dry run (or a refusal) rolls all of it back.
        result = import_file(path, municipality=municipality, actor=actor)
        _check_scope(user, f"{result.format}:{result.file}", result.file)
        if dry_run:
            transaction.set_rollback(True)
    return ImportReport(
        file=result.file,
        format=result.format,
        records=result.records,
        created=result.count("service", "created"),
        updated=result.count("service", "updated"),
        unchanged=result.count("service", "unchanged"),
        dry_run=dry_run,
    )


def _check_scope(user: Any, source_key: str, file: str) -> None:
    if is_platform_admin(user):
        return
    codes = coordinated_codes(user)
    outside = (
        Service.objects.filter(source__in=DataSource.objects.filter(key=source_key))
        .exclude(municipality_id__in=codes)
        .values_list("municipality__name", flat=True)
        .distinct()
    )
    names = sorted({n or "?" for n in outside[:5]})
    if names:
        raise ImportProblem(
            _("担当していない自治体（%(names)s）の掲載が含まれています。")
            % {"names": "、".join(names)},
            file=file,
        )
