"""``tsunagari export hsds``: services.json validates against the official compiled
schema, the tabular package has the official tables and columns plus the declared
Japan-profile columns, and the output is the same bytes every time."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

from tsunagari.directory.exporters.hsds import export_hsds
from tsunagari.directory.hsds import BY_NAME
from tsunagari.directory.services import Graph

from .hsds_sample import MACHIDA, sid

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "hsds-3.0"
OFFICIAL_DESCRIPTOR = (
    Path(__file__).resolve().parents[2] / "src/tsunagari/directory/data/hsds-3.0/datapackage.json"
)


def service_validator() -> Any:
    schema = json.loads((FIXTURES / "compiled" / "service.json").read_text(encoding="utf-8"))
    # The compiled schemas name no draft; HSDS 3.0 is written for 2020-12.
    cls = validator_for(schema, default=Draft202012Validator)
    checker = cls.FORMAT_CHECKER
    # Without these the format checks would silently pass everything.
    assert {"uuid", "uri", "email", "date-time"} <= set(checker.checkers)
    return cls(schema, format_checker=checker)


def read_services(directory: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((directory / "services.json").read_text("utf-8"))
    return data


def csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


@pytest.fixture
def exported(sample: Graph, tmp_path: Path) -> Path:
    export_hsds(tmp_path / "out")
    return tmp_path / "out"


def test_every_service_validates_against_the_official_schema(exported: Path) -> None:
    validator = service_validator()
    services = read_services(exported)
    assert len(services) == 4
    for service in services:
        errors = sorted(validator.iter_errors(service), key=lambda e: list(e.path))
        assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]


def test_a_bad_value_would_fail_validation(exported: Path) -> None:
    """The validation above can fail: a broken id or date-time is caught."""
    validator = service_validator()
    service = read_services(exported)[0]
    service["phones"][0]["id"] = "not-a-uuid"
    service["last_modified"] = "yesterday"
    assert len(list(validator.iter_errors(service))) == 2


def test_a_service_carries_its_whole_graph(exported: Path) -> None:
    by_name = {s["name"]: s for s in read_services(exported)}
    shokudo = by_name["みんなの子ども食堂"]
    assert shokudo["organization"]["name"] == "社会福祉法人町田市社会福祉協議会"
    assert shokudo["organization"]["corporate_number"] == "1012305000001"
    assert shokudo["organization"]["organization_identifiers"][0]["identifier_type"] == "法人番号"
    assert shokudo["organization"]["phones"][0]["number"] == "042-000-0006"
    assert shokudo["program"]["name"] == "地域の居場所づくり"
    assert shokudo["name_kana"] == "ミンナノコドモショクドウ"
    assert shokudo["municipality_code"] == MACHIDA
    assert shokudo["source_record_id"] == "132098-0001"
    assert shokudo["schedules"][0]["byday"] == "MO,WE"
    assert shokudo["schedules"][0]["opens_at"] == "17:00:00"
    assert {c["amount"] for c in shokudo["cost_options"]} == {0.0, 300.0}
    assert {lang["code"] for lang in shokudo["languages"]} == {"ja", "en"}
    assert shokudo["contacts"][0]["phones"][0]["extension"] == 12.0
    assert shokudo["metadata"][0]["replacement_value"] == "8月はお休みです。"
    location = shokudo["service_at_locations"][0]["location"]
    assert location["addresses"][0]["machiaza_id"] == "0001002"
    assert location["accessibility"][0]["description"] == "車いすで入れます"
    assert location["attributes"][0]["taxonomy_term"]["code"] == "attr.barrier_free"
    # Terms the source gave; inference adds its own (label "inferred: <rule>").
    terms = {
        a["taxonomy_term"]["code"]: a
        for a in shokudo["attributes"]
        if not a.get("label", "").startswith("inferred: ")
    }
    assert set(terms) == {"type.kodomo_shokudo", "need.talk", "need.childcare", "attr.free"}
    assert terms["attr.free"]["inferred"] is True
    assert terms["need.talk"]["label"] == "居場所"
    assert terms["need.talk"]["taxonomy_term"]["name_en"] == "Someone to talk to / a place to be"
    assert terms["need.talk"]["taxonomy_term"]["taxonomy_detail"]["name"] == "困りごと"
    # The location both services share is in both, whole.
    salon = by_name["ふれあいサロン"]
    salon_site = salon["service_at_locations"][0]
    assert salon_site["location"] == location
    assert salon_site["phones"][0]["number"] == "042-000-0004"
    assert salon_site["schedules"][0]["byday"] == "2SA"
    assert salon_site["contacts"][0]["name"] == "受付"
    line = by_name["よりそい電話（24時間）"]
    assert line["phones"][0]["languages"][0]["code"] == "ja"
    assert line["phones"][0]["attributes"][0]["taxonomy_term"]["code"] == "attr.out_of_area"
    assert "email" not in line  # empty values are left out, not written as ""


def test_services_are_in_id_order(exported: Path) -> None:
    ids = [s["id"] for s in read_services(exported)]
    assert ids == sorted(ids)
    assert sid("svc", "shokudo").hex in {i.replace("-", "") for i in ids}


def test_tabular_package_has_official_tables_and_declared_profile_columns(exported: Path) -> None:
    official = json.loads(OFFICIAL_DESCRIPTOR.read_text(encoding="utf-8"))
    ours = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in ours["resources"]] == [r["name"] for r in official["resources"]]
    for resource, official_resource in zip(ours["resources"], official["resources"], strict=True):
        assert resource["path"] == official_resource["path"]
        official_fields = [f["name"] for f in official_resource["schema"]["fields"]]
        table = BY_NAME.get(resource["name"])
        profile = list(table.profile_fields) if table else []
        declared = [f["name"] for f in resource["schema"]["fields"]]
        assert declared == official_fields + profile
        header = csv_rows(exported / resource["path"])[0]
        assert header == declared
    files = {p.name for p in exported.iterdir()}
    assert files == {"services.json", "datapackage.json"} | {r["path"] for r in ours["resources"]}


def test_csv_rows_hold_the_data(exported: Path) -> None:
    services = csv_rows(exported / "services.csv")
    assert len(services) == 1 + 4
    header = services[0]
    shokudo = next(r for r in services[1:] if r[header.index("name")] == "みんなの子ども食堂")
    assert shokudo[header.index("municipality_code")] == MACHIDA
    assert shokudo[header.index("assured_date")] == "2025-03-31"
    assert shokudo[header.index("last_modified")] == "2025-04-01T09:30:00Z"
    attributes = csv_rows(exported / "attributes.csv")
    label = attributes[0].index("label")
    assert len([r for r in attributes[1:] if not r[label].startswith("inferred: ")]) == 11
    assert {r[attributes[0].index("inferred")] for r in attributes[1:]} == {"true", "false"}
    # The whole seeded taxonomy is in the package, not only the terms in use.
    assert len(csv_rows(exported / "taxonomy_terms.csv")) > 50


def test_an_empty_directory_exports_valid_empty_files(reference_data: None, tmp_path: Path) -> None:
    BY_NAME["taxonomy_term"].model._default_manager.all().delete()
    BY_NAME["taxonomy"].model._default_manager.all().delete()
    result = export_hsds(tmp_path)
    assert result.services == 0
    assert (tmp_path / "services.json").read_text(encoding="utf-8") == "[]\n"
    header_only = csv_rows(tmp_path / "phones.csv")
    assert header_only == [list(BY_NAME["phone"].all_fields)]


def test_two_exports_are_byte_identical(exported: Path, tmp_path: Path) -> None:
    export_hsds(tmp_path / "again", chunk_size=2)  # chunk boundaries change nothing
    for path in exported.iterdir():
        assert (tmp_path / "again" / path.name).read_bytes() == path.read_bytes(), path.name


def test_export_command(sample: Graph, tmp_path: Path) -> None:
    out = tmp_path / "cli"
    call_command("export", "hsds", str(out), "--publisher", "町田市", "--licence", "CC-BY-4.0")
    assert len(read_services(out)) == 4
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["contributors"] == [{"title": "町田市", "role": "publisher"}]
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
