"""Consultation windows, part 4: women and men, foreign residents, young carers."""

from __future__ import annotations

from .consult import OFFICE, window
from .town import Cost, Spec, Town, hours

LANGUAGES = (
    ("英語", "en"),
    ("中国語", "zh"),
    ("ベトナム語", "vi"),
    ("ポルトガル語", "pt"),
    ("タガログ語", "tl"),
    ("ネパール語", "ne"),
    ("やさしい日本語", "ja"),
)


def consult_people(town: Town) -> None:
    _women_and_men(town)
    _foreign(town)
    _young_carers(town)


def _women_and_men(town: Town) -> None:
    window(
        town,
        "josei_soudan",
        "女性相談（女性相談支援員）",
        "ジョセイソウダン",
        "city_danjo",
        "city_hall",
        (
            "夫やパートナーからの暴力、家族や暮らしの悩みなど、女性の相談を女性の相談員が聞きます。"
            "相談の秘密は守られます。"
        ),
        (
            "need.violence",
            "need.general",
            "audience.women",
            "attr.free",
            "attr.same_gender",
            "attr.accompany",
        ),
    )
    window(
        town,
        "josei_kokoro",
        "女性のためのこころの相談",
        "ジョセイノタメノココロノソウダン",
        "city_danjo",
        "danjo_center",
        "女性のカウンセラーが、生き方や人間関係の悩みを聞きます（予約制）。",
        ("need.mental", "audience.women", "attr.free", "attr.same_gender"),
        (hours("水", "18:00", "20:30"), hours("土", "10:00", "16:00", nth=2)),
    )
    npo = town.org(
        "npo_hibiki",
        "NPO法人女性のひろば ひびき",
        "ジョセイノヒロバ ヒビキ",
        "女性の居場所と、ひとり親家庭の交流の場を開いています。",
        legal_status="特定非営利活動法人",
    )
    for key, name, kana, text, extra, when in (
        (
            "josei_ibasho",
            "女性のための居場所「ひだまりルーム」",
            "ジョセイノタメノイバショ ヒダマリルーム",
            "女性がひとりでほっと過ごせる部屋です。生理用品の配布もしています。",
            ("type.ibasho", "need.talk", "attr.no_signboard", "attr.no_booking"),
            hours("火金", "11:00", "17:00"),
        ),
        (
            "single_mother",
            "ひとり親のおしゃべり会",
            "ヒトリオヤノオシャベリカイ",
            "ひとりで子育てをしている方どうしの交流会です。子ども連れで参加できます。",
            ("type.salon", "need.childcare", "audience.parents", "attr.peer"),
            hours("日", "10:00", "12:00", nth=1),
        ),
    ):
        town.add(
            Spec(
                key=key,
                name=name,
                kana=kana,
                org=npo,
                place="danjo_center",
                description=text,
                hours=(when,),
                phone=town.phone(),
                terms=(
                    "channel.in_person",
                    "audience.women",
                    "attr.free",
                    "attr.same_gender",
                    *extra,
                ),
            )
        )
    town.add(
        Spec(
            key="dansei_denwa",
            name="男性のための電話相談",
            kana="ダンセイノタメノデンワソウダン",
            org="city_danjo",
            description="仕事や家族、生き方の悩みを、男性の相談員が電話で聞きます。名前は言わなくてかまいません。",
            terms=(
                "type.hotline",
                "need.general",
                "need.mental",
                "audience.men",
                "channel.phone",
                "attr.same_gender",
                "attr.anonymous",
                "attr.free",
            ),
            hours=(hours("月", "19:00", "21:00"), hours("土", "13:00", "16:00", nth=2)),
            phone=town.phone(),
        )
    )


def _foreign(town: Town) -> None:
    window(
        town,
        "tagengo",
        "外国人のための生活相談（多言語）",
        "ガイコクジンノタメノセイカツソウダン",
        "city_kyodo",
        "kokusai_center",
        (
            "日本での暮らしの困りごとを、通訳やタブレット通訳を使って相談できます。"
            "Consultation for foreign residents in many languages."
        ),
        ("need.foreign", "audience.everyone", "channel.online", "attr.free", "attr.multilingual"),
        (OFFICE, hours("日", "10:00", "16:00", nth=2)),
        languages=LANGUAGES,
    )
    window(
        town,
        "gyosei_foreign",
        "在留手続きの相談（行政書士）",
        "ザイリュウテツヅキノソウダン",
        "city_kyodo",
        "kokusai_center",
        "在留資格や手続きについて行政書士が相談に応じます（予約制）。",
        ("need.foreign", "need.legal", "audience.adults", "attr.free", "attr.multilingual"),
        (hours("土", "13:00", "16:00", nth=1),),
        languages=LANGUAGES[:4],
    )
    npo = town.org(
        "npo_world",
        "NPO法人ワールドフレンズつながり",
        "ワールドフレンズツナガリ",
        "日本語教室と、外国につながる子どもの学習支援をしています。",
        legal_status="特定非営利活動法人",
        website=True,
    )
    for i, (place, when) in enumerate(
        (
            ("kokusai_center", hours("日", "10:00", "12:00")),
            ("kominkan_chuo", hours("水", "19:00", "21:00")),
            ("kominkan_minami", hours("土", "14:00", "16:00")),
            ("kominkan_higashi", hours("火", "19:00", "20:30")),
        )
    ):
        hall = town.places[place].name
        town.add(
            Spec(
                key=f"nihongo_{i}",
                name=f"日本語教室（{hall}）",
                kana="ニホンゴキョウシツ",
                org=npo,
                place=place,
                description=(
                    "ボランティアといっしょに、暮らしに役立つ日本語を学びます。"
                    "おしゃべりしながら友だちもできます。Japanese class with volunteers."
                ),
                terms=(
                    "type.activity",
                    "need.foreign",
                    "need.talk",
                    "audience.adults",
                    "channel.in_person",
                    "attr.multilingual",
                    "attr.peer",
                    "attr.no_booking",
                ),
                hours=(when,),
                cost=Cost("参加費", 100.0, "1回100円（教材代）"),
                languages=(("やさしい日本語", "ja"), ("英語", "en")),
            )
        )
    town.add(
        Spec(
            key="foreign_kids",
            name="外国につながる子どもの学習教室",
            kana="ガイコクニツナガルコドモノガクシュウキョウシツ",
            org=npo,
            place="kokusai_center",
            description="日本語や学校の勉強を、ボランティアがいっしょに見ます。保護者の相談も受けます。",
            terms=(
                "need.foreign",
                "need.school",
                "audience.children",
                "audience.parents",
                "channel.in_person",
                "attr.multilingual",
                "attr.free",
            ),
            hours=(hours("土", "10:00", "12:00"),),
            languages=LANGUAGES[:3],
            max_age=18,
        )
    )


def _young_carers(town: Town) -> None:
    window(
        town,
        "young_carer",
        "ヤングケアラー相談窓口",
        "ヤングケアラーソウダンマドグチ",
        "city_kodomo",
        "city_hall",
        (
            "家族の世話や介護、きょうだいの世話をしている子ども・若者の相談窓口です。"
            "学校や福祉と相談しながら、負担を減らす方法をいっしょに考えます。"
        ),
        (
            "need.young_carer",
            "audience.children",
            "audience.youth",
            "channel.email",
            "attr.free",
            "attr.accompany",
        ),
        email="carer@tsunagari-city.example",
    )
    carer = town.org(
        "npo_carers",
        "NPO法人ケアラーズつながり",
        "ケアラーズツナガリ",
        "家族をケアする子ども・若者の居場所と相談を行っています。",
        legal_status="特定非営利活動法人",
        website=True,
    )
    town.add(
        Spec(
            key="young_carer_tsudoi",
            name="ヤングケアラーのつどい「ひとやすみ」",
            kana="ヤングケアラーノツドイ ヒトヤスミ",
            org=carer,
            place="fukushi_center",
            description="家族のケアをしている同じ世代の人と、話したり遊んだりできる会です。話したくなければ話さなくて大丈夫。",
            terms=(
                "type.ibasho",
                "need.young_carer",
                "audience.children",
                "audience.youth",
                "channel.in_person",
                "attr.peer",
                "attr.free",
                "attr.anonymous",
            ),
            hours=(hours("日", "13:00", "16:00", nth=2),),
            phone=town.phone(),
            min_age=10,
            max_age=25,
        )
    )
