"""Inferred meaning: terms derived from names, descriptions, schedules, phones, places."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from tsunagari.audit.models import AuditAction, AuditEvent
from tsunagari.audit.services import Actor
from tsunagari.directory.ids import term_id
from tsunagari.directory.importers import import_file
from tsunagari.directory.inference import LABEL_PREFIX, infer_services, inferred_id
from tsunagari.directory.inference.rules import (
    RULES_CSV,
    Matcher,
    RulesError,
    rules_read,
)
from tsunagari.directory.inference.text import fold
from tsunagari.directory.models import Attribute, Service
from tsunagari.directory.reference import taxonomy_rows
from tsunagari.directory.services import DirectoryWriter

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
OPENDATA = ROOT / "src" / "tsunagari" / "directory" / "data" / "opendata"
PLAIN_HSDS = ROOT / "tests" / "fixtures" / "hsds-plain" / "services.json"


def codes(service: Service, *, inferred: bool | None = None) -> set[str]:
    rows = Attribute.objects.filter(link_entity="service", link_id=service.id)
    if inferred is not None:
        rows = rows.filter(inferred=inferred)
    return set(rows.values_list("taxonomy_term__code", flat=True))


def one_row_per_term() -> bool:
    pairs = Attribute.objects.filter(link_entity="service").values_list(
        "link_id", "taxonomy_term_id"
    )
    return max(Counter(pairs).values(), default=1) == 1


def write_service(sid, name, description="", *, terms=(), schedules=(), phone=""):
    writer = DirectoryWriter(actor=Actor(label="test"))
    graph = {
        "service": [{"id": sid, "name": name, "description": description, "status": "active"}],
        "attribute": [
            {
                "id": uuid.uuid5(sid, f"attribute {i}"),
                "link_id": sid,
                "taxonomy_term_id": term_id(code),
                "link_entity": "service",
                "label": "stated",
                "inferred": False,
            }
            for i, code in enumerate(terms)
        ],
        "schedule": [
            {"id": uuid.uuid5(sid, f"schedule {i}"), "service_id": sid, **s}
            for i, s in enumerate(schedules)
        ],
        "phone": (
            [{"id": uuid.uuid5(sid, "phone"), "service_id": sid, "number": phone}] if phone else []
        ),
    }
    writer.add({k: v for k, v in graph.items() if v})
    writer.finish()
    return Service.objects.get(id=sid)


# -- the rules file ------------------------------------------------------------------------


def test_every_rule_gives_terms_of_the_shipped_taxonomy():
    known = {row["code"] for row in taxonomy_rows()}
    rules = rules_read()
    assert len(rules) > 60
    for rule in rules:
        assert set(rule.terms) <= known, rule.id


def test_a_broken_rules_file_names_line_and_column(tmp_path):
    text = RULES_CSV.read_text(encoding="utf-8")
    broken = tmp_path / "rules.csv"
    broken.write_text(text.replace("kodomo_shokudo,text,", "kodomo_shokudo,body,", 1))
    with pytest.raises(RulesError, match=r"line \d+, column look_at"):
        rules_read(broken)


# -- matching -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(rules_read())


def infer(matcher, name, text="", facts=()):
    return matcher.terms(name=fold(name), text=fold(f"{name}\n{text}"), facts=facts)


def test_width_and_kana_do_not_matter(matcher):
    for name in ("ふれあいサロン", "ふれあいｻﾛﾝ", "ふれあいさろん"):
        assert {"type.salon", "type.ibasho", "attr.no_signboard"} <= set(infer(matcher, name))


def test_a_beauty_salon_is_not_a_place_to_be(matcher):
    assert "type.ibasho" not in infer(matcher, "ヘアサロン ミカ", "カットとカラー")


def test_line_means_the_app_not_online_or_a_hotline(matcher):
    assert "channel.sns" in infer(matcher, "ＬＩＮＥ相談")
    assert "channel.sns" not in infer(matcher, "オンライン講座", "online hotline")
    assert "channel.sns" not in infer(matcher, "子育てホットライン")


def test_a_consultation_window_is_not_a_place_without_a_signboard(matcher):
    terms = infer(matcher, "ひきこもり相談窓口", "居場所の紹介もします")
    assert "need.hikikomori" in terms
    assert "attr.no_signboard" not in terms


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("子ども食堂 ひまわり", "", {"type.kodomo_shokudo", "type.ibasho", "need.childcare"}),
        ("子ども食堂 ひまわり", "", {"audience.children"}),
        ("東地区地域包括支援センター", "", {"type.chiiki_houkatsu", "need.elderly"}),
        ("SNS相談", "LINEとチャットで相談できます", {"channel.sns", "channel.chat"}),
        ("こころの電話", "匿名で、無料。予約不要です", {"attr.anonymous", "attr.free"}),
        ("こころの電話", "予約不要です", {"attr.no_booking", "need.mental"}),
        ("国際交流の相談", "English, 中国語で相談できます", {"attr.multilingual"}),
        ("よりそい電話", "全国どこからでもかけられます", {"attr.out_of_area"}),
        ("いのちの相談", "自殺を考えるほどつらいとき", {"need.crisis"}),
        ("女性のための相談", "DVや性暴力の被害", {"need.violence", "audience.women"}),
        ("ひきこもり家族会", "", {"need.hikikomori", "audience.family"}),
        ("まちカフェ", "", {"type.ibasho", "attr.no_signboard"}),
    ],
)
def test_words_give_their_terms(matcher, name, text, expected):
    assert expected <= set(infer(matcher, name, text))


# -- stored rows ----------------------------------------------------------------------------


def test_hours_and_phone_give_channels_and_times(reference_data):
    every_day = {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR,SA,SU"}
    line = write_service(
        uuid.uuid4(),
        "だれでも電話",
        schedules=[{**every_day, "opens_at": dt.time(0), "closes_at": dt.time(23, 59)}],
        phone="0120-000-000",
    )
    assert {"attr.24h", "attr.evening", "attr.holiday", "channel.phone", "attr.free"} <= codes(line)
    weekday = write_service(
        uuid.uuid4(),
        "平日の窓口",
        schedules=[
            {"freq": "WEEKLY", "byday": "MO,TU", "opens_at": dt.time(9), "closes_at": dt.time(17)}
        ],
    )
    assert not {"attr.24h", "attr.evening", "attr.holiday", "channel.phone"} & codes(weekday)
    evening = write_service(
        uuid.uuid4(),
        "夕方の会",
        schedules=[
            {
                "freq": "WEEKLY",
                "byday": "2SA",
                "opens_at": dt.time(17),
                "closes_at": dt.time(19, 30),
            }
        ],
    )
    assert {"attr.evening", "attr.holiday"} <= codes(evening)
    assert "attr.24h" not in codes(evening)


def test_rows_are_labelled_with_their_rule_and_marked_inferred(reference_data):
    service = write_service(uuid.uuid4(), "子ども食堂 ひまわり")
    rows = Attribute.objects.filter(link_id=service.id, taxonomy_term__code="type.ibasho")
    (row,) = rows
    assert row.inferred
    assert row.label == f"{LABEL_PREFIX}kodomo_shokudo"
    # The same id in every database, so an export and re-import keeps the row.
    assert row.id == inferred_id(service.id, "type.ibasho")


def test_a_term_the_source_gave_is_kept_and_not_repeated(reference_data):
    sid = uuid.uuid4()
    service = write_service(sid, "子ども食堂 ひまわり", terms=["type.ibasho"])
    row = Attribute.objects.get(link_id=service.id, taxonomy_term__code="type.ibasho")
    assert (row.inferred, row.label) == (False, "stated")
    assert one_row_per_term()
    # A term inferred first and stated later: the stated row replaces the inferred one.
    other = write_service(uuid.uuid4(), "まちカフェ")
    assert "type.ibasho" in codes(other, inferred=True)
    write_service(other.id, "まちカフェ", terms=["type.ibasho"])
    assert "type.ibasho" in codes(other, inferred=False)
    assert "type.ibasho" not in codes(other, inferred=True)
    assert one_row_per_term()


def test_a_rule_that_no_longer_applies_loses_its_row(reference_data):
    sid = uuid.uuid4()
    write_service(sid, "まちカフェ", "LINEでも予約できます")
    assert "channel.sns" in codes(Service.objects.get(id=sid))
    write_service(sid, "まちカフェ", "電話で予約できます")
    assert "channel.sns" not in codes(Service.objects.get(id=sid))


def test_running_again_changes_nothing_and_inference_is_not_audited(reference_data):
    service = write_service(uuid.uuid4(), "ふれあいサロン", "予約不要、どなたでも")
    before = AuditEvent.objects.count()
    rows = set(Attribute.objects.filter(link_id=service.id).values_list("id", "label"))
    stats = infer_services([service.id])
    assert (stats.created, stats.updated, stats.deleted) == (0, 0, 0)
    Attribute.objects.filter(link_id=service.id, inferred=True).delete()
    infer_services([service.id])
    assert set(Attribute.objects.filter(link_id=service.id).values_list("id", "label")) == rows
    assert AuditEvent.objects.count() == before


# -- real files and a plain HSDS file -------------------------------------------------------


def test_real_open_data_keeps_importer_terms_and_gains_inferred_ones(reference_data):
    import_file(OPENDATA / "132098_machida_kodomo_shokudo.csv")
    import_file(OPENDATA / "352071_kudamatsu_care_service_subset35.csv")
    import_file(OPENDATA / "yuzawa_life_event_soudan_madoguchi_2022.json")
    assert one_row_per_term()
    shokudo = Service.objects.get(name="みんなでごはん")
    assert {"type.kodomo_shokudo", "need.childcare"} <= codes(shokudo)
    # 16:00–20:00 on Fridays, a phone and coordinates: inferred.
    assert {"attr.evening", "channel.phone", "channel.in_person"} <= codes(shokudo, inferred=True)
    houkatsu = Service.objects.filter(name__contains="地域包括支援センター").first()
    assert houkatsu is not None
    assert "need.elderly" in codes(houkatsu)
    labels = set(Attribute.objects.filter(inferred=True).values_list("label", flat=True))
    assert any(label.startswith(LABEL_PREFIX) for label in labels)


def test_reimporting_a_file_records_no_change(reference_data):
    path = OPENDATA / "132098_machida_kodomo_shokudo.csv"
    import_file(path)
    rows = set(Attribute.objects.values_list("id", "label"))
    deletes = AuditEvent.objects.filter(action=AuditAction.DELETE).count()
    import_file(path)
    assert set(Attribute.objects.values_list("id", "label")) == rows
    assert AuditEvent.objects.filter(action=AuditAction.DELETE).count() == deletes


def test_a_plain_hsds_file_gets_meaning(reference_data):
    """Names, descriptions, schedules and phones only: still findable by meaning."""
    import_file(PLAIN_HSDS)
    assert Attribute.objects.filter(inferred=False).count() == 0

    def named(name):
        return codes(Service.objects.get(name=name))

    assert {"type.ibasho", "attr.no_signboard", "attr.no_booking", "need.talk"} <= named(
        "ふれあいいきいきサロン 東町"
    )
    assert {"type.kodomo_shokudo", "audience.children", "attr.evening"} <= named(
        "こども食堂 ひだまり"
    )
    assert {"type.chiiki_houkatsu", "need.elderly"} <= named("下松市地域包括支援センター（架空）")
    assert {"attr.24h", "attr.free", "channel.phone"} <= named("24時間子どもSOS電話（架空）")
    assert {"channel.sns", "attr.anonymous", "attr.out_of_area"} <= named(
        "SNS相談 つながるLINE（架空）"
    )
    assert "channel.phone" not in named("SNS相談 つながるLINE（架空）")
    assert {"need.mental", "attr.evening", "attr.anonymous"} <= named("夜間こころの電話（架空）")


def test_the_infer_command_recomputes_everything(reference_data, capsys):
    import_file(PLAIN_HSDS)
    Attribute.objects.filter(inferred=True).delete()
    call_command("infer")
    assert "サービス 14 件" in capsys.readouterr().out
    assert Attribute.objects.filter(inferred=True).count() > 14
