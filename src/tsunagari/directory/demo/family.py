"""Children, parents and school: 子育て支援センター, ひろば, circles, the こども家庭センター,
ファミリー・サポート, 教育相談, places for children who do not go to school."""

from __future__ import annotations

from .consult import OFFICE, SAT_MORNING, window
from .town import DISTRICTS, Cost, Spec, Town, hours


def family_services(town: Town) -> None:
    _children_and_parents(town)
    _school(town)


def _children_and_parents(town: Town) -> None:
    window(
        town,
        "kosodate_center",
        "子育て支援センター「ぽけっと」",
        "コソダテシエンセンター ポケット",
        "city_kodomo",
        "kosodate_center",
        "0〜3歳の子どもと親が遊べる広場と、子育ての相談です。予約はいりません。",
        (
            "type.childcare_facility",
            "type.ibasho",
            "need.childcare",
            "audience.parents",
            "audience.children",
            "attr.free",
            "attr.no_booking",
        ),
        (hours("月火水木金土", "9:00", "16:00"),),
        max_age=3,
    )
    for i, d in enumerate((DISTRICTS[3], DISTRICTS[5], DISTRICTS[10])):
        hoiku = town.org(
            f"hoikuen_{i}",
            f"社会福祉法人{d.name}保育会",
            f"{d.kana}ホイクカイ",
            f"{d.name}保育園と地域の子育て支援センターを運営しています。",
            legal_status="社会福祉法人",
        )
        window(
            town,
            f"kosodate_hiroba_{i}",
            f"{d.name}保育園 子育てひろば",
            f"{d.kana}ホイクエン コソダテヒロバ",
            hoiku,
            town.place(f"hoikuen_{i}", f"{d.name}保育園", f"{d.kana}ホイクエン", d.name, org=hoiku),
            "保育園の園庭や部屋で親子で遊べます。保育士に子育ての相談もできます。",
            (
                "type.childcare_facility",
                "type.ibasho",
                "need.childcare",
                "audience.parents",
                "audience.children",
                "attr.free",
                "attr.no_booking",
            ),
            (hours("火木", "10:00", "12:00"),),
        )
    for i, d in enumerate(DISTRICTS[4:10]):
        org = town.org(
            f"kosodate_circle_{i}",
            f"子育てサークル「{d.name}っこ」",
            "",
            f"{d.name}地区の親どうしで運営している子育てサークルです。",
            legal_status="任意団体",
        )
        town.add(
            Spec(
                key=f"kosodate_circle_{i}",
                name=f"子育てサークル「{d.name}っこ」",
                kana=f"コソダテサークル {d.kana}ッコ",
                org=org,
                place=f"shukaisho_{d.name}",
                description="同じ地域の親子が集まって遊ぶサークルです。転入してきたばかりの方も歓迎です。",
                terms=(
                    "type.activity",
                    "need.childcare",
                    "need.talk",
                    "audience.parents",
                    "audience.children",
                    "channel.in_person",
                    "attr.peer",
                    "attr.no_signboard",
                ),
                hours=(hours(town.rng.choice("月水金"), "10:00", "11:30"),),
                cost=Cost("会費", 100.0, "1回100円（おやつ代）"),
            )
        )
    for key, name, kana, text, extra, when in (
        (
            "ninshin",
            "妊娠・出産・子育ての相談（こども家庭センター）",
            "ニンシン・シュッサン・コソダテノソウダン",
            "妊娠中から子育て期まで、保健師や助産師がいつでも相談に応じます。ご自宅にもうかがいます。",
            ("channel.visit", "attr.outreach", "attr.accompany"),
            (OFFICE,),
        ),
        (
            "josanshi",
            "助産師のおっぱい・子育て相談",
            "ジョサンシノオッパイ・コソダテソウダン",
            "授乳や赤ちゃんの育ちの心配を助産師に相談できます（予約制）。",
            (),
            (hours("金", "13:30", "16:00", nth=2),),
        ),
        (
            "katei_jido",
            "家庭児童相談室",
            "カテイジドウソウダンシツ",
            "子どもの育ちや家庭のこと、虐待が心配なときの相談です。",
            ("need.violence",),
            (OFFICE,),
        ),
        (
            "hitorioya",
            "ひとり親家庭の相談",
            "ヒトリオヤカテイノソウダン",
            "ひとり親家庭の暮らしやお金、仕事の相談に、母子・父子自立支援員が応じます。",
            ("need.money", "need.work"),
            (OFFICE, SAT_MORNING),
        ),
    ):
        window(
            town,
            key,
            name,
            kana,
            "city_kodomo",
            "hoken_center",
            text,
            ("need.childcare", "audience.parents", "attr.free", *extra),
            when,
        )
    famisapo = town.org(
        "famisapo",
        "つながり市ファミリー・サポート・センター",
        "ファミリーサポートセンター",
        "子育ての手助けをしてほしい人と、手助けしたい人の会員組織です。",
        parent="city_kodomo",
    )
    window(
        town,
        "famisapo",
        "ファミリー・サポート・センター",
        "ファミリーサポートセンター",
        famisapo,
        "kosodate_center",
        "保育園の送り迎えや短時間の預かりを、地域の会員が手伝います。手伝う側の会員も募集中です。",
        ("type.volunteer", "need.childcare", "audience.parents", "audience.everyone"),
        cost=Cost("利用料", 700.0, "1時間700円（平日昼間）"),
    )


def _school(town: Town) -> None:
    window(
        town,
        "kyoiku_soudan",
        "教育相談センター",
        "キョウイクソウダンセンター",
        "city_kyoiku",
        "city_hall",
        "学校生活、友だち関係、いじめ、不登校などの相談に、子どもも保護者も応じます。",
        ("need.school", "audience.children", "audience.parents", "attr.free"),
        (OFFICE, hours("平日", "17:15", "19:00", note="電話のみ")),
    )
    window(
        town,
        "asunaro",
        "教育支援センター「あすなろ教室」",
        "キョウイクシエンセンター アスナロキョウシツ",
        "city_kyoiku",
        "kominkan_chuo",
        "学校に行きづらい小中学生が、自分のペースで過ごし学べる場所です。見学できます。",
        ("type.ibasho", "need.school", "audience.children", "attr.free", "attr.accompany"),
        (hours("平日", "9:30", "14:30"),),
        max_age=15,
    )
    free = town.org(
        "npo_sora",
        "NPO法人そら",
        "ソラ",
        "フリースクールを運営しています。",
        legal_status="特定非営利活動法人",
        website=True,
    )
    town.add(
        Spec(
            key="free_school",
            name="フリースクール「そら」",
            kana="フリースクール ソラ",
            org=free,
            place=town.place(
                "free_school", "フリースクール「そら」", "フリースクール ソラ", "緑が丘", org=free
            ),
            description="学校以外の学びと居場所です。好きなことから学びをつくります。体験入学できます。",
            terms=(
                "type.ibasho",
                "need.school",
                "need.hikikomori",
                "audience.children",
                "audience.youth",
                "channel.in_person",
                "attr.no_signboard",
                "attr.peer",
            ),
            hours=(hours("平日", "10:00", "16:00"),),
            phone=town.phone(),
            cost=Cost("月謝", 25000.0, "月25,000円（減免制度あり）"),
            min_age=6,
            max_age=18,
        )
    )
    for i, (place, when) in enumerate(
        (
            ("kominkan_kita", hours("土", "10:00", "12:00", nth=2)),
            ("kominkan_higashi", hours("木", "19:00", "21:00", nth=4)),
        )
    ):
        hall = town.places[place].name
        town.add(
            Spec(
                key=f"futoko_oya_{i}",
                name=f"不登校の親の会（{hall}）",
                kana="フトウコウノオヤノカイ",
                org=free,
                place=place,
                description="子どもが学校に行きづらくなった親どうしで話す会です。先輩の親の話も聞けます。",
                terms=(
                    "type.salon",
                    "need.school",
                    "audience.parents",
                    "channel.in_person",
                    "attr.peer",
                    "attr.free",
                ),
                hours=(when,),
            )
        )
