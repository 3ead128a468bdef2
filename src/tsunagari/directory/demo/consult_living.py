"""Consultation windows, part 2: money, housing and work."""

from __future__ import annotations

from .consult import OFFICE, SAT_MORNING, window
from .town import DISTRICTS, Cost, Spec, Town, hours


def consult_living(town: Town) -> None:
    _money_and_housing(town)
    _work(town)


def _money_and_housing(town: Town) -> None:
    window(
        town,
        "jiritsu",
        "くらしサポート（生活困窮の相談）",
        "クラシサポート",
        "shakyo",
        "fukushi_center",
        (
            "仕事や家計、住まいなど暮らしに困ったときの相談窓口です。支援の計画をいっしょに"
            "つくり、解決まで同じ担当者が寄りそいます。"
        ),
        (
            "need.money",
            "need.work",
            "need.housing",
            "audience.adults",
            "attr.free",
            "attr.accompany",
        ),
        (OFFICE, SAT_MORNING),
    )
    window(
        town,
        "kakei",
        "家計の相談",
        "カケイノソウダン",
        "shakyo",
        "fukushi_center",
        "家計表をいっしょにつくり、やりくりや支払いの見通しを立てます（予約制）。",
        ("need.money", "audience.adults", "attr.free", "attr.accompany"),
        application="電話で予約してください。",
    )
    window(
        town,
        "seikatsu_hogo",
        "生活保護の相談",
        "セイカツホゴノソウダン",
        "city_seikatsu",
        "city_hall",
        "生活に困ったときの相談です。生活保護を受けられるか、いっしょに確かめます。",
        ("need.money", "need.housing", "audience.adults", "attr.free"),
    )
    food = town.org(
        "npo_foodbank",
        "NPO法人フードバンクつながり",
        "フードバンクツナガリ",
        "食品の寄付を集めて、必要な家庭や子ども食堂に届けています。",
        legal_status="特定非営利活動法人",
        website=True,
    )
    for i, d in enumerate((DISTRICTS[1], DISTRICTS[9])):
        place = town.place(
            f"foodbank_{i}",
            f"フードパントリー{d.name}",
            f"フードパントリー{d.kana}",
            d.name,
            org=food,
        )
        town.add(
            Spec(
                key=f"foodbank_{i}",
                name=f"フードパントリー{d.name}",
                kana=f"フードパントリー{d.kana}",
                org=food,
                place=place,
                description=(
                    "食品を無料でお渡しします。理由は聞きません。"
                    "ボランティアと話していくだけの方もいます。"
                ),
                terms=(
                    "type.meal",
                    "need.money",
                    "need.talk",
                    "audience.everyone",
                    "channel.in_person",
                    "attr.free",
                    "attr.no_booking",
                    "attr.anonymous",
                ),
                hours=(
                    hours("土", "10:00", "13:00", nth=i + 1),
                    hours("土", "10:00", "13:00", nth=i + 3),
                ),
                phone=town.phone(),
            )
        )
    housing = town.org(
        "npo_sumai",
        "NPO法人すまいの窓口つながり",
        "スマイノマドグチツナガリ",
        "住まい探しが難しい方の入居と暮らしを支える居住支援法人です。",
        legal_status="特定非営利活動法人",
    )
    window(
        town,
        "sumai_city",
        "住まいの相談（住居確保給付金など）",
        "スマイノソウダン",
        "city_seikatsu",
        "city_hall",
        "家賃の支払いや住まいを失うおそれがあるときの相談です。",
        ("need.housing", "need.money", "audience.adults", "attr.free"),
    )
    for i, (name, kana, extra) in enumerate(
        (
            ("居住支援の相談", "キョジュウシエンノソウダン", ("audience.seniors", "need.elderly")),
            ("若者の住まい相談", "ワカモノノスマイソウダン", ("audience.youth",)),
        )
    ):
        window(
            town,
            f"sumai_npo_{i}",
            name,
            kana,
            housing,
            town.place(
                "sumai_npo",
                "すまいの窓口つながり 事務所",
                "",
                "駅前",
                org=housing,
                building="駅前つながりビル4階",
            ),
            "部屋探しから入居後の暮らしまで、同じ担当者が寄りそいます。",
            ("need.housing", "attr.free", "attr.accompany", *extra),
            (OFFICE, hours("土", "10:00", "16:00")),
        )
    for i, d in enumerate((DISTRICTS[6], DISTRICTS[8], DISTRICTS[11])):
        town.add(
            Spec(
                key=f"gakushu_{i}",
                name=f"学習支援教室「まなびば{d.name}」",
                kana=f"ガクシュウシエンキョウシツ マナビバ{d.kana}",
                org="shakyo",
                place=f"shukaisho_{d.name}",
                description=(
                    "中学生・高校生が無料で勉強できる教室です。大学生ボランティアが教えます。"
                    "おやつを食べながら話すだけの日があってもかまいません。"
                ),
                terms=(
                    "type.ibasho",
                    "need.school",
                    "need.money",
                    "audience.youth",
                    "audience.children",
                    "channel.in_person",
                    "attr.free",
                    "attr.peer",
                ),
                hours=(hours("火金", "18:00", "20:30"),),
                phone=town.phone(),
                eligibility="中学生・高校生（家庭の事情で塾に通いにくい方など）",
                min_age=12,
                max_age=18,
            )
        )


def _work(town: Town) -> None:
    sapo = town.org(
        "npo_shigoto",
        "NPO法人しごとの森",
        "シゴトノモリ",
        "働くことに悩む若者の相談と職場体験を行っています。",
        legal_status="特定非営利活動法人",
        website=True,
    )
    place = town.place(
        "saposute",
        "つながり若者サポートステーション",
        "",
        "駅前",
        org=sapo,
        building="駅前つながりビル5階",
    )
    window(
        town,
        "saposute",
        "つながり若者サポートステーション",
        "ツナガリワカモノサポートステーション",
        sapo,
        place,
        (
            "働くことに一歩ふみ出したい15〜49歳の方の相談、コミュニケーション講座、職場体験。"
            "オンライン面談もできます。"
        ),
        (
            "need.work",
            "need.hikikomori",
            "audience.youth",
            "channel.online",
            "attr.free",
            "attr.accompany",
        ),
        (hours("月火水木金土", "10:00", "18:00"),),
        min_age=15,
        max_age=49,
    )
    window(
        town,
        "saposute_sat",
        "サポステ出張相談（北野公民館）",
        "サポステシュッチョウソウダン",
        sapo,
        "kominkan_kita",
        "月に1回、北野公民館で相談を受けます。",
        ("need.work", "audience.youth", "attr.free"),
        (hours("土", "13:00", "17:00", nth=3),),
    )
    window(
        town,
        "shigoto_corner",
        "しごと相談コーナー",
        "シゴトソウダンコーナー",
        "city_shoko",
        "city_hall",
        "求人の紹介や応募書類の書き方など、仕事さがしの相談ができます。",
        ("need.work", "audience.adults", "attr.free", "attr.no_booking"),
    )
    silver = town.org(
        "silver",
        "公益社団法人つながり市シルバー人材センター",
        "ツナガリシシルバージンザイセンター",
        "高齢の方に地域の仕事を紹介しています。",
        legal_status="公益社団法人",
    )
    window(
        town,
        "silver",
        "シルバー人材センター（仕事と仲間）",
        "シルバージンザイセンター",
        silver,
        town.place("silver", "シルバー人材センター", "", "川辺", org=silver),
        "60歳以上の方が、経験を生かして地域の仕事をする会員組織です。仲間づくりにもなります。",
        ("need.work", "need.talk", "audience.seniors", "attr.peer"),
        cost=Cost("年会費", 2000.0, "年会費2,000円"),
    )
    window(
        town,
        "shuro_junbi",
        "就労準備支援",
        "シュウロウジュンビシエン",
        "shakyo",
        "fukushi_center",
        "生活リズムを整えることから、働く準備を少しずつ進めます。",
        ("need.work", "need.money", "audience.adults", "attr.free", "attr.accompany"),
    )
