"""A small but realistic directory for the HSDS export and import tests: two
organizations, four services, a location shared by two services, phones, schedules
(weekday evenings, weekends, 24 hours), attributes from the seeded taxonomy, cost
options, languages, service areas, contacts, metadata, and every Japan-profile field."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from tsunagari.audit.services import Actor
from tsunagari.directory.ids import stable_id, term_id
from tsunagari.directory.services import DirectoryWriter, Graph

MACHIDA = "132098"


def sid(*parts: object) -> uuid.UUID:
    return stable_id("test-sample", *parts)


def _attribute(
    target: uuid.UUID, entity: str, code: str, *, label: str = "", inferred: bool = False
) -> dict[str, Any]:
    return {
        "id": sid("attr", target, code),
        "link_id": target,
        "taxonomy_term_id": term_id(code),
        "link_type": "",
        "link_entity": entity,
        "value": "",
        "label": label,
        "inferred": inferred,
    }


def sample_graph() -> Graph:
    shakyo, npo = sid("org", "shakyo"), sid("org", "npo")
    hall, online = sid("loc", "hall"), sid("loc", "online")
    shokudo, salon, line, parents = (sid("svc", n) for n in ("shokudo", "salon", "line", "parents"))
    program = sid("program", "ibasho")
    contact = sid("contact", "shokudo")
    sal_contact = sid("contact", "salon-hall")
    sal = {name: sid("sal", name) for name in ("shokudo", "salon", "line")}
    modified = dt.datetime(2025, 4, 1, 9, 30, tzinfo=dt.UTC)
    return {
        "organization": [
            {
                "id": shakyo,
                "name": "社会福祉法人町田市社会福祉協議会",
                "name_kana": "シャカイフクシホウジンマチダシシャカイフクシキョウギカイ",
                "description": "地域の福祉を進める団体です。",
                "email": "info@example.jp",
                "website": "https://example.jp/shakyo",
                "year_incorporated": 1966,
                "legal_status": "社会福祉法人",
                "corporate_number": "1012305000001",
                "municipality_code": MACHIDA,
            },
            {
                "id": npo,
                "name": "NPO法人よりそいネット（架空）",
                "name_kana": "ヨリソイネット",
                "description": "",
                "municipality_code": MACHIDA,
            },
        ],
        "organization_identifier": [
            {
                "id": sid("orgid", "shakyo"),
                "organization_id": shakyo,
                "identifier_scheme": "JP-CN",
                "identifier_type": "法人番号",
                "identifier": "1012305000001",
            }
        ],
        "program": [
            {
                "id": program,
                "organization_id": shakyo,
                "name": "地域の居場所づくり",
                "description": "子ども食堂やサロンを支えます。",
            }
        ],
        "funding": [
            {"id": sid("fund", "org"), "organization_id": shakyo, "source": "町田市補助金"},
            {"id": sid("fund", "svc"), "service_id": shokudo, "source": "共同募金"},
        ],
        "service": [
            {
                "id": shokudo,
                "organization_id": shakyo,
                "program_id": program,
                "name": "みんなの子ども食堂",
                "name_kana": "ミンナノコドモショクドウ",
                "description": "だれでも来られる食堂です。宿題もできます。",
                "url": "https://example.jp/shokudo",
                "email": "shokudo@example.jp",
                "status": "active",
                "fees_description": "子ども無料、大人300円",
                "eligibility_description": "どなたでも",
                "minimum_age": 0.0,
                "maximum_age": 18.0,
                "assured_date": dt.date(2025, 3, 31),
                "assurer_email": "check@example.jp",
                "alert": "8月はお休みです。",
                "last_modified": modified,
                "municipality_code": MACHIDA,
                "source_record_id": "132098-0001",
            },
            {
                "id": salon,
                "organization_id": shakyo,
                "name": "ふれあいサロン",
                "status": "active",
                "description": "お茶を飲みながらおしゃべりする場です。",
                "last_modified": modified,
                "municipality_code": MACHIDA,
            },
            {
                "id": line,
                "organization_id": npo,
                "name": "よりそい電話（24時間）",
                "status": "active",
                "description": "いつでも話を聞きます。匿名で大丈夫です。",
                "last_modified": modified,
            },
            {
                "id": parents,
                "organization_id": npo,
                "name": "子育てひろば（休止中）",
                "status": "temporarily closed",
                "last_modified": dt.datetime(2024, 12, 1, 0, 0, 0, 123456, tzinfo=dt.UTC),
            },
        ],
        "location": [
            {
                "id": hall,
                "location_type": "physical",
                "organization_id": shakyo,
                "name": "町田市民フォーラム",
                "name_kana": "マチダシミンフォーラム",
                "transportation": "町田駅から徒歩5分",
                "latitude": 35.5462,
                "longitude": 139.4385,
                "municipality_code": MACHIDA,
            },
            {
                "id": online,
                "location_type": "virtual",
                "url": "https://example.jp/line",
                "organization_id": npo,
                "name": "電話・オンライン",
            },
        ],
        "service_at_location": [
            {"id": sal["shokudo"], "service_id": shokudo, "location_id": hall},
            {"id": sal["salon"], "service_id": salon, "location_id": hall, "description": "3階"},
            {"id": sal["line"], "service_id": line, "location_id": online},
        ],
        "address": [
            {
                "id": sid("addr", "hall"),
                "location_id": hall,
                "address_1": "原町田4-9-8",
                "address_2": "3階",
                "city": "町田市",
                "state_province": "東京都",
                "postal_code": "194-0013",
                "country": "JP",
                "address_type": "physical",
                "machiaza_id": "0001002",
            }
        ],
        "accessibility": [
            {
                "id": sid("acc", "hall"),
                "location_id": hall,
                "description": "車いすで入れます",
                "url": "https://example.jp/access",
            },
        ],
        "contact": [
            {
                "id": contact,
                "service_id": shokudo,
                "name": "山田",
                "title": "代表",
                "email": "yamada@example.jp",
            },
            {"id": sal_contact, "service_at_location_id": sal["salon"], "name": "受付"},
            {"id": sid("contact", "org"), "organization_id": shakyo, "department": "地域福祉課"},
        ],
        "phone": [
            {
                "id": sid("phone", "shokudo"),
                "service_id": shokudo,
                "number": "042-000-0001",
                "type": "voice",
            },
            {
                "id": sid("phone", "contact"),
                "contact_id": contact,
                "number": "090-0000-0002",
                "extension": 12.0,
            },
            {"id": sid("phone", "hall"), "location_id": hall, "number": "042-000-0003"},
            {
                "id": sid("phone", "sal"),
                "service_at_location_id": sal["salon"],
                "number": "042-000-0004",
            },
            {
                "id": sid("phone", "line"),
                "service_id": line,
                "number": "0120-000-005",
                "type": "voice",
                "description": "フリーダイヤル",
            },
            {"id": sid("phone", "org"), "organization_id": shakyo, "number": "042-000-0006"},
        ],
        "language": [
            {"id": sid("lang", "ja"), "service_id": shokudo, "name": "日本語", "code": "ja"},
            {
                "id": sid("lang", "en"),
                "service_id": shokudo,
                "name": "English",
                "code": "en",
                "note": "やさしい日本語も",
            },
            {
                "id": sid("lang", "phone"),
                "phone_id": sid("phone", "line"),
                "name": "日本語",
                "code": "ja",
            },
            {"id": sid("lang", "hall"), "location_id": hall, "name": "日本語", "code": "ja"},
        ],
        "schedule": [
            {
                "id": sid("sched", "shokudo"),
                "service_id": shokudo,
                "freq": "WEEKLY",
                "byday": "MO,WE",
                "opens_at": dt.time(17, 0),
                "closes_at": dt.time(19, 30),
                "description": "月・水 17:00〜19:30",
                "valid_from": dt.date(2025, 4, 1),
            },
            {
                "id": sid("sched", "salon"),
                "service_at_location_id": sal["salon"],
                "freq": "MONTHLY",
                "byday": "2SA",
                "opens_at": dt.time(10, 0),
                "closes_at": dt.time(12, 0),
                "interval": 1,
            },
            {
                "id": sid("sched", "line"),
                "service_id": line,
                "freq": "WEEKLY",
                "byday": "MO,TU,WE,TH,FR,SA,SU",
                "opens_at": dt.time(0, 0),
                "closes_at": dt.time(23, 59),
                "description": "24時間",
                "timezone": 9.0,
            },
            {
                "id": sid("sched", "hall"),
                "location_id": hall,
                "freq": "WEEKLY",
                "byday": "TU,WE,TH,FR,SA,SU",
                "opens_at": dt.time(9, 0),
                "closes_at": dt.time(21, 0),
                "notes": "月曜休館",
            },
        ],
        "service_area": [
            {
                "id": sid("area", "shokudo"),
                "service_id": shokudo,
                "name": "町田市",
                "extent_type": "",
                "uri": "",
            },
            {
                "id": sid("area", "line"),
                "service_id": line,
                "name": "全国",
                "description": "どこからでも電話できます",
            },
        ],
        "cost_option": [
            {
                "id": sid("cost", "adult"),
                "service_id": shokudo,
                "option": "大人",
                "currency": "JPY",
                "amount": 300.0,
                "amount_description": "1食",
            },
            {
                "id": sid("cost", "child"),
                "service_id": shokudo,
                "option": "子ども",
                "currency": "JPY",
                "amount": 0.0,
            },
        ],
        "required_document": [
            {"id": sid("doc", "shokudo"), "service_id": shokudo, "document": "なし（申込不要）"},
        ],
        "attribute": [
            _attribute(shokudo, "service", "type.kodomo_shokudo"),
            _attribute(shokudo, "service", "need.talk", label="居場所"),
            _attribute(shokudo, "service", "need.childcare"),
            _attribute(shokudo, "service", "attr.free", inferred=True),
            _attribute(salon, "service", "type.salon"),
            _attribute(salon, "service", "audience.seniors"),
            _attribute(line, "service", "channel.phone"),
            _attribute(line, "service", "attr.24h", inferred=True),
            _attribute(line, "service", "attr.anonymous"),
            _attribute(hall, "location", "attr.barrier_free"),
            _attribute(sid("phone", "line"), "phone", "attr.out_of_area"),
        ],
        "metadata": [
            {
                "id": sid("meta", "shokudo"),
                "resource_id": shokudo,
                "resource_type": "service",
                "last_action_date": dt.date(2025, 4, 1),
                "last_action_type": "update",
                "field_name": "alert",
                "previous_value": "",
                "replacement_value": "8月はお休みです。",
                "updated_by": "町田市",
            },
        ],
    }


def sample_directory() -> Graph:
    """Store the sample (taxonomy must be seeded); returns the graph."""
    graph = sample_graph()
    writer = DirectoryWriter(actor=Actor(label="test:sample"))
    writer.add(graph, complete=False)
    writer.finish()
    return graph
