"""Clinics and pharmacies that listen to more than symptoms and refer people to the
community (社会的処方, with link workers)."""

from __future__ import annotations

from .town import DISTRICTS, Cost, Spec, Town, hours


def clinic_services(town: Town) -> None:
    _clinics(town)


def _clinics(town: Town) -> None:
    kinds = (
        (
            "内科クリニック",
            "ナイカクリニック",
            ("need.elderly", "audience.seniors", "audience.adults"),
        ),
        (
            "こころのクリニック",
            "ココロノクリニック",
            ("need.mental", "audience.adults", "audience.youth"),
        ),
        (
            "こどもクリニック",
            "コドモクリニック",
            ("need.childcare", "audience.children", "audience.parents"),
        ),
        ("ファミリークリニック", "ファミリークリニック", ("need.general", "audience.everyone")),
    )
    for i in range(16):
        d = DISTRICTS[(i * 7) % len(DISTRICTS)]
        label, kana, terms = kinds[i % len(kinds)]
        name = "さくら内科クリニック" if i == 0 else f"{d.name}{label}"
        org = (
            "sakurakai"
            if i == 0
            else town.org(
                f"clinic_{i}",
                f"医療法人{d.name}{label}",
                "",
                f"{d.name}で{label}を開いています。",
                legal_status="医療法人",
            )
        )
        place = (
            "sakura_clinic"
            if i == 0
            else town.place(f"clinic_{i}", name, f"{d.kana}{kana}", d.name, org=org)
        )
        evening = i % 3 == 1
        town.add(
            Spec(
                key=f"clinic_{i}",
                name=f"{name}（社会的処方の相談）",
                kana=f"{d.kana}{kana}",
                org=org,
                place=place,
                description=(
                    "診察のなかで、暮らしやつながりの困りごとも聞いています。リンクワーカーが"
                    "地域のサロンや活動、相談窓口を紹介し、つながるまでいっしょに動きます。"
                ),
                terms=(
                    "type.medical",
                    "need.talk",
                    "channel.in_person",
                    "channel.phone",
                    "attr.accompany",
                    *terms,
                ),
                hours=(
                    hours("月火水木金", "9:00", "19:00" if evening else "18:00"),
                    hours("土", "9:00", "12:30"),
                ),
                phone=town.phone(),
                cost=Cost("診察料", None, "保険診療の自己負担。リンクワーカーへの相談は無料"),
            )
        )
    for i, d in enumerate((DISTRICTS[1], DISTRICTS[4])):
        town.add(
            Spec(
                key=f"pharmacy_{i}",
                name=f"{d.name}つながり薬局 まちの保健室",
                kana=f"{d.kana}ツナガリヤッキョク マチノホケンシツ",
                org=town.org(
                    f"pharmacy_{i}",
                    f"株式会社{d.name}つながり薬局",
                    "",
                    "地域の薬局です。",
                    legal_status="株式会社",
                ),
                place=town.place(f"pharmacy_{i}", f"{d.name}つながり薬局", "", d.name),
                description="薬局の一角で、薬剤師や看護師に健康や暮らしの相談ができます。お茶を飲んでいくだけでも。",
                terms=(
                    "type.medical",
                    "type.ibasho",
                    "need.general",
                    "need.talk",
                    "audience.everyone",
                    "channel.in_person",
                    "attr.free",
                    "attr.no_booking",
                    "attr.no_signboard",
                ),
                hours=(hours("平日", "9:00", "20:00"), hours("土日", "10:00", "17:00")),
                phone=town.phone(),
            )
        )
