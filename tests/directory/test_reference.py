"""The municipality list and the taxonomy every deployment has."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command

from tsunagari.directory.models import Municipality, TaxonomyTerm
from tsunagari.directory.reference import (
    MUNICIPALITIES_CSV,
    check_digit,
    municipalities_load,
    normalise_code,
)


def test_codes_are_checked_and_completed_with_their_check_digit():
    assert check_digit("13209") == "8"  # 町田市 132098
    assert normalise_code("13209") == "132098"
    assert normalise_code(" １３２０９８ ") == "132098"
    assert normalise_code("132099") is None  # wrong check digit
    assert normalise_code("町田") is None


@pytest.mark.django_db
def test_every_municipality_is_loaded_with_reading_and_coordinate():
    assert municipalities_load() == 1788
    machida = Municipality.objects.get(code="132098")
    assert (machida.prefecture, machida.name, machida.name_kana) == ("東京都", "町田市", "マチダシ")
    assert machida.latitude == pytest.approx(35.55, abs=0.05)
    assert Municipality.objects.exclude(name="").count() == 1741


@pytest.mark.django_db
def test_a_newer_list_updates_names_and_adds_codes(tmp_path: Path):
    municipalities_load()
    with MUNICIPALITIES_CSV.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["code"] == "132098":
            row["municipality"] = "町田市（新）"
    rows.append({**rows[-1], "code": "99001", "municipality": "合併市"})  # 5 digits
    newer = tmp_path / "municipalities.csv"
    with newer.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    call_command("load_reference", "--municipalities", str(newer), verbosity=0)

    assert Municipality.objects.get(code="132098").name == "町田市（新）"
    assert Municipality.objects.get(code="990019").name == "合併市"


@pytest.mark.django_db
def test_the_taxonomy_of_the_design_is_seeded_as_data(reference_data):
    kinds = set(TaxonomyTerm.objects.values_list("taxonomy_label", flat=True))
    assert kinds == {"need", "audience", "channel", "attribute", "service_type"}
    crisis = TaxonomyTerm.objects.get(code="need.crisis")
    assert crisis.name == "死にたい気持ち"
    assert crisis.taxonomy.name == "困りごと"
    assert TaxonomyTerm.objects.filter(taxonomy_label="need").count() == 18
