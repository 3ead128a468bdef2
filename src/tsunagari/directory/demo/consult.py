"""Consultation windows of the demo town, part 1: the shared window helper, ageing and
care, and the general 「なんでも」 windows."""

from __future__ import annotations

from typing import Any

from .town import DISTRICTS, Cost, Hours, Spec, Town, hours

OFFICE = hours("平日", "8:30", "17:15")
SAT_MORNING = hours("土", "9:00", "12:00")
WINDOW = ("type.consultation", "channel.in_person", "channel.phone")


def window(
    town: Town,
    key: str,
    name: str,
    kana: str,
    org: str,
    place: str | None,
    text: str,
    terms: tuple[str, ...],
    when: tuple[Hours, ...] = (OFFICE,),
    **extra: Any,
) -> None:
    """A consultation window: in person and by phone, free unless a cost is given."""
    town.add(
        Spec(
            key=key,
            name=name,
            kana=kana,
            org=org,
            place=place,
            description=text,
            terms=(*WINDOW, *terms),
            hours=when,
            phone=town.phone(),
            **extra,
        )
    )


def consult_care(town: Town) -> None:
    _elderly(town)
    _general(town)


def _elderly(town: Town) -> None:
    areas = (
        ("本町・中央", "fukushikai"),
        ("駅前・川辺", "fukushikai"),
        ("緑が丘・東町", "midorikai"),
        ("桜台・北野", "midorikai"),
        ("若葉・西町", "fukushikai"),
        ("南台・旭", "shakyo"),
    )
    for i, (area, org) in enumerate(areas):
        first = area.split("・")[0]
        d = next(x for x in DISTRICTS if x.name == first)
        place = town.place(
            f"houkatsu_{i}", f"地域包括支援センター{area}", "", d.name, org=org, barrier_free=True
        )
        window(
            town,
            f"houkatsu_{i}",
            f"地域包括支援センター{area}",
            f"チイキホウカツシエンセンター{d.kana}",
            org,
            place,
            (
                f"{area}地区にお住まいの高齢の方と家族のための総合相談窓口です。介護、健康、"
                "お金、ひとり暮らしの不安など、どんなことでも相談できます。ご自宅にもうかがいます。"
            ),
            (
                "type.chiiki_houkatsu",
                "need.elderly",
                "need.young_carer",
                "need.general",
                "audience.seniors",
                "audience.family",
                "channel.visit",
                "attr.free",
                "attr.outreach",
                "attr.accompany",
            ),
            (OFFICE, SAT_MORNING) if i % 2 == 0 else (OFFICE,),
            eligibility=f"{area}地区にお住まいの65歳以上の方と、その家族・支える方",
        )
    window(
        town,
        "houkatsu_kikan",
        "基幹型地域包括支援センター",
        "キカンガタチイキホウカツシエンセンター",
        "city_korei",
        "city_hall",
        "市内の地域包括支援センターをまとめる市の窓口です。どこに相談したらよいか迷うときもどうぞ。",
        (
            "type.chiiki_houkatsu",
            "need.elderly",
            "audience.seniors",
            "audience.family",
            "attr.free",
            "attr.accompany",
        ),
    )
    window(
        town,
        "monowasure",
        "もの忘れ相談",
        "モノワスレソウダン",
        "city_korei",
        "hoken_center",
        "もの忘れが気になる方や家族の相談に、認知症の専門医と保健師が応じます（予約制）。",
        ("need.elderly", "need.mental", "audience.seniors", "audience.family", "attr.free"),
        (hours("木", "13:30", "16:30", nth=3),),
        application="電話で予約してください。",
    )
    for i, (when, label) in enumerate(
        (
            (hours("水", "13:30", "15:30", nth=1), "昼の部"),
            (hours("金", "19:00", "21:00", nth=3), "夜の部"),
            (hours("日", "14:00", "16:00", nth=2), "日曜の部"),
        )
    ):
        town.add(
            Spec(
                key=f"carers_{i}",
                name=f"介護する人のつどい「ひと息」（{label}）",
                kana="カイゴスルヒトノツドイ ヒトイキ",
                org="shakyo",
                place="fukushi_center",
                description=(
                    "家族の介護をしている方どうしで、気持ちや工夫を話し合う会です。"
                    "仕事帰りに寄れる夜の部もあります。"
                ),
                terms=(
                    "type.salon",
                    "need.elderly",
                    "need.young_carer",
                    "audience.family",
                    "channel.in_person",
                    "attr.peer",
                    "attr.free",
                    "attr.no_booking",
                ),
                hours=(when,),
                eligibility="家族の介護をしている方、していた方",
            )
        )
    for i in range(4):
        d = DISTRICTS[(i * 3 + 2) % len(DISTRICTS)]
        org = "fukushikai" if i % 2 == 0 else "midorikai"
        place = town.place(
            f"day_service_{i}",
            f"デイサービスセンター{d.name}",
            f"デイサービスセンター{d.kana}",
            d.name,
            org=org,
            barrier_free=True,
        )
        town.add(
            Spec(
                key=f"day_service_{i}",
                name=f"デイサービスセンター{d.name}",
                kana=f"デイサービスセンター{d.kana}",
                org=org,
                place=place,
                description=(
                    "日帰りで入浴や食事、体操、レクリエーションを楽しめる介護保険のサービスです。"
                    "送り迎えがあります。"
                ),
                terms=(
                    "type.care_service",
                    "type.meal",
                    "need.elderly",
                    "audience.seniors",
                    "channel.in_person",
                    "channel.phone",
                ),
                hours=(hours("月火水木金土", "9:00", "16:30"),),
                phone=town.phone(),
                eligibility="要支援・要介護の認定を受けている方",
                cost=Cost("利用者負担", None, "介護保険の利用者負担（1〜3割）と食費"),
                application="ケアマネジャーか地域包括支援センターに相談してください。",
            )
        )


def _general(town: Town) -> None:
    window(
        town,
        "tsunagari_soudan",
        "つながり相談窓口（孤独・孤立の相談）",
        "ツナガリソウダンマドグチ",
        "city_kodoku",
        "city_hall",
        (
            "どこに相談したらよいかわからないこと、ひとりでかかえている気持ちを、まず聞かせて"
            "ください。必要なところへいっしょにつなぎ、その後も伴走します。"
        ),
        (
            "need.general",
            "need.talk",
            "audience.everyone",
            "channel.email",
            "attr.free",
            "attr.accompany",
        ),
        (OFFICE, hours("水", "17:15", "20:00", note="夜間窓口")),
        email="tsunagari@tsunagari-city.example",
    )
    window(
        town,
        "mimamori_soudan",
        "ご近所の見守り相談（気になる人がいたら）",
        "ゴキンジョノミマモリソウダン",
        "city_kodoku",
        "city_hall",
        (
            "「近所の人を最近見かけない」「気になる人がいる」ときの相談窓口です。"
            "どう声をかけたらよいかもいっしょに考えます。相談した人の名前は伝えません。"
        ),
        ("need.general", "audience.family", "audience.everyone", "attr.free", "attr.anonymous"),
    )
    for i, (place, when) in enumerate(
        (
            ("fukushi_center", (OFFICE,)),
            ("kominkan_kita", (hours("火", "10:00", "15:00", nth=1),)),
            ("kominkan_minami", (hours("木", "10:00", "15:00", nth=2),)),
            ("kominkan_higashi", (hours("土", "10:00", "15:00", nth=3),)),
        )
    ):
        hall = town.places[place].name
        window(
            town,
            f"nandemo_{i}",
            f"福祉なんでも相談（{hall}）",
            "フクシナンデモソウダン",
            "shakyo",
            place,
            "暮らしの困りごとを、分野を問わず社会福祉協議会の職員が聞きます。予約はいりません。",
            (
                "need.general",
                "need.money",
                "need.elderly",
                "audience.everyone",
                "attr.free",
                "attr.no_booking",
            ),
            when,
        )
    for i, d in enumerate(DISTRICTS[:8]):
        window(
            town,
            f"minsei_{i}",
            f"民生委員・児童委員 {d.name}地区",
            f"ミンセイイイン・ジドウイイン {d.kana}チク",
            "city_kodoku",
            f"shukaisho_{d.name}",
            (
                f"{d.name}地区の民生委員・児童委員は、地域の身近な相談相手です。"
                "ご自宅にうかがうこともできます。相談の秘密は守られます。"
            ),
            (
                "need.general",
                "need.elderly",
                "need.childcare",
                "audience.everyone",
                "channel.visit",
                "attr.free",
                "attr.outreach",
            ),
            (hours("土", "10:00", "12:00", nth=1),),
        )
