import datetime as dt
import shutil

import pytest

from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.directory import models as m
from tsunagari.directory.importers import detect_format, import_file

from .conftest import (
    FIXTURES,
    KUDAMATSU_CARE,
    KUDAMATSU_PRESCHOOL,
    MACHIDA,
    OPENDATA,
    YUZAWA,
    counts,
    terms_of,
)

pytestmark = pytest.mark.usefixtures("directory")

REAL_FILES = [
    (MACHIDA, "kodomo_shokudo", 19),
    (KUDAMATSU_CARE, "standard:kaigo", 35),
    (KUDAMATSU_PRESCHOOL, "standard:kosodate", 16),
    (YUZAWA, "yuzawa:life_event_soudan", 19),
]


def test_every_shipped_open_data_file_is_covered_here():
    shipped = {p.name for p in OPENDATA.iterdir() if p.suffix in {".csv", ".json"}}
    assert shipped == {path.name for path, _, _ in REAL_FILES}


@pytest.mark.parametrize(("path", "fmt", "services"), REAL_FILES, ids=lambda v: str(v)[-30:])
def test_real_files_import_with_the_right_number_of_services(path, fmt, services):
    result = import_file(path)
    assert result.format == fmt
    assert result.count("service", "created") == services
    assert m.Service.objects.filter(source__file_name=path.name).count() == services


def _snapshot() -> list[tuple]:
    return sorted(
        m.Service.objects.values_list(
            "id", "name", "name_kana", "description", "municipality_id", "source_record_id"
        )
    ) + sorted(m.Schedule.objects.values_list("id", "byday", "opens_at", "closes_at"))


@pytest.mark.parametrize("encoding", ["cp932", "utf-8-sig"])
@pytest.mark.parametrize(
    "path", [MACHIDA, KUDAMATSU_CARE, KUDAMATSU_PRESCHOOL], ids=lambda p: p.stem
)
def test_cp932_and_bom_variants_import_identically(tmp_path, path, encoding):
    import_file(path)
    expected, before = _snapshot(), counts()
    variant = tmp_path / path.name
    variant.write_bytes(path.read_text(encoding="utf-8-sig").encode(encoding))
    result = import_file(variant)
    assert result.count("service", "unchanged") == result.records
    assert _snapshot() == expected
    assert counts()["services"] == before["services"]


def test_reimporting_a_file_creates_nothing_new():
    import_file(MACHIDA)
    before = counts()
    result = import_file(MACHIDA)
    after = counts()
    assert result.count("service", "created") == 0
    assert result.count("service", "unchanged") == 19
    # Only the import run itself is recorded again; no record changed.
    assert after == {**before, "audit_events": before["audit_events"] + 1}


def test_a_changed_row_updates_the_service_and_is_audited(tmp_path):
    import_file(MACHIDA)
    changed = tmp_path / MACHIDA.name
    text = MACHIDA.read_text(encoding="utf-8-sig")
    changed.write_text(
        text.replace("にこにこ清風食堂", "にこにこ清風食堂二号店", 1), encoding="utf-8"
    )
    before = counts()
    result = import_file(changed)
    assert result.count("service", "updated") == 1
    assert counts()["services"] == before["services"]
    service = m.Service.objects.get(name="にこにこ清風食堂二号店")
    event = AuditEvent.objects.get(
        action=AuditAction.UPDATE, object_type="service", object_id=str(service.id)
    )
    assert event.old_values == {"name": "にこにこ清風食堂"}
    assert event.new_values == {"name": "にこにこ清風食堂二号店"}


def test_kodomo_shokudo_has_place_childcare_and_meal_terms():
    import_file(MACHIDA)
    service = m.Service.objects.get(name="にこにこ清風食堂")
    assert {
        "type.kodomo_shokudo",
        "type.ibasho",
        "need.childcare",
        "type.meal",
        "need.talk",
        "audience.children",
    } <= terms_of(service)


def test_machida_row_1_meets_on_thursday_evening():
    import_file(MACHIDA)
    service = m.Service.objects.get(source_record_id="1", source__file_name=MACHIDA.name)
    schedule = service.schedules.get()
    assert schedule.byday == "TH"
    assert (schedule.opens_at, schedule.closes_at) == (dt.time(17, 30), dt.time(18, 30))
    assert "月1回" in schedule.description


def test_machida_row_carries_organization_phone_fees_and_address():
    import_file(MACHIDA)
    service = m.Service.objects.get(source_record_id="1", source__file_name=MACHIDA.name)
    assert service.name_kana == "ニコニコセイフウショクドウ"
    assert service.organization.corporate_number == "7010605000627"
    assert service.organization.name == "社会福祉法人賛育会"
    assert [p.number for p in service.phones.all()] == ["042-735-3000"]
    assert sorted(c.amount for c in service.cost_options.all()) == [200.0] * 5
    location = service.service_at_locations.get().location
    assert (location.latitude, location.longitude) == (35.57641, 139.46245)
    address = location.addresses.get()
    assert (address.state_province, address.city, address.address_1, address.address_2) == (
        "東京都",
        "町田市",
        "金井6-15-1",
        "金井中学校",
    )


def test_monthly_meeting_on_the_fourth_wednesday():
    import_file(MACHIDA)
    service = m.Service.objects.get(source_record_id="5", source__file_name=MACHIDA.name)
    schedule = service.schedules.get()
    assert (schedule.freq, schedule.byday) == ("MONTHLY", "4WE")


def test_the_same_organization_is_one_record():
    import_file(MACHIDA)
    assert m.Organization.objects.filter(corporate_number="7010605000627").count() == 1


def test_care_services_are_elderly_care_and_consultation_where_care_managers_work():
    import_file(KUDAMATSU_CARE)
    service = m.Service.objects.get(source_record_id="KD0000900001")
    assert {"need.elderly", "type.care_service", "audience.seniors"} <= terms_of(service)
    assert "type.consultation" in terms_of(service)  # 居宅介護支援事業所
    address = service.service_at_locations.get().location.addresses.get()
    assert (address.state_province, address.city, address.address_1) == (
        "山口県",
        "下松市",
        "瑞穂町221-1",
    )


def test_preschool_opening_hours():
    import_file(KUDAMATSU_PRESCHOOL)
    service = m.Service.objects.get(source_record_id="KD0000500001")
    schedule = service.schedules.get()
    assert schedule.byday == "MO,TU,WE,TH,FR,SA"
    assert (schedule.opens_at, schedule.closes_at) == (dt.time(7, 30), dt.time(19, 0))
    assert "土曜は18時30分まで" in schedule.description
    assert service.service_at_locations.get().location.addresses.get().postal_code == "744-0074"
    assert {"need.childcare", "type.childcare_facility", "audience.parents"} <= terms_of(service)


def test_yuzawa_consultations():
    result = import_file(YUZAWA)
    assert result.records == 19
    service = m.Service.objects.get(name="あきた結婚支援センター南センター")
    assert service.municipality_id == "052078"
    assert [p.number for p in service.phones.all()] == ["0800-800-0413"]
    schedules = sorted((s.byday, s.opens_at, s.closes_at) for s in service.schedules.all())
    assert schedules == [
        ("MO,TU,WE,TH,FR", dt.time(13), dt.time(21)),
        ("SA,SU", dt.time(9), dt.time(18)),
    ]
    assert all(
        "月～金" in s.description or "月~金" in s.description for s in service.schedules.all()
    )
    childcare = m.Service.objects.get(name="湯沢市子育て支援総合センター")
    assert {"need.childcare", "type.consultation"} <= terms_of(childcare)
    assert m.DataSource.objects.get(file_name=YUZAWA.name).publisher == "湯沢市"


def test_yuzawa_municipality_can_be_overridden():
    other = m.Municipality.objects.get(code="052035")  # 横手市
    import_file(YUZAWA, municipality=other)
    assert set(m.Service.objects.values_list("municipality_id", flat=True)) == {"052035"}


def test_provenance_names_the_publisher_and_licence():
    import_file(MACHIDA)
    source = m.DataSource.objects.get(file_name=MACHIDA.name)
    assert (source.publisher, source.licence, source.record_count) == ("町田市", "CC BY 4.0", 19)
    assert m.Service.objects.filter(source=source).count() == 19


# -- other real files and both header generations ------------------------------------------


def test_public_facilities_current_generation():
    path = FIXTURES / "131199_itabashi_public_facility_subset.csv"
    result = import_file(path)
    assert (result.format, result.records) == ("standard:kokyo", 7)
    office = m.Service.objects.get(name="板橋区役所")
    assert "type.public_facility" in terms_of(office)
    address = office.service_at_locations.get().location.addresses.get()
    assert (address.city, address.address_1, address.postal_code) == (
        "板橋区",
        "板橋2丁目66-1",
        "173-8501",
    )
    assert [p.number for p in office.phones.all()] == ["03-3964-1111"]
    # A facility the ward runs in another prefecture: the service is the ward's, the
    # place is where the address says (the file shifted the code into 町字ID).
    lodge = m.Service.objects.get(name="少年自然の家八ケ岳荘")
    assert lodge.municipality_id == "131199"
    location = lodge.service_at_locations.get().location
    assert location.municipality_id == "203629"
    address = location.addresses.get()
    assert (address.state_province, address.city, address.machiaza_id) == (
        "長野県",
        "諏訪郡富士見町",
        "",
    )
    assert "need.volunteer" not in terms_of(
        m.Service.objects.get(name="いたばし総合ボランティアセンター")
    )
    assert "type.volunteer" in terms_of(
        m.Service.objects.get(name="いたばし総合ボランティアセンター")
    )


def test_medical_institutions_older_generation_hokkaido():
    path = FIXTURES / "010006_hokkaido_medical_older_subset.csv"
    result = import_file(path)
    assert (result.format, result.records) == ("standard:iryo", 3)
    hospital = m.Service.objects.get(name="市立旭川病院")
    assert hospital.source_record_id == "287"
    assert {"type.medical", "need.mental"} <= terms_of(hospital)  # 精 in 診療科目
    address = hospital.service_at_locations.get().location.addresses.get()
    assert (address.state_province, address.city, address.address_1) == (
        "北海道",
        "旭川市",
        "金星町1丁目1番65号",
    )
    sapporo = m.Service.objects.get(name="市立札幌病院")
    assert sapporo.service_at_locations.get().location.addresses.get().city == "札幌市中央区"
    assert m.Service.objects.get(name="JA北海道厚生連 旭川厚生病院")  # full width folded


def test_medical_institutions_current_generation():
    path = FIXTURES / "132098_synthetic_medical_institution_current.csv"
    result = import_file(path)
    assert (result.format, result.records) == ("standard:iryo", 2)
    clinic = m.Service.objects.get(source_record_id="M0001")
    assert {"type.medical", "need.mental"} <= terms_of(clinic)
    assert "need.mental" not in terms_of(m.Service.objects.get(source_record_id="M0002"))
    schedule = clinic.schedules.get()
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == (
        "MO,TU,WE,TH,FR",
        dt.time(9),
        dt.time(18),
    )
    assert clinic.organization.name == "医療法人社団(架空)つながり会"


def test_care_services_older_generation_with_messy_cells():
    path = FIXTURES / "352071_kudamatsu_care_service_older_generation.csv"
    result = import_file(path)
    assert (result.format, result.records) == ("standard:kaigo", 3)  # padding row skipped
    assert set(m.Service.objects.values_list("municipality_id", flat=True)) == {"352071"}
    first = m.Service.objects.get(source_record_id="1")
    assert first.name_kana == "サクラエンシテイキョタクカイゴシエンジギョウショ"
    assert [p.number for p in first.phones.all()] == ["0833-43-8123"]
    assert first.schedules.get().byday == "MO,TU,WE,TH,FR"
    second = m.Service.objects.get(source_record_id="2")
    assert second.name_kana == "シテイキョタクカイゴシエンジギョウショゲンキ"
    third = m.Service.objects.get(source_record_id="3")
    assert third.schedules.get().byday == "MO,WE,FR"
    assert "詳しくはお問い合わせください" in third.description  # multi-line quoted cell
    assert "attr.outreach" in terms_of(third)  # 訪問介護 after the ； separator


def test_kodomo_layout_older_generation_in_cp932_with_padding_rows():
    path = FIXTURES / "472115_okinawa_kodomo_ibasho_older_cp932.csv"
    result = import_file(path)
    assert (result.format, result.records) == ("kodomo_shokudo", 3)
    place = m.Service.objects.get(name="ここキッズ")
    assert place.municipality_id == "472115"
    assert place.source_record_id == "0000000004"
    schedule = place.schedules.get()
    assert (schedule.freq, schedule.byday) == ("WEEKLY", "MO,FR")
    assert {"type.ibasho", "need.childcare", "need.school"} <= terms_of(place)
    assert "type.meal" in terms_of(m.Service.objects.get(name="こどな部"))  # 夕食提供


def test_formats_are_detected_by_header_not_by_file_name(tmp_path):
    renamed = tmp_path / "data.csv"
    shutil.copy(KUDAMATSU_PRESCHOOL, renamed)
    assert detect_format(renamed).name == "standard:kosodate"


def test_column_order_and_unknown_trailing_columns_do_not_matter(tmp_path):
    import csv

    rows = list(csv.reader(KUDAMATSU_CARE.read_text(encoding="utf-8").splitlines()))
    reordered = tmp_path / KUDAMATSU_CARE.name  # same name: the same data source
    with reordered.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        for row in rows:
            extra = "独自の列" if row is rows[0] else "x"
            writer.writerow([*reversed(row), extra])
    import_file(KUDAMATSU_CARE)
    before = _snapshot()
    result = import_file(reordered)
    assert result.count("service", "unchanged") == 35
    assert _snapshot() == before
