"""The index follows the directory: imports, re-imports, status changes, reindex."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import make_service
from tsunagari import directory
from tsunagari.directory.models import Service
from tsunagari.directory.refresh import refresh_derived
from tsunagari.search.models import SearchDocument
from tsunagari.search.query import SearchQuery, search

from .conftest import found

pytestmark = pytest.mark.django_db

KODOMO = Path(directory.__file__).parent / "data" / "opendata" / "132098_machida_kodomo_shokudo.csv"


def _names(**query) -> set[str]:
    ids = found(**query)
    return set(Service.objects.filter(id__in=ids).values_list("name", flat=True))


def test_imported_file_is_searchable(reference_data, tmp_path):
    call_command("import", str(KODOMO), verbosity=0)
    assert "にこにこ清風食堂" in _names(text="清風")
    assert "にこにこ清風食堂" in _names(text="せいふう")  # its 名称_カナ
    assert SearchDocument.objects.count() == Service.objects.filter(status="active").count()


def test_reimport_replaces_what_changed(reference_data, tmp_path):
    call_command("import", str(KODOMO), verbosity=0)
    changed = tmp_path / "132098_machida_kodomo_shokudo.csv"
    text = KODOMO.read_text(encoding="utf-8-sig")
    changed.write_text(text.replace("にこにこ清風食堂", "にこにこ若葉食堂"), encoding="utf-8-sig")
    call_command("import", str(changed), verbosity=0)
    assert "にこにこ若葉食堂" in _names(text="若葉")
    assert _names(text="清風") == set()
    assert SearchDocument.objects.count() == Service.objects.filter(status="active").count()


def test_a_service_that_ends_leaves_the_index(reference_data):
    service = make_service("ひだまりサロン")
    assert found(text="ひだまり") == [service.id]
    Service.objects.filter(id=service.id).update(status="inactive")
    refresh_derived({service.id})
    assert found(text="ひだまり") == []
    Service.objects.filter(id=service.id).update(status="active")
    refresh_derived({service.id})
    assert found(text="ひだまり") == [service.id]


def test_a_deleted_service_leaves_the_index(reference_data):
    service = make_service("ひだまりサロン")
    Service.objects.filter(id=service.id).delete()
    refresh_derived({service.id})
    assert search(SearchQuery(text="ひだまり")).total == 0
    assert not SearchDocument.objects.exists()


def test_reindex_rebuilds_everything(reference_data, capsys):
    kept = make_service("ひだまりサロン")
    SearchDocument.objects.all().delete()  # as if the index were lost
    assert found(text="ひだまり") == []
    call_command("reindex")
    assert found(text="ひだまり") == [kept.id]
    assert "1 件" in capsys.readouterr().out
