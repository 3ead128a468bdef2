"""``tsunagari export hsds DIR``: the directory as HSDS 3.0 — ``services.json`` (a JSON
array of full service objects) and the tabular data package (``datapackage.json`` with
one CSV per table). Both stream, so memory stays flat for any number of services."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .services_json import iter_service_objects, write_services_json
from .tabular import write_tabular

__all__ = ["ExportResult", "export_hsds", "iter_service_objects"]

SERVICES_JSON = "services.json"


@dataclass
class ExportResult:
    directory: Path
    services: int
    rows: dict[str, int]


def export_hsds(
    directory: Path, *, publisher: str = "", licence: str = "", chunk_size: int = 500
) -> ExportResult:
    """Write ``services.json`` and the tabular package into ``directory`` (created if
    needed; files of the same names are replaced)."""
    directory.mkdir(parents=True, exist_ok=True)
    # One transaction, so both files describe the same state of the directory.
    with transaction.atomic():
        services = write_services_json(directory / SERVICES_JSON, chunk_size=chunk_size)
        rows = write_tabular(directory, publisher=publisher, licence=licence)
    return ExportResult(directory, services, rows)
