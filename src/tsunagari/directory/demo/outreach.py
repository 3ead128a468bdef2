"""Ways to connect without going anywhere, part 2: home visits (アウトリーチ) and online
gatherings."""

from __future__ import annotations

from .town import FREE, Cost, Spec, Town, hours


def outreach_services(town: Town) -> None:
    _outreach(town)
    _online(town)


def _outreach(town: Town) -> None:
    town.org(
        "npo_homestart",
        "NPO法人ホームスタートつながり",
        "ホームスタートツナガリ",
        "子育て経験のあるボランティアが家庭を訪問しています。",
        legal_status="特定非営利活動法人",
    )
    rows = (
        (
            "outreach_hikikomori",
            "ひきこもりのアウトリーチ支援",
            "ヒキコモリノアウトリーチシエン",
            "city_kodoku",
            "ご家族の相談から始めて、本人のペースにあわせて相談員が訪問します。手紙やメールのやりとりからでも大丈夫。",
            ("need.hikikomori", "audience.family", "audience.youth", "attr.accompany"),
        ),
        (
            "homestart",
            "ホームスタート（子育て家庭への訪問）",
            "ホームスタート",
            "npo_homestart",
            "子育て経験のあるボランティアがご家庭を訪ね、話を聞いたり、いっしょに家事や外出をしたりします。",
            ("need.childcare", "need.talk", "audience.parents", "attr.peer"),
        ),
        (
            "haishoku",
            "配食見守りサービス",
            "ハイショクミマモリサービス",
            "shakyo",
            "お弁当をお届けしながら、ひとり暮らしの方の様子を見守ります。",
            ("type.meal", "need.elderly", "audience.seniors"),
        ),
        (
            "mimamori_houmon",
            "ひとり暮らし高齢者の見守り訪問",
            "ヒトリグラシコウレイシャノミマモリホウモン",
            "shakyo",
            "地域の協力員が定期的にご自宅を訪ね、お話しします。",
            ("need.elderly", "need.talk", "need.general", "audience.seniors"),
        ),
        (
            "houmon_kango",
            "訪問看護ステーションさくら",
            "ホウモンカンゴステーションサクラ",
            "sakurakai",
            "看護師がご自宅にうかがい、療養生活を支えます。夜間も電話で対応します。",
            ("type.medical", "need.elderly", "need.disability", "audience.seniors"),
        ),
        (
            "idou_hanbai",
            "移動販売と見守り「まちの八百屋号」",
            "イドウハンバイトミマモリ",
            "shakyo",
            "買い物が不便な地域に移動販売車がうかがいます。買い物ついでのおしゃべりも楽しみに。",
            ("need.elderly", "need.talk", "audience.seniors", "attr.no_signboard"),
        ),
    )
    for i, (key, name, kana, org, text, terms) in enumerate(rows):
        cost = (
            Cost("利用料", 500.0, "1食500円")
            if key == "haishoku"
            else Cost("利用者負担", None, "医療保険・介護保険の自己負担")
            if key == "houmon_kango"
            else Cost("利用料", 0.0, "訪問は無料（買い物の代金のみ）")
            if key == "idou_hanbai"
            else None
        )
        town.add(
            Spec(
                key=key,
                name=name,
                kana=kana,
                org=org,
                description=text,
                terms=("channel.visit", "channel.phone", "attr.outreach", *terms),
                hours=(hours("平日", "9:00", "17:00"),)
                if i % 3
                else (hours("月火水木金土", "9:00", "18:00"),),
                phone=town.phone(),
                cost=cost or FREE,
            )
        )


def _online(town: Town) -> None:
    rows = (
        (
            "online_salon",
            "オンラインおしゃべりサロン",
            "オンラインオシャベリサロン",
            "shakyo",
            "ビデオ通話でおしゃべりする会です。使い方がわからない方には、電話で教えます。",
            ("type.salon", "need.talk", "need.general", "audience.seniors", "audience.everyone"),
            (hours("水", "14:00", "15:00"),),
        ),
        (
            "online_kosodate",
            "オンライン子育てひろば",
            "オンラインコソダテヒロバ",
            "city_kodomo",
            "家からビデオ通話で参加できる子育てひろばです。保育士もいます。",
            ("need.childcare", "audience.parents"),
            (hours("火", "10:30", "11:30"),),
        ),
        (
            "online_hikikomori",
            "オンライン居場所「まどべ」",
            "オンラインイバショ マドベ",
            "npo_hidamari",
            "カメラもマイクもオフのまま参加できるオンラインの居場所です。市外からも参加できます。",
            (
                "type.ibasho",
                "need.hikikomori",
                "audience.youth",
                "audience.adults",
                "attr.peer",
                "attr.out_of_area",
                "attr.no_signboard",
            ),
            (hours("土日", "20:00", "22:00"),),
        ),
        (
            "online_carer",
            "若者ケアラーのオンライン交流会",
            "ワカモノケアラーノオンラインコウリュウカイ",
            "npo_carers",
            "家族をケアしている若者が、夜にオンラインで集まって話します。",
            ("need.young_carer", "audience.youth", "attr.peer", "attr.out_of_area"),
            (hours("金", "20:00", "21:30", nth=2),),
        ),
        (
            "online_nihongo",
            "オンライン日本語おしゃべり",
            "オンラインニホンゴオシャベリ",
            "npo_world",
            "日本語を練習したい方が、オンラインでボランティアと話します。Online Japanese chat.",
            ("type.activity", "need.foreign", "audience.adults", "attr.multilingual"),
            (hours("日", "20:00", "21:00"),),
        ),
    )
    for key, name, kana, org, text, terms, when in rows:
        town.add(
            Spec(
                key=key,
                name=name,
                kana=kana,
                org=org,
                description=text,
                terms=("channel.online", "attr.free", *terms),
                hours=when,
                url=town.url(key),
                anywhere="attr.out_of_area" in terms,
                languages=(("やさしい日本語", "ja"), ("英語", "en"))
                if "attr.multilingual" in terms
                else (),
            )
        )
