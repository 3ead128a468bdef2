"""The datasets of the 自治体標準オープンデータセット this importer reads, in both header
generations, as data: which columns identify a dataset and which columns hold what.

Header keys, from published definitions and files (see tests/fixtures/opendata/SOURCES.md):

* current generation (デジタル庁 自治体標準オープンデータセット): ``全国地方公共団体コード,
  ID, 地方公共団体名, <名称>, <名称>_カナ, …, 所在地_連結表記, 所在地_都道府県,
  所在地_市区町村, 所在地_町字, 所在地_番地以下, 建物名等(方書), 緯度, 経度, 電話番号, …,
  郵便番号, 法人番号, …`` (real files: 下松市 介護・子育て, 板橋区 公共施設).
* older generation (政府CIOポータル 推奨データセット): ``都道府県コード又は市区町村コード, NO,
  都道府県名, 市区町村名, <名称>, <名称>_カナ, …, 住所, 方書, 緯度, 経度, 電話番号, …``
  (column definitions: NEC-FIWARE/smart-data-models ``cio/*/datamodels.md``; a real
  北海道 医療機関 file uses ``No`` and ``所在地``).
"""

from __future__ import annotations

from dataclasses import dataclass

CODE_COLUMNS = ("全国地方公共団体コード", "都道府県コード又は市区町村コード")
ID_COLUMNS = ("ID", "NO", "No", "no")
ADDRESS_COLUMNS = ("所在地_連結表記", "住所", "所在地")
ADDRESS_PART_COLUMNS = ("所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下")
BUILDING_COLUMNS = ("建物名等(方書)", "方書")
LOCATION_CODE_COLUMN = "所在地_全国地方公共団体コード"
DAY_COLUMNS = ("利用可能曜日", "診療曜日")
OPENS_COLUMNS = ("開始時間", "診療開始時間")
CLOSES_COLUMNS = ("終了時間", "診療終了時間")
SCHEDULE_NOTE_COLUMNS = (
    "利用可能日時特記事項",
    "利用可能曜日特記事項",
    "利用可能時間特記事項",
    "診療日時特記事項",
)
ORGANIZATION_COLUMNS = ("法人の名称", "団体名")


@dataclass(frozen=True)
class DatasetSpec:
    kind: str  # id part and taxonomy-rule key: kaigo, kosodate, iryo, kokyo
    label: str
    name_column: str
    # All of these present (after NFKC) → this dataset.
    signature: tuple[str, ...]
    # Any of these present → NOT this dataset (a neighbouring one with the same names).
    excluded: tuple[str, ...] = ()
    # (column, label) pairs written into the service description.
    described: tuple[tuple[str, str], ...] = ()
    # Columns offered to the taxonomy rules besides the name.
    facts: tuple[str, ...] = ()


SPECS: tuple[DatasetSpec, ...] = (
    DatasetSpec(
        kind="kaigo",
        label="介護サービス事業所一覧",
        name_column="介護サービス事業所名称",
        signature=("介護サービス事業所名称",),
        described=(
            ("実施サービス", "実施サービス"),
            ("定員", "定員"),
            ("事業所番号", "事業所番号"),
        ),
        facts=("実施サービス",),
    ),
    DatasetSpec(
        kind="iryo",
        label="医療機関一覧",
        name_column="名称",
        signature=("名称", "医療機関の種類", "診療科目"),
        described=(
            ("医療機関の種類", "種類"),
            ("診療科目", "診療科目"),
            ("病床数", "病床数"),
            ("時間外における対応", "時間外の対応"),
        ),
        facts=("診療科目", "医療機関の種類"),
    ),
    DatasetSpec(
        kind="kosodate",
        label="子育て施設一覧",
        name_column="名称",
        signature=("名称", "種別", "受入年齢"),
        described=(
            ("種別", "種別"),
            ("受入年齢", "受入年齢"),
            ("収容定員", "収容定員"),
            ("一時預かりの有無", "一時預かり"),
            ("病児保育の有無", "病児保育"),
        ),
        facts=("種別", "一時預かりの有無"),
    ),
    DatasetSpec(
        kind="kokyo",
        label="公共施設一覧",
        name_column="名称",
        signature=("名称", "POIコード"),
        # 観光施設一覧 shares 名称 and POIコード but has fees and English descriptions.
        excluded=("料金(基本)", "説明_英語", "医療機関の種類", "介護サービス事業所名称"),
        described=(("説明", "説明"),),
        facts=(),
    ),
)


def match(columns: set[str]) -> tuple[DatasetSpec, str] | None:
    """(dataset, generation) for a normalised header, or None."""
    if CODE_COLUMNS[0] in columns and "ID" in columns:
        generation = "current"
    elif CODE_COLUMNS[1] in columns and any(c in columns for c in ID_COLUMNS[1:]):
        generation = "older"
    else:
        return None
    for spec in SPECS:
        if all(c in columns for c in spec.signature) and not any(
            c in columns for c in spec.excluded
        ):
            return spec, generation
    return None
