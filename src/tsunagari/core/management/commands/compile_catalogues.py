"""Compile the translation catalogues (``locale/*/LC_MESSAGES/django.po`` → ``.mo``) with
polib, so no GNU gettext is needed. The ``.mo`` files are committed; a test checks
they match their ``.po``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    return sorted(
        po for root in settings.LOCALE_PATHS for po in Path(root).glob("*/LC_MESSAGES/*.po")
    )


def compile_catalogue(po_path: Path) -> bytes:
    import polib  # a development dependency: running the site needs only the .mo files

    catalogue = polib.pofile(str(po_path))
    out = po_path.with_suffix(".tmp.mo")
    try:
        catalogue.save_as_mofile(str(out))
        return out.read_bytes()
    finally:
        out.unlink(missing_ok=True)


class Command(BaseCommand):
    help = "Compile the .po translation catalogues to .mo files (polib, no GNU gettext)."

    def handle(self, *args: Any, **options: Any) -> None:
        for po_path in catalogues():
            po_path.with_suffix(".mo").write_bytes(compile_catalogue(po_path))
            self.stdout.write(f"compiled {po_path}")
