"""Places to be without a 「相談」 signboard, part 1: 子ども食堂, サロン, circles at the
公民館, libraries."""

from __future__ import annotations

from .places import CIRCLES, KODOMO_SHOKUDO, SHOKUDO_VENUES
from .town import DISTRICTS, Cost, Hours, Spec, Town, hours

PLACE_TO_BE = ("channel.in_person", "attr.no_signboard")
KOMINKAN = ("kominkan_chuo", "kominkan_kita", "kominkan_minami", "kominkan_higashi")
WEEKDAY_KANJI = "月火水木金"


def community_services(town: Town) -> None:
    _kodomo_shokudo(town)
    _salons(town)
    _circles(town)
    _libraries(town)


def _kodomo_shokudo(town: Town) -> None:
    rng = town.rng
    npo = town.org(
        "npo_engawa",
        "NPO法人みんなのえんがわ",
        "ミンナノエンガワ",
        "子ども食堂の運営と、立ち上げたい人の支援をしています。",
        legal_status="特定非営利活動法人",
        website=True,
    )
    for i, (name, kana) in enumerate(KODOMO_SHOKUDO):
        d = DISTRICTS[i % len(DISTRICTS)]
        venue, venue_kana = SHOKUDO_VENUES[i % len(SHOKUDO_VENUES)]
        org = (
            npo
            if i % 4 == 0
            else town.org(
                f"shokudo_{i}_team",
                f"{name}運営委員会",
                f"{kana}ウンエイイインカイ",
                f"地域の有志で{name}を開いています。",
                legal_status="任意団体",
            )
        )
        place = town.place(
            f"shokudo_{i}", f"{d.name}{venue}", f"{d.kana}{venue_kana}", d.name, org=org
        )
        pattern = i % 4
        when: tuple[Hours, ...]
        if pattern == 0:
            when = (hours(rng.choice(["土", "日"]), "11:00", "14:00", nth=rng.randint(1, 4)),)
        elif pattern == 1:
            when = (hours(rng.choice(["水", "金"]), "17:00", "19:30"),)
        elif pattern == 2:
            when = (hours("土", "11:30", "13:30", nth=2), hours("土", "11:30", "13:30", nth=4))
        else:
            when = (hours(rng.choice(["火", "木"]), "17:30", "20:00", nth=rng.randint(1, 3)),)
        booking = i % 3 == 2
        terms = [
            "type.kodomo_shokudo",
            "type.meal",
            "type.ibasho",
            "need.talk",
            "need.childcare",
            "audience.children",
            "audience.parents",
            "audience.everyone",
            *PLACE_TO_BE,
        ]
        if not booking:
            terms.append("attr.no_booking")
        if i % 5 == 1:
            terms.append("need.money")
        town.add(
            Spec(
                key=f"kodomo_shokudo_{i}",
                name=name,
                kana=kana,
                org=org,
                place=place,
                description=(
                    f"{d.name}の{venue}で開く子ども食堂です。子どももおとなも、"
                    "ひとりでも親子でも、いっしょにごはんを食べに来てください。"
                    + ("お弁当の持ち帰りもあります。" if i % 5 == 1 else "")
                ),
                terms=tuple(terms),
                hours=when,
                phone=town.phone(),
                eligibility="どなたでも（子どもと、その家族、地域の方）",
                cost=Cost("参加費", 300.0, "子ども（高校生まで）は無料、おとなは300円"),
                application=(
                    "前日までに電話で予約してください。"
                    if booking
                    else "予約はいりません。直接お越しください。"
                ),
            )
        )


def _salons(town: Town) -> None:
    rng = town.rng
    for i in range(24):
        d = DISTRICTS[i % len(DISTRICTS)]
        kind = i // len(DISTRICTS)  # two salons per district
        org = town.org(
            f"jichikai_{d.name}",
            f"{d.name}自治会",
            f"{d.kana}ジチカイ",
            f"{d.name}地区の自治会です。",
            legal_status="任意団体",
        )
        place = town.place(
            f"shukaisho_{d.name}", f"{d.name}集会所", f"{d.kana}シュウカイジョ", d.name, org=org
        )
        if kind == 0:
            name, kana = f"ふれあいいきいきサロン {d.name}", f"フレアイイキイキサロン {d.kana}"
            when = (hours(rng.choice(WEEKDAY_KANJI), "13:30", "15:30", nth=rng.randint(1, 4)),)
        else:
            name, kana = f"{d.name}お茶のみサロン", f"{d.kana}オチャノミサロン"
            when = (hours(rng.choice(WEEKDAY_KANJI), "10:00", "12:00"),)
        town.add(
            Spec(
                key=f"salon_{i}",
                name=name,
                kana=kana,
                org=org,
                place=place,
                description=(
                    "お茶を飲みながらおしゃべりしたり、体操や歌を楽しんだりする集まりです。"
                    "はじめての方も、のぞくだけでも大丈夫です。社会福祉協議会が応援しています。"
                ),
                terms=(
                    "type.salon",
                    "type.ibasho",
                    "need.talk",
                    "need.elderly",
                    "need.general",
                    "audience.seniors",
                    "attr.peer",
                    "attr.no_booking",
                    *PLACE_TO_BE,
                ),
                hours=when,
                eligibility="おおむね65歳以上の方（どなたでも参加できます）",
                cost=Cost("お茶代", 100.0, "1回100円（お茶代）"),
            )
        )
    for i in range(8):
        d = DISTRICTS[(i * 3) % len(DISTRICTS)]
        town.add(
            Spec(
                key=f"taiso_{i}",
                name=f"いきいき百歳体操 {d.name}会場",
                kana=f"イキイキヒャクサイタイソウ {d.kana}カイジョウ",
                org="city_korei",
                place=f"shukaisho_{d.name}" if f"shukaisho_{d.name}" in town.places else None,
                description=(
                    "いすに座ってできる、おもりを使った体操の「通いの場」です。"
                    "体操のあとのおしゃべりも楽しみのひとつです。"
                ),
                terms=(
                    "type.activity",
                    "need.elderly",
                    "need.talk",
                    "audience.seniors",
                    "attr.peer",
                    "attr.no_booking",
                    "attr.free",
                    *PLACE_TO_BE,
                ),
                hours=(hours(rng.choice(["月木", "火金", "水土"]), "10:00", "11:00"),),
                eligibility="おおむね65歳以上の方",
            )
        )


def _circles(town: Town) -> None:
    rng = town.rng
    bands = {
        "am": ("10:00", "12:00"),
        "pm": ("13:30", "15:30"),
        "eve": ("19:00", "21:00"),
        "sat": ("10:00", "12:00"),
    }
    for i, (name, kana, extra, band) in enumerate(CIRCLES):
        place = KOMINKAN[i % len(KOMINKAN)]
        hall = town.places[place]
        day = "土" if band == "sat" else rng.choice(WEEKDAY_KANJI)
        fee = rng.choice([(200.0, "1回200円"), (500.0, "月500円"), (1000.0, "月1,000円")])
        org = town.org(
            f"circle_{i}",
            f"{name}（{hall.name}）",
            f"{kana}",
            f"{hall.name}で活動している市民サークルです。",
            legal_status="任意団体",
        )
        town.add(
            Spec(
                key=f"circle_{i}",
                name=f"{name}（{hall.name}）",
                kana=kana,
                org=org,
                place=place,
                description=(
                    f"{hall.name}で活動しているサークルです。見学・体験はいつでも歓迎です。"
                    "はじめての方には、経験のあるメンバーが教えます。"
                ),
                terms=(
                    "type.activity",
                    "need.talk",
                    "need.general",
                    "attr.peer",
                    *PLACE_TO_BE,
                    *extra,
                ),
                hours=(hours(day, *bands[band]),),
                cost=Cost("会費", fee[0], f"{fee[1]}（見学・体験は無料）"),
                application="見学は公民館の窓口で申し込めます。",
            )
        )


def _libraries(town: Town) -> None:
    common = (
        "type.public_facility",
        "type.ibasho",
        "need.general",
        "attr.free",
        "attr.no_booking",
        *PLACE_TO_BE,
    )
    rows = (
        (
            "library_chuo_main",
            "中央図書館（本の貸出・閲覧）",
            "チュウオウトショカン",
            "library_chuo",
            "本や雑誌、新聞を読んだり借りたりできます。静かに過ごせる席もあります。",
            ("audience.everyone",),
            (hours("火水木金", "9:00", "20:00"), hours("土日", "9:00", "18:00")),
        ),
        (
            "library_teens",
            "ティーンズコーナー「よりみちスペース」",
            "ティーンズコーナー ヨリミチスペース",
            "library_chuo",
            "中高生がいつでも立ち寄れるコーナーです。勉強しても、本を読んでも、"
            "ぼーっとしてもかまいません。",
            ("audience.youth", "audience.children"),
            (hours("火水木金", "15:00", "20:00"), hours("土日", "10:00", "18:00")),
        ),
        (
            "library_ohanashi",
            "おはなし会",
            "オハナシカイ",
            "library_chuo",
            "絵本の読み聞かせと手遊びの会です。赤ちゃんから参加できます。",
            ("audience.children", "audience.parents", "need.childcare"),
            (hours("土", "10:30", "11:00"),),
        ),
        (
            "library_kita",
            "北野分館",
            "キタノブンカン",
            "library_kita",
            "北野地区の図書館です。新聞コーナーと子ども向けの本が充実しています。",
            ("audience.everyone",),
            (hours("火水木金土日", "10:00", "18:00"),),
        ),
        (
            "library_nishi",
            "西町分館",
            "ニシマチブンカン",
            "library_nishi",
            "西町地区の図書館です。大きな文字の本や朗読CDもあります。",
            ("audience.seniors", "need.disability"),
            (hours("火水木金土日", "10:00", "18:00"),),
        ),
    )
    for key, name, kana, place, text, extra, when in rows:
        town.add(
            Spec(
                key=key,
                name=name,
                kana=kana,
                org="city_shogaku",
                place=place,
                description=text,
                terms=(*common, *extra),
                hours=when,
                phone=town.phone(),
            )
        )
    town.add(
        Spec(
            key="library_delivery",
            name="図書館の宅配サービス",
            kana="トショカンノタクハイサービス",
            org="city_shogaku",
            description=(
                "図書館に来るのがむずかしい方の家に、職員やボランティアが本を届けます。"
                "本の話をするのを楽しみにしている方も多いサービスです。"
            ),
            terms=(
                "type.public_facility",
                "need.disability",
                "need.elderly",
                "audience.seniors",
                "channel.visit",
                "channel.phone",
                "attr.outreach",
                "attr.free",
            ),
            hours=(hours("火金", "10:00", "16:00"),),
            phone=town.phone(),
            eligibility="障害や病気、高齢などで図書館に来るのがむずかしい方",
            application="電話で申し込んでください。",
        )
    )
