"""Neighbourhood life in each district: clubs of older residents, shared meals, after-school
classes, health chats at the 公民館 and houses opened as 縁側 (a porch to drop by)."""

from __future__ import annotations

from .places import ROJIN_CLUBS
from .town import DISTRICTS, Cost, Spec, Town, hours

WEEKDAY_KANJI = "月火水木金"


def neighbourhood_services(town: Town) -> None:
    rng = town.rng
    for i, (club, kana, activity) in enumerate(ROJIN_CLUBS):
        d = DISTRICTS[(i * 2) % len(DISTRICTS)]
        org = town.org(
            f"rojin_{i}",
            f"{d.name}{club}",
            f"{d.kana}{kana}",
            f"{d.name}地区の老人クラブです。",
            legal_status="任意団体",
        )
        town.add(
            Spec(
                key=f"rojin_{i}",
                name=f"{d.name}{club}（老人クラブ）",
                kana=f"{d.kana}{kana}",
                org=org,
                place=f"shukaisho_{d.name}",
                description=(
                    f"{d.name}地区のシニアの仲間づくりの会です。活動は{activity}など。"
                    "地域の役に立つ活動もしています。"
                ),
                terms=(
                    "type.activity",
                    "need.talk",
                    "need.elderly",
                    "audience.seniors",
                    "channel.in_person",
                    "attr.peer",
                    "attr.no_signboard",
                ),
                hours=(hours(rng.choice(WEEKDAY_KANJI), "10:00", "12:00", nth=rng.randint(1, 4)),),
                cost=Cost("年会費", 1200.0, "年会費1,200円"),
                min_age=60,
            )
        )
    for i in range(6):
        d = DISTRICTS[(i * 2 + 1) % len(DISTRICTS)]
        town.add(
            Spec(
                key=f"kaishoku_{i}",
                name=f"ふれあい会食会 {d.name}",
                kana=f"フレアイカイショクカイ {d.kana}",
                org="shakyo",
                place=f"shukaisho_{d.name}",
                description=(
                    "地域のボランティアがつくるお昼ごはんを、みんなでいっしょに食べる会です。"
                    "ひとり暮らしの方の参加が多い会です。"
                ),
                terms=(
                    "type.meal",
                    "type.salon",
                    "need.talk",
                    "need.elderly",
                    "audience.seniors",
                    "channel.in_person",
                    "attr.no_signboard",
                ),
                hours=(hours(rng.choice(WEEKDAY_KANJI), "11:30", "13:30", nth=rng.randint(1, 4)),),
                cost=Cost("食事代", 400.0, "1食400円"),
                phone=town.phone(),
                application="前の週までに社会福祉協議会へ電話で申し込んでください。",
            )
        )
    for i in range(6):
        d = DISTRICTS[(i * 2) % len(DISTRICTS)]
        town.add(
            Spec(
                key=f"houkago_{i}",
                name=f"放課後子ども教室 {d.name}小学校",
                kana=f"ホウカゴコドモキョウシツ {d.kana}ショウガッコウ",
                org="city_shogaku",
                place=town.place(
                    f"school_{i}",
                    f"{d.name}小学校",
                    f"{d.kana}ショウガッコウ",
                    d.name,
                    org="city_shogaku",
                    barrier_free=True,
                ),
                description=(
                    "放課後の学校で、地域のおとなといっしょに遊んだり宿題をしたりできます。"
                    "昔あそびや工作の日もあります。"
                ),
                terms=(
                    "type.activity",
                    "type.ibasho",
                    "need.childcare",
                    "need.talk",
                    "audience.children",
                    "channel.in_person",
                    "attr.free",
                ),
                hours=(hours("月水木", "14:30", "17:00"),),
                min_age=6,
                max_age=12,
                eligibility=f"{d.name}小学校の児童",
            )
        )
    for i, place in enumerate(
        ("kominkan_chuo", "kominkan_kita", "kominkan_minami", "kominkan_higashi")
    ):
        hall = town.places[place].name
        town.add(
            Spec(
                key=f"machi_hokenshitsu_{i}",
                name=f"まちの保健室（{hall}）",
                kana="マチノホケンシツ",
                org="city_kenko",
                place=place,
                description=(
                    "血圧を測ったり、保健師や栄養士と健康や暮らしのことを話したりできます。"
                    "買い物帰りに気軽に寄ってください。"
                ),
                terms=(
                    "type.consultation",
                    "need.general",
                    "need.mental",
                    "need.elderly",
                    "audience.everyone",
                    "channel.in_person",
                    "attr.free",
                    "attr.no_booking",
                ),
                hours=(hours(rng.choice(WEEKDAY_KANJI), "10:00", "12:00", nth=i + 1),),
            )
        )
    for i in range(4):
        d = DISTRICTS[(i * 3 + 1) % len(DISTRICTS)]
        org = town.org(
            f"engawa_{i}",
            f"{d.name}の縁側を開く会",
            "",
            "空き家を活用して、地域の縁側を開いている住民グループです。",
            legal_status="任意団体",
        )
        town.add(
            Spec(
                key=f"engawa_{i}",
                name=f"地域の縁側「{d.name}のいえ」",
                kana=f"チイキノエンガワ {d.kana}ノイエ",
                org=org,
                place=town.place(
                    f"engawa_{i}",
                    f"{d.name}のいえ",
                    f"{d.kana}ノイエ",
                    d.name,
                    org=org,
                    barrier_free=False,
                ),
                description=(
                    "空き家を開いた、だれでも立ち寄れる縁側です。将棋をさす人、本を読む人、"
                    "宿題をする子ども。それぞれ好きに過ごしています。"
                ),
                terms=(
                    "type.ibasho",
                    "need.talk",
                    "need.general",
                    "audience.everyone",
                    "channel.in_person",
                    "attr.no_signboard",
                    "attr.no_booking",
                    "attr.free",
                ),
                hours=(hours("火木土日", "10:00", "17:00"),),
            )
        )
