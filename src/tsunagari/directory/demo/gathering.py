"""Places to be, part 2: 児童館 and places for teenagers, community cafés and
認知症カフェ, volunteering, exercise and gardens outdoors."""

from __future__ import annotations

from .community import PLACE_TO_BE, WEEKDAY_KANJI
from .places import CAFES, PARKS, SPORTS_AND_GARDENS
from .town import DISTRICTS, FREE, Cost, Spec, Town, hours


def gathering_services(town: Town) -> None:
    _children_and_youth(town)
    _cafes(town)
    _volunteering(town)
    _outdoors(town)


def _children_and_youth(town: Town) -> None:
    for i, district in enumerate(("若葉", "桜台", "川辺", "旭")):
        d = next(x for x in DISTRICTS if x.name == district)
        place = town.place(
            f"jidokan_{i}",
            f"{d.name}児童館",
            f"{d.kana}ジドウカン",
            d.name,
            org="city_kodomo",
            barrier_free=True,
        )
        town.add(
            Spec(
                key=f"jidokan_{i}",
                name=f"{d.name}児童館",
                kana=f"{d.kana}ジドウカン",
                org="city_kodomo",
                place=place,
                description=(
                    "0歳から18歳までの子どもが自由に遊べる場所です。"
                    "午前中は親子で、放課後は小中学生でにぎわいます。職員に相談もできます。"
                ),
                terms=(
                    "type.public_facility",
                    "type.ibasho",
                    "need.childcare",
                    "need.talk",
                    "audience.children",
                    "audience.parents",
                    "attr.free",
                    "attr.no_booking",
                    *PLACE_TO_BE,
                ),
                hours=(hours("火水木金土", "9:30", "18:00"),),
                phone=town.phone(),
                eligibility="0〜18歳の子どもと保護者",
                max_age=18,
            )
        )
    for i, district in enumerate(("駅前", "南台")):
        d = next(x for x in DISTRICTS if x.name == district)
        place = town.place(
            f"youth_base_{i}",
            f"中高生の居場所「ベース{d.name}」",
            f"チュウコウセイノイバショ ベース{d.kana}",
            d.name,
        )
        org = town.org(
            "npo_yorimichi",
            "NPO法人よりみち",
            "ヨリミチ",
            "中高生・若者の居場所づくりと相談をしています。",
            legal_status="特定非営利活動法人",
            website=True,
        )
        town.add(
            Spec(
                key=f"youth_base_{i}",
                name=f"中高生の居場所「ベース{d.name}」",
                kana=f"チュウコウセイノイバショ ベース{d.kana}",
                org=org,
                place=place,
                description=(
                    "中学生・高校生が放課後や夜に過ごせる場所です。勉強、ゲーム、おしゃべり、"
                    "何もしないのも自由。軽食もあります。"
                ),
                terms=(
                    "type.ibasho",
                    "need.talk",
                    "need.school",
                    "audience.youth",
                    "audience.children",
                    "attr.free",
                    "attr.no_booking",
                    "attr.peer",
                    *PLACE_TO_BE,
                ),
                hours=(hours("月水金", "16:00", "21:00"), hours("土", "13:00", "21:00")),
                eligibility="中学生・高校生（同じ年ごろの方）",
                min_age=12,
                max_age=18,
            )
        )


def _cafes(town: Town) -> None:
    rng = town.rng
    for i, (name, kana, extra, evening) in enumerate(CAFES):
        d = DISTRICTS[(i * 5) % len(DISTRICTS)]
        org = town.org(
            f"cafe_{i}",
            f"{name}を開く会",
            f"{kana}ヲヒラクカイ",
            f"{name}を運営する市民グループです。",
            legal_status="任意団体",
        )
        place = town.place(f"cafe_{i}", name, kana, d.name, org=org)
        when = (
            hours("火木土", "17:00", "21:00")
            if evening
            else hours(rng.choice(["月水金", "火木", "水土"]), "10:00", "16:00"),
        )
        town.add(
            Spec(
                key=f"cafe_{i}",
                name=name,
                kana=kana,
                org=org,
                place=place,
                description=(
                    "だれでもふらっと立ち寄れる場所です。飲み物を頼んでも頼まなくても、"
                    "ひとりで過ごしても、だれかと話してもかまいません。"
                ),
                terms=(
                    "type.ibasho",
                    "need.talk",
                    "need.general",
                    "attr.no_booking",
                    *PLACE_TO_BE,
                    *extra,
                ),
                hours=when,
                cost=Cost("飲み物代", 200.0, "飲み物は1杯200円（頼まなくても大丈夫です）"),
            )
        )
    for i in range(6):
        d = DISTRICTS[(i * 2 + 1) % len(DISTRICTS)]
        org = "fukushikai" if i % 2 == 0 else "midorikai"
        place = town.place(
            f"orange_{i}", f"{d.name}ふれあいホール", f"{d.kana}フレアイホール", d.name, org=org
        )
        town.add(
            Spec(
                key=f"orange_cafe_{i}",
                name=f"オレンジカフェ {d.name}",
                kana=f"オレンジカフェ {d.kana}",
                org=org,
                place=place,
                description=(
                    "認知症の方やその家族、地域の方が気軽に集まって話せるカフェです。"
                    "介護の専門職もいるので、困りごとも相談できます。"
                ),
                terms=(
                    "type.ibasho",
                    "type.salon",
                    "need.elderly",
                    "need.talk",
                    "need.young_carer",
                    "audience.seniors",
                    "audience.family",
                    "attr.no_booking",
                    "attr.peer",
                    *PLACE_TO_BE,
                ),
                hours=(hours(rng.choice(WEEKDAY_KANJI), "13:30", "15:30", nth=rng.randint(1, 4)),),
                cost=Cost("参加費", 100.0, "1回100円"),
            )
        )


def _volunteering(town: Town) -> None:
    rows = (
        (
            "volunteer_center",
            "ボランティアセンター",
            "ボランティアセンター",
            "「だれかの役に立ちたい」「できることで手伝いたい」という方と、手伝ってほしい活動を"
            "つなぎます。学生も、仕事をしている方も、シニアの方も歓迎です。",
            ("audience.everyone",),
            (hours("平日", "8:30", "17:15"), hours("土", "9:00", "12:00")),
        ),
        (
            "volunteer_keicho",
            "傾聴ボランティア養成講座",
            "ケイチョウボランティアヨウセイコウザ",
            "人の話をじっくり聴くボランティアの講座です。修了後は施設やサロンで活動できます。",
            ("audience.adults", "audience.seniors"),
            (hours("水", "13:30", "15:30", nth=2),),
        ),
        (
            "volunteer_mimamori",
            "見守りボランティア「ご近所さん」",
            "ミマモリボランティア ゴキンジョサン",
            "ひとり暮らしの方へのあいさつや声かけをするボランティアです。"
            "「近くに気になる人がいる」という相談も受けています。",
            ("audience.everyone", "need.elderly"),
            (hours("平日", "9:00", "17:00"),),
        ),
        (
            "volunteer_shokudo",
            "子ども食堂サポーター",
            "コドモショクドウサポーター",
            "市内の子ども食堂で調理や配膳、子どもの遊び相手をするボランティアです。",
            ("audience.everyone", "need.childcare"),
            (hours("平日", "9:00", "17:00"),),
        ),
        (
            "volunteer_gakushu",
            "学習支援ボランティア",
            "ガクシュウシエンボランティア",
            "中学生の勉強をいっしょに見るボランティアです。大学生も活躍しています。",
            ("audience.youth", "need.school"),
            (hours("火木", "18:00", "20:30"),),
        ),
        (
            "volunteer_senior",
            "シニアの出番 有償ボランティア",
            "シニアノデバン ユウショウボランティア",
            "ちょっとした家事の手伝いなどを、地域のシニアが有償ボランティアで行います。"
            "手伝う側も、手伝ってもらう側も登録できます。",
            ("audience.seniors", "need.work"),
            (hours("平日", "9:00", "16:00"),),
        ),
    )
    for key, name, kana, text, extra, when in rows:
        town.add(
            Spec(
                key=key,
                name=name,
                kana=kana,
                org="shakyo",
                place="fukushi_center",
                description=text,
                terms=(
                    "type.volunteer",
                    "need.general",
                    "channel.in_person",
                    "channel.phone",
                    "channel.email",
                    *extra,
                ),
                hours=when,
                phone=town.phone(),
                email=f"{key.replace('_', '-')}@shakyo.tsunagari-city.example",
                cost=FREE,
            )
        )


def _outdoors(town: Town) -> None:
    for i, (name, kana, district) in enumerate(PARKS):
        place = town.place(f"park_{i}", name, kana, district, org="city", barrier_free=False)
        town.add(
            Spec(
                key=f"radio_taiso_{i}",
                name=f"朝のラジオ体操（{name}）",
                kana=f"アサノラジオタイソウ {kana}",
                org=f"jichikai_{district}",
                place=place,
                description="毎朝、公園でラジオ体操をしています。終わったあとの立ち話も楽しみです。",
                terms=(
                    "type.activity",
                    "type.ibasho",
                    "need.talk",
                    "audience.everyone",
                    "audience.seniors",
                    "attr.free",
                    "attr.no_booking",
                    *PLACE_TO_BE,
                ),
                hours=(hours("毎日", "6:30", "6:45"),),
            )
        )
    for i, (name, kana, district, extra) in enumerate(SPORTS_AND_GARDENS):
        org = town.org(
            f"sports_{i}",
            name,
            kana,
            f"{name}を運営する市民グループです。",
            legal_status="任意団体",
        )
        place = town.place(f"sports_{i}", name, kana, district, org=org, barrier_free=False)
        town.add(
            Spec(
                key=f"sports_{i}",
                name=name,
                kana=kana,
                org=org,
                place=place,
                description="体を動かしたり土にふれたりしながら、ゆるやかに仲間ができる活動です。",
                terms=(
                    "type.activity",
                    "need.talk",
                    "need.general",
                    "attr.peer",
                    *PLACE_TO_BE,
                    *extra,
                ),
                hours=(hours("日", "9:00", "11:00"),),
                cost=Cost("参加費", 100.0, "1回100円（保険代）"),
            )
        )
