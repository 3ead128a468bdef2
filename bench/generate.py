"""Generate large files in the real municipal layouts for the import benchmarks.

The rows copy the shape of the shipped real files (header, value styles) with
synthetic names, addresses and coordinates; nothing here is real data.

    python bench/generate.py --rows 500000 --layout kaigo --out bench/out/kaigo.csv
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src/tsunagari/directory/data/opendata"
FIXTURES = ROOT / "tests/fixtures/opendata"
LAYOUTS = {
    "kaigo": DATA / "352071_kudamatsu_care_service_subset35.csv",
    "kosodate": DATA / "352071_kudamatsu_preschool_subset.csv",
    "iryo": FIXTURES / "132098_synthetic_medical_institution_current.csv",
    "kokyo": FIXTURES / "131199_itabashi_public_facility_subset.csv",
    "kodomo": DATA / "132098_machida_kodomo_shokudo.csv",
}
KINDS = {
    "kaigo": [
        "居宅介護支援事業所",
        "訪問介護",
        "通所介護",
        "地域包括支援センター",
        "短期入所生活介護",
    ],
    "kosodate": [
        "認可公立保育所",
        "認可私立保育所",
        "小規模保育施設",
        "認定こども園",
        "子育て支援センター",
    ],
    "iryo": ["病院", "無床診療所", "有床診療所", "歯科診療所"],
    "kokyo": ["公民館", "図書館", "児童館", "集会所", "区民事務所"],
    "kodomo": ["食事支援", "居場所", "学習支援"],
}
SYLLABLES = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよわ"


def read_template(layout: str) -> tuple[list[str], list[list[str]]]:
    with LAYOUTS[layout].open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def synthetic_row(
    header: list[str], template: list[str], n: int, layout: str, rng: random.Random
) -> list[str]:
    row = dict(zip(header, template, strict=False))
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
    kind = rng.choice(KINDS[layout])
    if layout == "kaigo":
        row["ID"] = f"BENCH{n:08d}"
        row["介護サービス事業所名称"] = f"{name}{kind}"
        row["介護サービス事業所名称_カナ"] = ""
        row["実施サービス"] = kind
        row["所在地_連結表記"] = f"山口県下松市大字西豊井{n % 2000 + 1}-{n % 7 + 1}"
        row["所在地_町字"] = "大字西豊井"
        row["所在地_番地以下"] = f"{n % 2000 + 1}-{n % 7 + 1}"
    elif layout in ("iryo", "kokyo"):
        row["ID"] = f"BENCH{n:08d}"
        row["名称"] = f"{name}{'クリニック' if layout == 'iryo' else kind}"
        row["名称_カナ"] = ""
        if layout == "iryo":
            row["医療機関の種類"] = kind
        town = f"{name[:2]}町"
        number = f"{n % 2000 + 1}-{n % 7 + 1}"
        row["所在地_連結表記"] = f"{row['所在地_都道府県']}{row['所在地_市区町村']}{town}{number}"
        row["所在地_町字"] = town
        row["所在地_番地以下"] = number
    elif layout == "kosodate":
        row["ID"] = f"BENCH{n:08d}"
        row["名称"] = f"{name}保育園"
        row["名称_カナ"] = ""
        row["種別"] = kind
        row["所在地_連結表記"] = f"山口県下松市潮音町{n % 50 + 1}-{n % 9 + 1}"
    else:
        row["ID"] = str(n)
        row["名称"] = f"{name}食堂"
        row["名称_カナ"] = ""
        row["設置目的"] = kind
        row["住所"] = f"東京都町田市金井{n % 9 + 1}-{n % 30 + 1}-{n % 5 + 1}"
    lat_key, lon_key = "緯度", "経度"
    row[lat_key] = f"{34.0 + rng.random() * 0.05:.6f}"
    row[lon_key] = f"{131.8 + rng.random() * 0.1:.6f}"
    return [row.get(col, "") for col in header]


def generate(layout: str, rows: int, out: Path, seed: int = 1) -> Path:
    header, templates = read_template(layout)
    rng = random.Random(seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        for n in range(1, rows + 1):
            writer.writerow(synthetic_row(header, templates[n % len(templates)], n, layout, rng))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--layout", choices=sorted(LAYOUTS), default="kaigo")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    print(generate(args.layout, args.rows, args.out))


if __name__ == "__main__":
    main()
