"""Downloads: CSV and Excel of each table, the PDF report, the open data and its
metadata, and the population import."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from openpyxl import load_workbook

from tests.staff_world import X, sign_in
from tsunagari.indicators.models import Population
from tsunagari.indicators.population import population_totals


def _csv(response) -> list[list[str]]:
    content = response.content
    assert content.startswith("\ufeff".encode())  # BOM: Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_table_downloads_as_csv(client, world) -> None:
    response = sign_in(client, world.coord_x).get(f"/staff/indicators/{X}/places.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{X}_places.csv"'
    rows = _csv(response)
    assert rows[0] == ["分野", "掲載数（件）", "人口1万人あたり（件）"]
    assert rows[1] == ["すべて", "2", ""]  # no population: the rate is empty
    assert any("人口データがありません" in cell for row in rows for cell in row)


def test_an_unknown_table_is_404(client, world) -> None:
    assert sign_in(client, world.coord_x).get(f"/staff/indicators/{X}/nope.csv").status_code == 404


def test_the_workbook_has_a_sheet_per_table(client, world) -> None:
    response = sign_in(client, world.coord_x).get(f"/staff/indicators/{X}/indicators.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert {"national", "places", "hours", "needs", "freshness", "peers"} <= set(book.sheetnames)
    sheet = book["national"]
    assert sheet["A2"].value == "調査回" and sheet["C6"].value == 4.3


def test_the_public_workbook_leaves_out_staff_tables(world) -> None:
    response = Client().get(f"/indicators/{X}/indicators.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert "needs" not in book.sheetnames and "places" in book.sheetnames


def test_the_report_is_a_pdf(client, world) -> None:
    response = sign_in(client, world.coord_x).get(f"/staff/indicators/{X}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_open_data_lists_published_indicators_of_every_municipality(world) -> None:
    rows = _csv(Client().get("/indicators/opendata/indicators.csv"))
    assert rows[0] == [
        "municipality_code", "municipality", "indicator", "category", "value", "unit", "as_of"
    ]  # fmt: skip
    places = [r for r in rows[1:] if r[2] == "places.listings" and r[3] == "すべて"]
    assert {(r[0], r[4]) for r in places} == {("132098", "2"), ("131016", "1")}
    assert not any(r[2].startswith("needs.") for r in rows[1:])


def test_open_data_metadata_names_definition_unit_licence(world) -> None:
    document = json.loads(Client().get("/indicators/opendata/metadata.json").content)
    assert document["licence"] == "CC BY 4.0"
    assert document["data"].endswith("/indicators/opendata/indicators.csv")
    by_key = {item["key"]: item for item in document["indicators"]}
    share = by_key["hours.share"]
    assert share["unit"] == "%" and share["definition"] and share["period"] and share["updated"]
    metadata = _csv(Client().get("/indicators/opendata/metadata.csv"))
    assert metadata[0][:4] == ["key", "title", "definition", "unit"]
    assert {row[0] for row in metadata[1:]} == set(by_key)


@pytest.mark.django_db
def test_population_imports_and_replaces(reference_data, tmp_path) -> None:
    path = tmp_path / "pop.csv"
    path.write_text(
        "全国地方公共団体コード,地域名,年齢,男,女,調査年月日\n"
        "132098,森野,0-4,100,90,2025/01/01\n"
        "132098,森野,5-9,110,120,2025/01/01\n",
        encoding="utf-8-sig",
    )
    call_command("import_population", str(path), stdout=io.StringIO())
    assert Population.objects.count() == 4
    assert population_totals() == {"132098": 420}
    call_command("import_population", str(path), stdout=io.StringIO())
    assert population_totals() == {"132098": 420}  # replaced, not added
    from tsunagari.audit.models import AuditEvent

    events = AuditEvent.objects.filter(action="indicators.import")
    assert [e.new_values["cells"] for e in events] == [4, 4]  # each load is recorded


@pytest.mark.django_db
def test_a_bad_population_row_changes_nothing(reference_data, tmp_path) -> None:
    path = tmp_path / "pop.csv"
    path.write_text(
        "code,count,as_of\n132098,100,2025-01-01\n132098,-5,2025-01-01\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="3行目 count"):
        call_command("import_population", str(path), stdout=io.StringIO())
    assert not Population.objects.exists()
