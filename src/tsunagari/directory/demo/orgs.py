"""The demo town's public bodies and large welfare corporations, and the public buildings
that many services share (市役所, 福祉センター, 公民館, 図書館 …)."""

from __future__ import annotations

from .town import Town

CITY_DEPARTMENTS: tuple[tuple[str, str, str, str], ...] = (
    # key, name, kana, what it does
    (
        "city_kodoku",
        "地域福祉課 孤独・孤立対策担当",
        "チイキフクシカ コドクコリツタイサクタントウ",
        "孤独・孤立対策の推進と、分野をこえた相談のつなぎ役",
    ),
    ("city_korei", "高齢福祉課", "コウレイフクシカ", "高齢の方の暮らしと介護保険"),
    ("city_shogai", "障害福祉課", "ショウガイフクシカ", "障害のある方の福祉サービス"),
    ("city_kodomo", "こども家庭課", "コドモカテイカ", "子育て支援、ひとり親家庭、子どもの相談"),
    ("city_kenko", "健康づくり課（保健センター）", "ケンコウヅクリカ", "母子保健、こころの健康"),
    ("city_seikatsu", "生活支援課", "セイカツシエンカ", "生活保護と生活困窮の相談"),
    ("city_kyodo", "市民協働課", "シミンキョウドウカ", "市民活動、国際交流、多文化共生"),
    (
        "city_danjo",
        "人権・男女共同参画課",
        "ジンケン・ダンジョキョウドウサンカクカ",
        "人権、女性の相談、性の多様性",
    ),
    (
        "city_shogaku",
        "教育委員会 生涯学習課",
        "キョウイクイインカイ ショウガイガクシュウカ",
        "公民館、図書館、生涯学習",
    ),
    (
        "city_kyoiku",
        "教育委員会 教育相談課",
        "キョウイクイインカイ キョウイクソウダンカ",
        "学校生活や不登校の相談",
    ),
    ("city_shohi", "消費生活センター", "ショウヒセイカツセンター", "契約や悪質商法のトラブル"),
    ("city_shoko", "商工観光課", "ショウコウカンコウカ", "しごとの相談と地域の産業"),
)

WELFARE_BODIES: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "shakyo",
        "社会福祉法人つながり市社会福祉協議会",
        "ツナガリシシャカイフクシキョウギカイ",
        "社会福祉法人",
        "地域の支えあい、ボランティア、なんでも相談を進める民間の福祉団体です。",
    ),
    (
        "fukushikai",
        "社会福祉法人つながり福祉会",
        "ツナガリフクシカイ",
        "社会福祉法人",
        "高齢の方の介護と地域包括支援センターの運営をしています。",
    ),
    (
        "midorikai",
        "社会福祉法人みどり会",
        "ミドリカイ",
        "社会福祉法人",
        "障害のある方の相談支援と、地域包括支援センターの運営をしています。",
    ),
    (
        "sakurakai",
        "医療法人社団さくら会",
        "サクラカイ",
        "医療法人",
        "地域のクリニックと訪問看護を運営し、社会的処方に取り組んでいます。",
    ),
    (
        "pref_jido",
        "架空県中央児童相談所",
        "カクウケンチュウオウジドウソウダンジョ",
        "地方公共団体",
        "子どもと家庭の相談、虐待の通告を受ける県の機関です。",
    ),
    (
        "pref_hoken",
        "架空県つながり保健所",
        "カクウケンツナガリホケンジョ",
        "地方公共団体",
        "こころの健康、依存症、感染症などの相談を受ける県の機関です。",
    ),
    (
        "bengoshi",
        "架空県弁護士会",
        "カクウケンベンゴシカイ",
        "弁護士会",
        "市民のための法律相談を行っています。",
    ),
)

# key, name, kana, district, owning org, building
PUBLIC_PLACES: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("city_hall", "つながり市役所 本庁舎", "ツナガリシヤクショ ホンチョウシャ", "本町", "city", ""),
    (
        "fukushi_center",
        "つながり市総合福祉センター",
        "ツナガリシソウゴウフクシセンター",
        "中央",
        "shakyo",
        "",
    ),
    (
        "hoken_center",
        "つながり市保健センター",
        "ツナガリシホケンセンター",
        "中央",
        "city_kenko",
        "",
    ),
    ("kominkan_chuo", "中央公民館", "チュウオウコウミンカン", "本町", "city_shogaku", ""),
    ("kominkan_kita", "北野公民館", "キタノコウミンカン", "北野", "city_shogaku", ""),
    ("kominkan_minami", "南台公民館", "ミナミダイコウミンカン", "南台", "city_shogaku", ""),
    ("kominkan_higashi", "東町公民館", "ヒガシマチコウミンカン", "東町", "city_shogaku", ""),
    (
        "library_chuo",
        "つながり市立中央図書館",
        "ツナガリシリツチュウオウトショカン",
        "駅前",
        "city_shogaku",
        "",
    ),
    (
        "library_kita",
        "中央図書館 北野分館",
        "チュウオウトショカン キタノブンカン",
        "北野",
        "city_shogaku",
        "",
    ),
    (
        "library_nishi",
        "中央図書館 西町分館",
        "チュウオウトショカン ニシマチブンカン",
        "西町",
        "city_shogaku",
        "",
    ),
    (
        "danjo_center",
        "男女共同参画センター「ひびき」",
        "ダンジョキョウドウサンカクセンター ヒビキ",
        "駅前",
        "city_danjo",
        "駅前つながりビル3階",
    ),
    (
        "kokusai_center",
        "つながり国際交流センター",
        "ツナガリコクサイコウリュウセンター",
        "駅前",
        "city_kyodo",
        "駅前つながりビル2階",
    ),
    (
        "kosodate_center",
        "子育て支援センター「ぽけっと」",
        "コソダテシエンセンター ポケット",
        "緑が丘",
        "city_kodomo",
        "",
    ),
    ("sakura_clinic", "さくら内科クリニック", "サクラナイカクリニック", "駅前", "sakurakai", ""),
)


def core_orgs(town: Town) -> None:
    """Register the city hall with its departments, the welfare bodies and the shared
    public buildings."""
    town.org(
        "city",
        "つながり市役所",
        "ツナガリシヤクショ",
        "つながり市（架空のまち）の市役所です。",
        legal_status="地方公共団体",
        website=True,
    )
    for key, name, kana, role in CITY_DEPARTMENTS:
        town.org(
            key,
            f"つながり市 {name}",
            f"ツナガリシ {kana}",
            f"市役所の{name}です（{role}）。",
            legal_status="地方公共団体",
            parent="city",
        )
    for key, name, kana, status, description in WELFARE_BODIES:
        town.org(key, name, kana, description, legal_status=status, website=True)
    for key, name, kana, district, org, building in PUBLIC_PLACES:
        town.place(key, name, kana, district, org=org, building=building, barrier_free=True)
