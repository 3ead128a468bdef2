"""Importing HSDS 3.0: the JSON array of services and the tabular data package. What
``tsunagari export hsds`` writes comes back as the same data with the same ids, and a
bad file names the element or row and the field, and changes nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tsunagari.directory.exporters.hsds import export_hsds
from tsunagari.directory.importers import ImportProblem, detect_format, import_file
from tsunagari.directory.importers.hsds_json import HsdsJsonFormat
from tsunagari.directory.importers.reading import read_head
from tsunagari.directory.models import (
    Attribute,
    DataSource,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
)
from tsunagari.directory.services import Graph

from .conftest import wipe_directory
from .hsds_sample import sid

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "hsds-3.0"
OPENDATA = Path(__file__).resolve().parents[2] / "src/tsunagari/directory/data/opendata"


def counts() -> dict[str, int]:
    return {
        model.__name__: model._default_manager.count()
        for model in (Service, Organization, Location, Phone, Schedule, Attribute)
    }


def assert_same_files(first: Path, second: Path) -> None:
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (second / name).read_bytes() == (first / name).read_bytes(), name


@pytest.fixture
def exported(sample: Graph, tmp_path: Path) -> Path:
    export_hsds(tmp_path / "first", publisher="町田市", licence="CC-BY-4.0")
    return tmp_path / "first"


def test_json_round_trip_into_an_empty_directory(exported: Path, tmp_path: Path) -> None:
    ids = set(Service.objects.values_list("id", flat=True))
    # A fresh deployment: reference data loaded, no directory data.
    wipe_directory(taxonomy=False)
    assert Service.objects.count() == 0
    result = import_file(exported / "services.json")
    assert result.format == "hsds:json"
    assert result.records == 4
    assert set(Service.objects.values_list("id", flat=True)) == ids
    export_hsds(tmp_path / "second", publisher="町田市", licence="CC-BY-4.0")
    assert_same_files(exported, tmp_path / "second")


def test_json_carries_the_terms_it_uses(exported: Path, tmp_path: Path) -> None:
    """Without even the seeded taxonomy, services.json brings the terms and taxonomies
    its attributes use, and exports again to the same bytes."""
    wipe_directory(taxonomy=True)
    import_file(exported / "services.json")
    export_hsds(tmp_path / "second", publisher="町田市", licence="CC-BY-4.0")
    second = tmp_path / "second"
    assert (second / "services.json").read_bytes() == (exported / "services.json").read_bytes()
    terms = (second / "taxonomy_terms.csv").read_text(encoding="utf-8").splitlines()
    # The eleven terms the sample states, and those inference added from its text.
    in_use = set(Attribute.objects.values_list("taxonomy_term__code", flat=True))
    assert len(in_use) >= 11
    assert len(terms) == 1 + len(in_use)


def test_tabular_round_trip_into_an_empty_directory(exported: Path, tmp_path: Path) -> None:
    wipe_directory(taxonomy=True)  # the package brings its taxonomy too
    result = import_file(exported)  # the directory stands for its datapackage.json
    assert result.format == "hsds:tabular"
    assert Service.objects.get(id=sid("svc", "shokudo")).name == "みんなの子ども食堂"
    export_hsds(tmp_path / "second", publisher="町田市", licence="CC-BY-4.0")
    assert_same_files(exported, tmp_path / "second")


def test_provenance_comes_from_the_package(exported: Path) -> None:
    import_file(exported / "datapackage.json")
    source = DataSource.objects.get(format="hsds:tabular")
    assert (source.publisher, source.licence) == ("町田市", "CC-BY-4.0")
    import_file(exported / "services.json")  # the descriptor beside it says the same
    source = DataSource.objects.get(format="hsds:json")
    assert (source.publisher, source.licence) == ("町田市", "CC-BY-4.0")
    assert Service.objects.get(id=sid("svc", "line")).source == source


@pytest.mark.parametrize("name", ["services.json", "datapackage.json"])
def test_reimport_changes_nothing(exported: Path, name: str) -> None:
    before = counts()
    import_file(exported / name)  # records now name this file as their source
    result = import_file(exported / name)
    assert {k: n for k, n in result.stats.items() if k[1] != "unchanged"} == {}
    assert counts() == before


def test_json_import_replaces_what_a_service_no_longer_has(exported: Path, tmp_path: Path) -> None:
    services = json.loads((exported / "services.json").read_text(encoding="utf-8"))
    shokudo = next(s for s in services if s["name"] == "みんなの子ども食堂")
    shokudo["schedules"][0]["opens_at"] = "16:30:00"
    del shokudo["cost_options"]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps([shokudo], ensure_ascii=False), encoding="utf-8")
    import_file(path)
    service = Service.objects.get(id=sid("svc", "shokudo"))
    assert service.cost_options.count() == 0
    assert service.schedules.get().opens_at.isoformat() == "16:30:00"


def write_json(tmp_path: Path, services: list[dict[str, Any]]) -> Path:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(services, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("edit", "column", "reason"),
    [
        (lambda s: s["phones"][0].update(id="not-a-uuid"), "phones[0].id", "not-a-uuid"),
        (
            lambda s: s["schedules"][0].update(valid_from="2025-13-01"),
            "schedules[0].valid_from",
            "2025-13-01",
        ),
        (
            lambda s: s["service_at_locations"][0]["location"]["addresses"][0].update(
                location_id="?"
            ),
            "service_at_locations[0].location.addresses[0].location_id",
            "'?'",
        ),
        (lambda s: s.update(minimum_age="young"), "minimum_age", "young"),
    ],
)
def test_bad_json_value_names_element_and_field(
    exported: Path, tmp_path: Path, edit: Any, column: str, reason: str
) -> None:
    services = json.loads((exported / "services.json").read_text(encoding="utf-8"))
    wipe_directory(taxonomy=False)
    target = next(i for i, s in enumerate(services) if s["name"] == "みんなの子ども食堂")
    edit(services[target])
    with pytest.raises(ImportProblem) as caught:
        import_file(write_json(tmp_path, services))
    problem = caught.value
    assert (problem.file, problem.row, problem.column) == ("bad.json", target + 1, column)
    assert reason in problem.reason
    assert counts()["Service"] == 0  # nothing written, not even the elements before it


def test_broken_json_names_the_element(exported: Path, tmp_path: Path) -> None:
    text = (exported / "services.json").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[2] = lines[2][:40]  # the second service is cut short
    path = tmp_path / "cut.json"
    path.write_text("\n".join(lines), encoding="utf-8")
    before = counts()
    with pytest.raises(ImportProblem) as caught:
        import_file(path)
    assert caught.value.row == 2
    assert counts() == before


def official_example() -> dict[str, Any]:
    """The official HSDS 3.0 example service. Its ``attending_type`` (72 characters) is
    longer than our Schedule model keeps (60), so it is shortened here."""
    text = (FIXTURES / "examples" / "service_full.json").read_text(encoding="utf-8")
    long = "You can attend this service in-person or remotely via video conferencing"
    assert text.count(long) == 4
    example: dict[str, Any] = json.loads(text.replace(long, "in-person or video"))
    return example


def test_over_long_value_names_the_field(reference_data: None, tmp_path: Path) -> None:
    example = json.loads((FIXTURES / "examples" / "service_full.json").read_text("utf-8"))
    with pytest.raises(ImportProblem) as caught:
        import_file(write_json(tmp_path, [example]))
    assert str(caught.value.column).endswith("schedules[0].attending_type")
    assert "too long" in caught.value.reason


def test_unknown_reference_is_a_problem(reference_data: None, tmp_path: Path) -> None:
    """The official example points to a parent organization and a parent term it does
    not contain: the import names the missing reference and writes nothing."""
    example = official_example()
    with pytest.raises(ImportProblem) as caught:
        import_file(write_json(tmp_path, [example]))
    assert "does not exist" in caught.value.reason
    assert Service.objects.count() == 0


def test_official_example_imports(reference_data: None, tmp_path: Path) -> None:
    example = official_example()
    del example["organization"]["parent_organization_id"]
    del example["attributes"][0]["taxonomy_term"]["parent_id"]
    import_file(write_json(tmp_path, [example]))
    service = Service.objects.get(id=example["id"])
    assert service.organization is not None
    assert service.organization.name == "Example Organization Inc."
    assert service.service_at_locations.get().location.addresses.count() == 1
    # The example leaves out linking fields; nesting gives them. The same phone is
    # nested under the service, its contact and its service-at-location: one row.
    phone = Phone.objects.get(id="1554f2e2-a373-45db-a3fa-9fc48a61c15e")
    assert phone.service_id == service.id
    assert phone.contact_id is not None
    assert phone.languages.get().code == "ur"
    attribute = Attribute.objects.get(link_id=service.id, inferred=False)
    assert attribute.taxonomy_term.taxonomy is not None


def test_tabular_unknown_column_names_row_1(exported: Path) -> None:
    path = exported / "services.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",source_record_id", ",ふりがな", 1), encoding="utf-8")
    wipe_directory(taxonomy=False)
    with pytest.raises(ImportProblem) as caught:
        import_file(exported / "datapackage.json")
    problem = caught.value
    assert (problem.file, problem.row, problem.column) == ("services.csv", 1, "ふりがな")
    assert counts()["Organization"] == 0  # organizations.csv, read before, is not kept


def test_tabular_bad_date_names_row_and_column(exported: Path) -> None:
    path = exported / "services.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    index = header.index("assured_date")
    cells = lines[2].split(",")
    cells[index] = "2025/02/30"
    lines[2] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = counts()
    with pytest.raises(ImportProblem) as caught:
        import_file(exported)
    problem = caught.value
    assert (problem.file, problem.row, problem.column) == ("services.csv", 3, "assured_date")
    assert counts() == before


def test_tabular_unknown_reference(exported: Path) -> None:
    path = exported / "phones.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(str(sid("contact", "shokudo")), str(sid("nobody"))), "utf-8")
    wipe_directory(taxonomy=False)
    with pytest.raises(ImportProblem) as caught:
        import_file(exported, dry_run=True)
    assert "does not exist" in caught.value.reason
    assert counts()["Phone"] == 0


def test_package_extension_columns_are_skipped(exported: Path) -> None:
    descriptor = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    service = next(r for r in descriptor["resources"] if r["name"] == "service")
    service["schema"]["fields"].append({"name": "uk_extra", "type": "string"})
    (exported / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    lines = (exported / "services.csv").read_text(encoding="utf-8").splitlines()
    lines = [line + (",uk_extra" if i == 0 else ",x") for i, line in enumerate(lines)]
    (exported / "services.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = counts()
    result = import_file(exported)
    assert result.records > 4
    assert counts() == before


def test_other_json_is_not_hsds(tmp_path: Path) -> None:
    yuzawa = OPENDATA / "yuzawa_life_event_soudan_madoguchi_2022.json"
    assert not HsdsJsonFormat().sniff(yuzawa, read_head(yuzawa))
    plain = tmp_path / "list.json"
    plain.write_text('[{"id": 1, "title": "x"}]', encoding="utf-8")
    assert not HsdsJsonFormat().sniff(plain, read_head(plain))


def test_detects_both_hsds_shapes(exported: Path, tmp_path: Path) -> None:
    assert detect_format(exported / "services.json").name == "hsds:json"
    assert detect_format(exported / "datapackage.json").name == "hsds:tabular"
    moved = tmp_path / "elsewhere"
    shutil.copytree(exported, moved)
    assert detect_format(moved).name == "hsds:tabular"
