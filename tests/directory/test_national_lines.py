import csv
import datetime as dt

import pytest

from tsunagari.audit.models import AuditEvent
from tsunagari.directory.hours import ALL_DAYS, WEEKDAYS, parse_hours
from tsunagari.directory.models import Attribute, DataSource, Organization, Service
from tsunagari.directory.national_lines import NATIONAL_LINES_CSV, national_lines_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def csv_rows() -> list[dict[str, str]]:
    with NATIONAL_LINES_CSV.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _codes(service: Service) -> set[str]:
    return set(
        Attribute.objects.filter(link_id=service.id, link_entity="service").values_list(
            "taxonomy_term__code", flat=True
        )
    )


def test_each_line_is_one_service_with_its_number_or_url(reference_data, csv_rows):
    assert national_lines_load() == len(csv_rows)
    source = DataSource.objects.get(key="national_lines")
    assert Service.objects.filter(source=source).count() == len(csv_rows)
    for row in csv_rows:
        service = Service.objects.get(name=row["name"], source=source)
        assert service.organization.name == row["operator"]
        assert service.eligibility_description == row["target"]
        if row["contact"].startswith("https://"):
            assert service.url == row["contact"]
        else:
            assert row["contact"] in {p.number for p in service.phones.all()}
        assert "全国" in {a.name for a in service.service_areas.all()}
        assert "attr.out_of_area" in _codes(service)


def test_short_numbers_are_kept_as_written(reference_data):
    national_lines_load()
    numbers = set(
        Service.objects.filter(source__key="national_lines").values_list(
            "phones__number", flat=True
        )
    )
    assert {"0120-279-338", "#8008", "189", "188"} <= numbers


def test_crisis_lines_carry_need_crisis(reference_data, csv_rows):
    national_lines_load()
    for row in csv_rows:
        service = Service.objects.get(name=row["name"], source__key="national_lines")
        assert ("need.crisis" in _codes(service)) == (row["crisis"] == "yes"), row["name"]


def test_the_year_hours_were_seen_is_visible(reference_data):
    national_lines_load()
    service = Service.objects.get(name="#いのちSOS")
    assert "2022年" in service.alert
    assert "2022年" in service.source_record_id
    schedules = list(service.schedules.all())
    assert schedules
    for schedule in schedules:
        assert schedule.description == "月・木・金 24時間、火・水・土・日 6:00-24:00"
        assert "受付時間は2022年に確認した情報です" in schedule.notes


def test_simple_hours_become_weekly_schedules(reference_data):
    national_lines_load()
    yorisoi = Service.objects.get(name="よりそいホットライン").schedules.get()
    assert yorisoi.byday == ",".join(ALL_DAYS)
    assert (yorisoi.opens_at, yorisoi.closes_at) == (dt.time(0, 0), dt.time(23, 59))
    weekday = Service.objects.get(name="子どもの人権110番").schedules.get()
    assert weekday.byday == ",".join(WEEKDAYS)
    assert (weekday.opens_at, weekday.closes_at) == (dt.time(8, 30), dt.time(17, 15))
    # Not a simple pattern: only the original text, no invented times.
    unclear = Service.objects.get(name="こころの健康相談統一ダイヤル").schedules.get()
    assert unclear.description == "都道府県・政令市により異なる"
    assert unclear.opens_at is None


def test_features_from_the_csv(reference_data):
    national_lines_load()
    assert "attr.24h" in _codes(Service.objects.get(name="よりそいホットライン"))
    assert "attr.24h" not in _codes(Service.objects.get(name="子どもの人権110番"))
    assert "attr.free" in _codes(Service.objects.get(name="チャイルドライン"))
    assert "attr.free" not in _codes(Service.objects.get(name="DV相談ナビ"))
    assert {"channel.chat", "attr.anonymous"} <= _codes(
        Service.objects.get(name="あなたのいばしょ チャット相談")
    )
    assert {"channel.phone", "channel.email", "channel.chat", "need.violence"} <= _codes(
        Service.objects.get(name="DV相談＋")
    )
    assert "audience.children" in _codes(Service.objects.get(name="チャイルドライン"))
    assert "need.legal" in _codes(Service.objects.get(name="消費者ホットライン"))


def test_rerunning_updates_instead_of_duplicating(reference_data, csv_rows):
    national_lines_load()
    counts = (Service.objects.count(), Organization.objects.count(), Attribute.objects.count())
    events = AuditEvent.objects.count()
    national_lines_load()
    assert (
        Service.objects.count(),
        Organization.objects.count(),
        Attribute.objects.count(),
    ) == counts
    assert AuditEvent.objects.count() == events
    operators = {row["operator"] for row in csv_rows}
    assert Organization.objects.filter(name__in=operators).count() == len(operators)


def test_a_changed_line_is_updated_and_audited(reference_data, tmp_path):
    national_lines_load()
    text = NATIONAL_LINES_CSV.read_text(encoding="utf-8").replace(
        "平日 8:30-17:15", "平日 9:00-17:00"
    )
    changed = tmp_path / "national_lines.csv"
    changed.write_text(text, encoding="utf-8")
    before = AuditEvent.objects.count()
    national_lines_load(changed)
    schedule = Service.objects.get(name="子どもの人権110番").schedules.get()
    assert schedule.opens_at == dt.time(9, 0)
    assert AuditEvent.objects.count() > before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("24時間365日", [(ALL_DAYS, "00:00", "23:59")]),
        ("毎日 10:00-22:00", [(ALL_DAYS, "10:00", "22:00")]),
        ("平日 8:30-17:15", [(WEEKDAYS, "08:30", "17:15")]),
        ("毎日 16:00-21:00（12/29-1/3 休み）", [(ALL_DAYS, "16:00", "21:00")]),
        (
            "月・木・金 24時間、火・水・土・日 6:00-24:00",
            [(("MO", "TH", "FR"), "00:00", "23:59"), (("TU", "WE", "SA", "SU"), "06:00", "23:59")],
        ),
        ("毎日 16:00-21:00、毎月10日 8:00-翌8:00", None),
        ("都道府県・政令市により異なる", None),
        ("毎日 22:00-10:00", None),
    ],
)
def test_parse_hours(text, expected):
    slots = parse_hours(text)
    if expected is None:
        assert slots is None
    else:
        assert [
            (s.days, s.opens.strftime("%H:%M"), s.closes.strftime("%H:%M")) for s in slots
        ] == expected
