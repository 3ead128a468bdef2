"""The committed .mo files are compiled from the current .po files, and every message of
the interface is translated into English and やさしい日本語."""

import polib
import pytest

from tsunagari.core.management.commands.compile_catalogues import catalogues, compile_catalogue


def test_there_is_a_catalogue_for_english_and_easy_japanese():
    assert {po.parent.parent.name for po in catalogues()} == {"en", "ja_Easy"}


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: p.parent.parent.name)
def test_mo_file_is_up_to_date_and_complete(po_path):
    assert po_path.with_suffix(".mo").read_bytes() == compile_catalogue(po_path), (
        "run: tsunagari compile_catalogues"
    )
    catalogue = polib.pofile(str(po_path))
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
