"""Name tables for the demo town: the places to be (子ども食堂, サロン, circles, cafés)
are many, so their names, readings and quirks are kept here as data."""

from __future__ import annotations

# (name, kana)
KODOMO_SHOKUDO: tuple[tuple[str, str], ...] = (
    ("ひまわり食堂", "ヒマワリショクドウ"),
    ("にじいろ食堂", "ニジイロショクドウ"),
    ("みんなの食卓 ぽかぽか", "ミンナノショクタク ポカポカ"),
    ("こども食堂 たんぽぽ", "コドモショクドウ タンポポ"),
    ("もぐもぐ広場", "モグモグヒロバ"),
    ("わいわい食堂", "ワイワイショクドウ"),
    ("ほっこり食堂", "ホッコリショクドウ"),
    ("てらこや食堂", "テラコヤショクドウ"),
    ("まんぷく食堂", "マンプクショクドウ"),
    ("おひさま食堂", "オヒサマショクドウ"),
    ("どんぐり食堂", "ドングリショクドウ"),
    ("あおぞら食堂", "アオゾラショクドウ"),
    ("三丁目食堂", "サンチョウメショクドウ"),
    ("えがお食堂", "エガオショクドウ"),
    ("はらぺこキッチン", "ハラペコキッチン"),
    ("ごはん会 さくら", "ゴハンカイ サクラ"),
    ("かぞく食堂 みのり", "カゾクショクドウ ミノリ"),
    ("ちゃぶ台の会", "チャブダイノカイ"),
    ("いただきます食堂", "イタダキマスショクドウ"),
    ("みらい食堂", "ミライショクドウ"),
    ("おかえり食堂", "オカエリショクドウ"),
    ("ぽかぽかキッチン", "ポカポカキッチン"),
    ("きずな食堂", "キズナショクドウ"),
    ("ゆうやけ食堂", "ユウヤケショクドウ"),
    ("こども食堂 よつば", "コドモショクドウ ヨツバ"),
    ("まるごはん", "マルゴハン"),
)
SHOKUDO_VENUES: tuple[tuple[str, str], ...] = (
    ("集会所", "シュウカイジョ"),
    ("地区センター", "チクセンター"),
    ("コミュニティ会館", "コミュニティカイカン"),
    ("つながり寺 客殿", "ツナガリデラ キャクデン"),
    ("カフェ こみち", "カフェ コミチ"),
    ("つながり教会 ホール", "ツナガリキョウカイ ホール"),
)

# Circles at the 公民館: (name, kana, extra terms, time band)
# time band: "am" 10:00-12:00, "pm" 13:30-15:30, "eve" 19:00-21:00, "sat" Saturday morning
CIRCLES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("囲碁クラブ", "イゴクラブ", ("audience.seniors",), "pm"),
    ("将棋クラブ", "ショウギクラブ", ("audience.seniors",), "pm"),
    ("コーラス「そよかぜ」", "コーラス ソヨカゼ", ("audience.adults",), "am"),
    ("手芸の会", "シュゲイノカイ", ("audience.women",), "am"),
    ("書道サークル", "ショドウサークル", ("audience.adults",), "pm"),
    ("太極拳の会", "タイキョクケンノカイ", ("audience.seniors",), "am"),
    ("男の料理教室", "オトコノリョウリキョウシツ", ("audience.men",), "sat"),
    ("夜のヨガ教室", "ヨルノヨガキョウシツ", ("audience.women", "audience.adults"), "eve"),
    ("写真クラブ", "シャシンクラブ", ("audience.adults",), "pm"),
    ("俳句の会", "ハイクノカイ", ("audience.seniors",), "pm"),
    ("卓球クラブ", "タッキュウクラブ", ("audience.adults",), "eve"),
    ("フラダンス同好会", "フラダンスドウコウカイ", ("audience.women",), "am"),
    ("絵手紙の会", "エテガミノカイ", ("audience.seniors",), "am"),
    ("社交ダンスサークル", "シャコウダンスサークル", ("audience.seniors",), "eve"),
    ("まち歩き・歴史の会", "マチアルキ・レキシノカイ", ("audience.adults",), "sat"),
    ("スマホなんでも相談会", "スマホナンデモソウダンカイ", ("audience.seniors",), "pm"),
    ("朗読の会", "ロウドクノカイ", ("audience.adults",), "am"),
    ("親子リトミック", "オヤコリトミック", ("audience.parents", "audience.children"), "am"),
    ("子ども将棋教室", "コドモショウギキョウシツ", ("audience.children",), "sat"),
    ("中高生バンド練習会", "チュウコウセイバンドレンシュウカイ", ("audience.youth",), "eve"),
    ("夜の読書会", "ヨルノドクショカイ", ("audience.adults", "audience.youth"), "eve"),
    ("健康マージャン", "ケンコウマージャン", ("audience.seniors",), "pm"),
    ("園芸クラブ", "エンゲイクラブ", ("audience.adults",), "am"),
    ("折り紙サークル", "オリガミサークル", ("audience.everyone",), "pm"),
    ("ウクレレの会", "ウクレレノカイ", ("audience.adults",), "eve"),
    ("ボードゲーム会", "ボードゲームカイ", ("audience.youth", "audience.adults"), "sat"),
    (
        "日本語でおしゃべりの会",
        "ニホンゴデオシャベリノカイ",
        ("need.foreign", "attr.multilingual"),
        "eve",
    ),
    ("編み物カフェ", "アミモノカフェ", ("audience.everyone",), "pm"),
    ("おやこ絵本の会", "オヤコエホンノカイ", ("audience.parents", "audience.children"), "sat"),
    ("シニアのパソコン教室", "シニアノパソコンキョウシツ", ("audience.seniors",), "am"),
)

# Community cafés and places to simply be: (name, kana, extra terms, evening?)
CAFES: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    ("えんがわカフェ", "エンガワカフェ", ("audience.seniors",), False),
    ("まちの縁側 ほっと", "マチノエンガワ ホット", ("audience.everyone",), False),
    (
        "多世代カフェ こもれび",
        "タセダイカフェ コモレビ",
        ("audience.children", "audience.seniors"),
        False,
    ),
    ("ひだまりカフェ", "ヒダマリカフェ", ("audience.parents",), False),
    (
        "商店街の縁側「よってって」",
        "ショウテンガイノエンガワ ヨッテッテ",
        ("audience.everyone",),
        False,
    ),
    ("寺カフェ 聴く庵", "テラカフェ キクアン", ("need.mental", "audience.adults"), False),
    ("だがし屋 ちびっこ", "ダガシヤ チビッコ", ("audience.children",), False),
    ("コミュニティスペース あいだ", "コミュニティスペース アイダ", ("audience.youth",), True),
    ("ブックカフェ よみち", "ブックカフェ ヨミチ", ("audience.adults",), True),
    ("夜カフェ ともしび", "ヨルカフェ トモシビ", ("audience.youth", "audience.adults"), True),
)

SPORTS_AND_GARDENS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    # name, kana, district, extra terms
    (
        "総合型スポーツクラブ つながりSC",
        "ソウゴウガタスポーツクラブ ツナガリエスシー",
        "南台",
        ("audience.everyone",),
    ),
    ("グラウンドゴルフの会", "グラウンドゴルフノカイ", "川辺", ("audience.seniors",)),
    ("ゆる走り部", "ユルハシリブ", "緑が丘", ("audience.adults", "audience.youth")),
    ("みんなの畑 ひだまり農園", "ミンナノハタケ ヒダマリノウエン", "東町", ("audience.everyone",)),
    (
        "コミュニティガーデン はなみち",
        "コミュニティガーデン ハナミチ",
        "若葉",
        ("audience.seniors",),
    ),
    (
        "親子で畑 どろんこ",
        "オヤコデハタケ ドロンコ",
        "旭",
        ("audience.parents", "audience.children"),
    ),
)

PARKS: tuple[tuple[str, str, str], ...] = (
    ("本町中央公園", "ホンチョウチュウオウコウエン", "本町"),
    ("緑が丘公園", "ミドリガオカコウエン", "緑が丘"),
    ("川辺ふれあい広場", "カワベフレアイヒロバ", "川辺"),
    ("桜台ちびっこ広場", "サクラダイチビッコヒロバ", "桜台"),
    ("北野の森公園", "キタノノモリコウエン", "北野"),
)

# Neighbourhood clubs of older residents: (name, kana, what they do)
ROJIN_CLUBS: tuple[tuple[str, str, str], ...] = (
    ("長寿会", "チョウジュカイ", "グラウンドゴルフと旅行"),
    ("いきいきクラブ", "イキイキクラブ", "健康体操と花だん づくり"),
    ("ことぶき会", "コトブキカイ", "カラオケと昔あそびの伝承"),
    ("若竹会", "ワカタケカイ", "子どもの登下校の見守り"),
    ("友愛クラブ", "ユウアイクラブ", "ひとり暮らしの会員への友愛訪問"),
    ("さわやか会", "サワヤカカイ", "ウォーキングとお茶会"),
)
