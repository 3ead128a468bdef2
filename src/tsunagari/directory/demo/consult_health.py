"""Consultation windows, part 3: mental health, ひきこもり and disability."""

from __future__ import annotations

from .consult import OFFICE, SAT_MORNING, window
from .town import DISTRICTS, Cost, Spec, Town, hours


def consult_health(town: Town) -> None:
    _mental_and_hikikomori(town)
    _disability(town)


def _mental_and_hikikomori(town: Town) -> None:
    window(
        town,
        "kokoro_hoken",
        "こころの健康相談",
        "ココロノケンコウソウダン",
        "city_kenko",
        "hoken_center",
        "眠れない、気持ちが落ちこむなど、こころの不調の相談に保健師が応じます。",
        ("need.mental", "audience.everyone", "attr.free"),
    )
    window(
        town,
        "seishin_hokenjo",
        "精神保健福祉相談（保健所）",
        "セイシンホケンフクシソウダン",
        "pref_hoken",
        "hoken_center",
        "精神科医や精神保健福祉士が相談に応じます（予約制）。",
        ("need.mental", "audience.family", "audience.adults", "attr.free", "attr.anonymous"),
        (hours("火", "13:30", "16:00", nth=2),),
        application="電話で予約してください。匿名でも相談できます。",
    )
    peer = town.org(
        "npo_hidamari",
        "NPO法人ひだまりの家",
        "ヒダマリノイエ",
        "こころの病や生きづらさを経験した人どうしの支えあいの場を開いています。",
        legal_status="特定非営利活動法人",
        website=True,
    )
    for key, name, kana, text, extra, when in (
        (
            "wakachiai",
            "大切な人を亡くした方のわかちあいの会",
            "タイセツナヒトヲナクシタカタノワカチアイノカイ",
            "自死で大切な人を亡くした方どうしが、安心して気持ちを話せる会です。話さずに聞くだけでもかまいません。",
            ("need.mental", "need.crisis", "audience.family", "attr.anonymous"),
            hours("日", "14:00", "16:00", nth=2),
        ),
        (
            "kokoro_kazoku",
            "こころの病の家族会",
            "ココロノヤマイノカゾクカイ",
            "こころの病のある方の家族が、経験や情報を分かちあう会です。",
            ("need.mental", "audience.family"),
            hours("土", "13:30", "15:30", nth=3),
        ),
        (
            "peer_kokoro",
            "生きづらさを語る会",
            "イキヅラサヲカタルカイ",
            "生きづらさを感じている人どうしで、ゆっくり話す会です。",
            ("need.mental", "need.general", "audience.adults", "audience.youth"),
            hours("木", "18:30", "20:30", nth=1),
        ),
        (
            "hikikomori_kazoku",
            "ひきこもり家族会「つばさ」",
            "ヒキコモリカゾクカイ ツバサ",
            "家族がひきこもりの状態にある方の会です。同じ立場の家族と話すと、気持ちが軽くなります。",
            ("need.hikikomori", "audience.family"),
            hours("土", "14:00", "16:00", nth=2),
        ),
        (
            "hikikomori_kazoku_eve",
            "ひきこもり家族会「つばさ」夜の会",
            "ヒキコモリカゾクカイ ツバサ ヨルノカイ",
            "仕事帰りに参加できる夜の家族会です。",
            ("need.hikikomori", "audience.family"),
            hours("水", "19:00", "21:00", nth=4),
        ),
        (
            "hikikomori_room",
            "ほっとルーム（ひきこもり経験者の居場所）",
            "ホットルーム",
            "家から出にくい時期を経験した方が、自分のペースで過ごせる居場所です。何もしなくて大丈夫です。",
            (
                "need.hikikomori",
                "type.ibasho",
                "audience.youth",
                "audience.adults",
                "attr.no_signboard",
                "attr.no_booking",
            ),
            hours("月水金", "13:00", "17:00"),
        ),
    ):
        town.add(
            Spec(
                key=key,
                name=name,
                kana=kana,
                org=peer,
                description=text,
                place=town.place("hidamari", "ひだまりの家", "ヒダマリノイエ", "桜台", org=peer),
                terms=("type.salon", "channel.in_person", "attr.peer", "attr.free", *extra),
                hours=(when,),
                phone=town.phone(),
            )
        )
    window(
        town,
        "hikikomori_soudan",
        "ひきこもり相談窓口",
        "ヒキコモリソウダンマドグチ",
        "city_kodoku",
        "city_hall",
        (
            "本人も家族も相談できます。ご自宅への訪問や、メール・オンラインでの相談もできます。"
            "長い時間がかかってもかまいません。"
        ),
        (
            "need.hikikomori",
            "audience.family",
            "audience.youth",
            "audience.adults",
            "channel.email",
            "channel.online",
            "channel.visit",
            "attr.free",
            "attr.outreach",
            "attr.accompany",
        ),
        email="hikikomori@tsunagari-city.example",
    )


def _disability(town: Town) -> None:
    window(
        town,
        "kikan_soudan",
        "基幹相談支援センター",
        "キカンソウダンシエンセンター",
        "midorikai",
        "fukushi_center",
        "障害のある方と家族のための総合相談窓口です。手話通訳も手配できます。",
        ("need.disability", "audience.everyone", "audience.family", "attr.free", "attr.accompany"),
        (OFFICE, SAT_MORNING),
    )
    for i in range(4):
        d = DISTRICTS[(i * 4 + 1) % len(DISTRICTS)]
        org = "midorikai" if i % 2 == 0 else "fukushikai"
        window(
            town,
            f"soudan_shien_{i}",
            f"相談支援事業所 {d.name}",
            f"ソウダンシエンジギョウショ {d.kana}",
            org,
            town.place(f"soudan_shien_{i}", f"相談支援事業所 {d.name}", "", d.name, org=org),
            "障害福祉サービスの計画づくりと、暮らしの相談を行います。ご自宅にもうかがいます。",
            ("need.disability", "audience.everyone", "channel.visit", "attr.free", "attr.outreach"),
        )
    for i, d in enumerate((DISTRICTS[2], DISTRICTS[7])):
        town.add(
            Spec(
                key=f"katsudo_{i}",
                name=f"地域活動支援センター「ゆるり{d.name}」",
                kana=f"チイキカツドウシエンセンター ユルリ{d.kana}",
                org="midorikai",
                place=town.place(f"katsudo_{i}", f"ゆるり{d.name}", "", d.name, org="midorikai"),
                description="障害のある方が、創作活動をしたりお茶を飲んだりして自由に過ごせる場所です。",
                terms=(
                    "type.ibasho",
                    "need.disability",
                    "need.talk",
                    "audience.adults",
                    "channel.in_person",
                    "attr.peer",
                    "attr.free",
                    "attr.no_signboard",
                    "attr.no_booking",
                ),
                hours=(hours("平日", "10:00", "16:00"),),
                phone=town.phone(),
            )
        )
    for key, name, kana, text, extra, when in (
        (
            "peer_seishin",
            "精神障害ピアサポート相談",
            "セイシンショウガイピアサポートソウダン",
            "精神障害を経験したピアサポーターが相談に応じます。",
            ("need.mental", "attr.peer"),
            hours("水", "13:00", "16:00"),
        ),
        (
            "shuwa_salon",
            "手話サロン",
            "シュワサロン",
            "ろう者と手話を学ぶ人が集まって話すサロンです。",
            ("type.salon", "attr.peer", "attr.no_signboard"),
            hours("土", "10:00", "12:00", nth=2),
        ),
        (
            "hattatsu_oya",
            "発達が気になる子の親の会",
            "ハッタツガキニナルコノオヤノカイ",
            "子どもの発達が気になる親どうしで話す会です。",
            ("need.childcare", "audience.parents", "attr.peer"),
            hours("金", "10:00", "12:00", nth=2),
        ),
    ):
        window(
            town,
            key,
            name,
            kana,
            "midorikai",
            "fukushi_center",
            text,
            ("need.disability", "attr.free", *extra),
            (when,),
        )
    for i, (name, kana, work) in enumerate(
        (
            ("パン工房 むぎ", "パンコウボウ ムギ", "パンづくりと販売"),
            ("はたけ工房", "ハタケコウボウ", "野菜づくり"),
            ("手しごと屋 ことり", "テシゴトヤ コトリ", "雑貨づくり"),
        )
    ):
        d = DISTRICTS[(i * 5 + 3) % len(DISTRICTS)]
        town.add(
            Spec(
                key=f"shuro_b_{i}",
                name=f"就労継続支援B型 {name}",
                kana=f"シュウロウケイゾクシエンビーガタ {kana}",
                org="midorikai",
                place=town.place(f"shuro_b_{i}", name, kana, d.name, org="midorikai"),
                description=f"障害のある方が自分のペースで働ける場所です（{work}）。見学できます。",
                terms=(
                    "need.disability",
                    "need.work",
                    "audience.adults",
                    "channel.in_person",
                    "attr.peer",
                ),
                hours=(hours("平日", "9:30", "15:30"),),
                phone=town.phone(),
                cost=Cost("利用者負担", None, "障害福祉サービスの利用者負担（多くの方は無料）"),
            )
        )
