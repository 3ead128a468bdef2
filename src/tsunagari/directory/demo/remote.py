"""Ways to connect without going anywhere, part 1: chat, LINE and mail, and phone
lines (some around the clock)."""

from __future__ import annotations

from .town import Spec, Town, always, hours

REMOTE = ("attr.free", "attr.anonymous")
LATE = hours("毎日", "17:00", "22:00")


def remote_services(town: Town) -> None:
    _chat_and_sns(town)
    _phone(town)


def _chat_and_sns(town: Town) -> None:
    rows = (
        (
            "line_tsunagari",
            "LINE相談「つながりトーク」",
            "ラインソウダン ツナガリトーク",
            "city_kodoku",
            "話したいこと、ひとりでかかえている気持ちを、LINEで送ってください。名前は言わなくて大丈夫です。",
            ("channel.sns", "need.general", "need.talk", "need.crisis", "audience.everyone"),
            (LATE,),
        ),
        (
            "sns_kodomo",
            "子どものSNS相談",
            "コドモノエスエヌエスソウダン",
            "city_kyoiku",
            "学校のこと、友だちや家族のことを、LINEで相談できます。",
            ("channel.sns", "need.school", "audience.children"),
            (hours("毎日", "16:00", "21:00"),),
        ),
        (
            "chat_wakamono",
            "若者チャット相談「よりみちチャット」",
            "ワカモノチャットソウダン ヨリミチチャット",
            "npo_yorimichi",
            "10代・20代のためのチャット相談です。市外に住んでいても使えます。",
            ("channel.chat", "need.talk", "need.mental", "audience.youth", "attr.out_of_area"),
            (hours("月水金土", "18:00", "22:00"),),
        ),
        (
            "sns_josei",
            "女性のためのSNS相談",
            "ジョセイノタメノエスエヌエスソウダン",
            "city_danjo",
            "暴力やハラスメント、生きづらさについて、女性の相談員がLINEで応じます。",
            ("channel.sns", "need.violence", "audience.women", "attr.same_gender"),
            (LATE,),
        ),
        (
            "line_kosodate",
            "子育てLINE相談",
            "コソダテラインソウダン",
            "city_kodomo",
            "子育ての心配ごとを、保育士や保健師にLINEで相談できます。",
            ("channel.sns", "need.childcare", "audience.parents"),
            (hours("平日", "9:00", "21:00"), hours("土日", "10:00", "17:00")),
        ),
        (
            "sns_tagengo",
            "外国人のためのSNS相談（多言語）",
            "ガイコクジンノタメノエスエヌエスソウダン",
            "city_kyodo",
            "Facebook Messenger や LINE で、いろいろな言語で相談できます。",
            ("channel.sns", "need.foreign", "audience.everyone", "attr.multilingual"),
            (hours("火木土", "10:00", "20:00"),),
        ),
        (
            "chat_rainbow",
            "LGBTQ+チャット相談",
            "エルジービーティーキュープラスチャットソウダン",
            "npo_rainbow",
            "性のあり方について、当事者の相談員とチャットで話せます。",
            ("channel.chat", "need.lgbtq", "audience.youth", "attr.peer", "attr.out_of_area"),
            (hours("水土", "19:00", "22:00"),),
        ),
        (
            "line_carer",
            "ヤングケアラーLINE相談",
            "ヤングケアラーラインソウダン",
            "npo_carers",
            "家族のお世話をしている人が、LINEで気軽に話せます。",
            ("channel.sns", "need.young_carer", "audience.youth", "audience.children", "attr.peer"),
            (hours("毎日", "16:00", "22:00"),),
        ),
        (
            "mail_kokoro",
            "こころのメール相談",
            "ココロノメールソウダン",
            "city_kenko",
            "こころの不調について、メールで相談できます。3日以内に保健師が返信します。",
            ("channel.email", "need.mental", "audience.everyone"),
            (),
        ),
        (
            "mail_shohi",
            "消費生活メール相談",
            "ショウヒセイカツメールソウダン",
            "city_shohi",
            "契約や悪質商法のトラブルを、メールで相談できます。",
            ("channel.email", "need.legal", "audience.everyone"),
            (),
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
                terms=("type.consultation", *REMOTE, *terms),
                hours=when,
                url=town.url(key),
                email=f"{key.replace('_', '-')}@tsunagari-city.example"
                if "channel.email" in terms
                else "",
                anywhere="attr.out_of_area" in terms,
            )
        )


def _phone(town: Town) -> None:
    rows = (
        (
            "yakan_kokoro",
            "こころの夜間電話相談",
            "ココロノヤカンデンワソウダン",
            "city_kenko",
            "夜、不安で眠れないときに、電話で話を聞きます。",
            ("need.mental", "audience.everyone"),
            (hours("毎日", "18:00", "22:00"),),
        ),
        (
            "yakan_kosodate",
            "子育て夜間電話",
            "コソダテヤカンデンワ",
            "city_kodomo",
            "夜の子育ての不安を、電話で相談できます。",
            ("need.childcare", "audience.parents"),
            (hours("毎日", "19:00", "22:00"),),
        ),
        (
            "fureai_denwa",
            "ふれあい電話（お話し相手）",
            "フレアイデンワ",
            "shakyo",
            "ひとり暮らしの方に、ボランティアが週に1回お電話してお話しします。",
            ("need.talk", "need.elderly", "audience.seniors"),
            (hours("平日", "10:00", "16:00"),),
        ),
        (
            "inochi_24",
            "いのちと暮らしの相談ダイヤル（24時間）",
            "イノチトクラシノソウダンダイヤル",
            "city_kodoku",
            "死にたい・消えたいと感じるとき、つらくてたまらないとき、いつでも電話してください。24時間つながります。",
            ("need.crisis", "need.mental", "need.general", "audience.everyone", "attr.out_of_area"),
            (always(),),
        ),
        (
            "dv_24",
            "DV・性暴力の相談ダイヤル（24時間）",
            "ディーブイ・セイボウリョクノソウダンダイヤル",
            "city_danjo",
            "暴力を受けているとき、いつでも電話してください。安全な避難先もいっしょに考えます。",
            (
                "need.violence",
                "need.crisis",
                "audience.women",
                "audience.everyone",
                "attr.same_gender",
            ),
            (always(),),
        ),
        (
            "jido_24",
            "児童相談所 相談専用ダイヤル（24時間）",
            "ジドウソウダンジョ ソウダンセンヨウダイヤル",
            "pref_jido",
            "子育ての悩みや、子どもの虐待が心配なとき、24時間相談できます。",
            ("need.childcare", "need.violence", "audience.children", "audience.parents"),
            (always(),),
        ),
        (
            "kaigo_24",
            "介護の夜間・休日電話（24時間）",
            "カイゴノヤカン・キュウジツデンワ",
            "fukushikai",
            "介護のことで困ったとき、夜間や休日も24時間電話で相談できます。",
            ("need.elderly", "need.young_carer", "audience.family", "audience.seniors"),
            (always(),),
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
                terms=("type.hotline", "channel.phone", *REMOTE, *terms),
                hours=when,
                phone=town.phone(),
                anywhere="attr.out_of_area" in terms,
            )
        )
