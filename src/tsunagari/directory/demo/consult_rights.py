"""Consultation windows, part 5: legal and consumer trouble, addiction, LGBTQ."""

from __future__ import annotations

from .consult import window
from .town import Spec, Town, hours


def consult_rights(town: Town) -> None:
    _legal_addiction_lgbtq(town)


def _legal_addiction_lgbtq(town: Town) -> None:
    window(
        town,
        "houritsu",
        "市民法律相談（弁護士）",
        "シミンホウリツソウダン",
        "bengoshi",
        "city_hall",
        "お金の貸し借り、相続、離婚、近所のトラブルなどを弁護士に相談できます（30分・予約制）。",
        ("need.legal", "audience.adults", "attr.free"),
        (hours("火", "13:00", "16:00", nth=1), hours("火", "13:00", "16:00", nth=3)),
        application="1週間前から電話で予約してください。",
    )
    window(
        town,
        "shohi",
        "消費生活相談",
        "ショウヒセイカツソウダン",
        "city_shohi",
        "city_hall",
        "契約トラブル、悪質な訪問販売、ネット通販の被害などの相談を受けます。",
        ("need.legal", "audience.everyone", "audience.seniors", "attr.free", "attr.no_booking"),
    )
    window(
        town,
        "saimu",
        "借金・多重債務の相談",
        "シャッキン・タジュウサイムノソウダン",
        "bengoshi",
        "fukushi_center",
        "借金の返済に困ったときの相談です。解決の方法は必ずあります（予約制）。",
        ("need.legal", "need.money", "audience.adults", "attr.free"),
        (hours("木", "13:00", "16:00", nth=2),),
    )
    window(
        town,
        "kouken",
        "成年後見センター",
        "セイネンコウケンセンター",
        "shakyo",
        "fukushi_center",
        "判断に不安がある方のお金の管理や契約を支える成年後見制度の相談窓口です。",
        ("need.legal", "need.elderly", "need.disability", "audience.family", "attr.free"),
    )
    for key, name, kana, text, extra, when, org in (
        (
            "danshu",
            "断酒会",
            "ダンシュカイ",
            "お酒をやめたい人と家族が、体験を語り合う会です。",
            ("audience.adults", "audience.family"),
            hours("金", "19:00", "21:00"),
            "npo_hidamari",
        ),
        (
            "gamble_kazoku",
            "ギャンブルの問題に悩む家族の会",
            "ギャンブルノモンダイニナヤムカゾクノカイ",
            "家族のギャンブルや借金に悩む方どうしが話す会です。名前は言わなくてかまいません。",
            ("audience.family", "attr.anonymous"),
            hours("日", "14:00", "16:00", nth=3),
            "npo_hidamari",
        ),
        (
            "izon_hokenjo",
            "依存症相談（保健所）",
            "イゾンショウソウダン",
            "アルコール・薬物・ギャンブルなどの依存の相談に、専門の職員が応じます（予約制）。",
            ("type.consultation", "channel.phone", "audience.everyone", "attr.anonymous"),
            hours("平日", "9:00", "16:00"),
            "pref_hoken",
        ),
    ):
        town.add(
            Spec(
                key=key,
                name=name,
                kana=kana,
                org=org,
                place="hoken_center",
                description=text,
                hours=(when,),
                phone=town.phone(),
                terms=(
                    "need.addiction",
                    "channel.in_person",
                    "attr.peer" if key != "izon_hokenjo" else "attr.free",
                    *extra,
                ),
            )
        )
    rainbow = town.org(
        "npo_rainbow",
        "NPO法人レインボーつながり",
        "レインボーツナガリ",
        "性のあり方に関わらず安心して過ごせる場をつくっています。",
        legal_status="特定非営利活動法人",
        website=True,
    )
    for key, name, kana, text, more, when in (
        (
            "rainbow_cafe",
            "にじいろ交流会",
            "ニジイロコウリュウカイ",
            "LGBTQ+の当事者や、性のあり方に悩んでいる方の交流会です。ニックネームで参加できます。",
            (
                "type.salon",
                "audience.youth",
                "audience.adults",
                "attr.peer",
                "attr.anonymous",
                "attr.no_signboard",
            ),
            hours("土", "14:00", "17:00", nth=1),
        ),
        (
            "rainbow_family",
            "LGBTQ+の家族の会",
            "エルジービーティーキュープラスノカゾクノカイ",
            "子どもや家族からカミングアウトされた方が、気持ちを話せる会です。",
            ("audience.family", "attr.peer"),
            hours("日", "10:00", "12:00", nth=3),
        ),
        (
            "rainbow_soudan",
            "性のあり方の相談",
            "セイノアリカタノソウダン",
            "性のあり方に関する悩みを、当事者の相談員が聞きます。電話でも面談でも相談できます。",
            (
                "type.consultation",
                "channel.phone",
                "audience.everyone",
                "attr.anonymous",
                "attr.peer",
            ),
            hours("水", "18:00", "21:00"),
        ),
    ):
        town.add(
            Spec(
                key=key,
                name=name,
                kana=kana,
                org=rainbow,
                place="danjo_center",
                description=text,
                hours=(when,),
                phone=town.phone(),
                terms=("need.lgbtq", "channel.in_person", "attr.free", *more),
            )
        )
