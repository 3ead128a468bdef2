"""Reference data every deployment has: the municipality list and the tsunagari
taxonomy. Both loads are idempotent."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from tsunagari.audit.services import Actor

from .ids import taxonomy_id, term_id
from .models import Municipality
from .services import DirectoryWriter

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "municipalities.csv"
TAXONOMY_CSV = DATA_DIR / "taxonomy.csv"
MUNICIPALITY_COLUMNS = [
    "code",
    "prefecture",
    "municipality",
    "prefecture_kana",
    "municipality_kana",
    "latitude",
    "longitude",
]

TAXONOMIES = {
    "need": ("困りごと", "What is on a person's mind (needs)."),
    "audience": ("対象", "Who a service is for (audiences)."),
    "channel": ("つながり方", "How people reach a service (channels)."),
    "attribute": ("特徴", "Features that make a service easier to use (attributes)."),
    "service_type": ("種類", "What kind of resource it is (service types)."),
}


def check_digit(code5: str) -> str:
    """The check digit of a 5-digit 地方公共団体コード (JIS X 0402, modulus 11)."""
    total = sum(int(d) * w for d, w in zip(code5, (6, 5, 4, 3, 2), strict=True))
    return str((11 - total % 11) % 10)


def normalise_code(raw: str) -> str | None:
    """A 6-digit code with a valid check digit, from 6 digits or 5 without the check
    digit; None when it is not a valid code."""
    code = raw.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if len(code) == 5 and code.isdigit():
        return code + check_digit(code)
    if len(code) == 6 and code.isdigit() and check_digit(code[:5]) == code[5]:
        return code
    return None


@transaction.atomic
def municipalities_load(path: Path = MUNICIPALITIES_CSV) -> int:
    """Insert or update every row of a municipality list; returns the number of rows."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = set(MUNICIPALITY_COLUMNS) - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
        rows = []
        for line, row in enumerate(reader, start=2):
            code = normalise_code(row["code"])
            if code is None:
                raise ValueError(f"{path.name}, row {line}, column code: invalid {row['code']!r}")
            rows.append(
                Municipality(
                    code=code,
                    prefecture=row["prefecture"].strip(),
                    name=row["municipality"].strip(),
                    prefecture_kana=row["prefecture_kana"].strip(),
                    name_kana=row["municipality_kana"].strip(),
                    latitude=float(row["latitude"]) if row["latitude"] else None,
                    longitude=float(row["longitude"]) if row["longitude"] else None,
                )
            )
    Municipality.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[
            "prefecture",
            "name",
            "prefecture_kana",
            "name_kana",
            "latitude",
            "longitude",
        ],
    )
    return len(rows)


def taxonomy_rows() -> list[dict[str, str]]:
    with TAXONOMY_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@transaction.atomic
def taxonomy_seed(actor: Actor | None = None) -> int:
    """Create or update the taxonomies and terms of DESIGN.md §4 (audited)."""
    writer = DirectoryWriter(actor=actor or Actor(label="system:taxonomy"))
    writer.add(
        {
            "taxonomy": [
                {
                    "id": taxonomy_id(key),
                    "name": name,
                    "description": description,
                    "uri": "",
                    "version": "1",
                }
                for key, (name, description) in TAXONOMIES.items()
            ],
            "taxonomy_term": [
                {
                    "id": term_id(row["code"]),
                    "code": row["code"],
                    "name": row["name"],
                    "name_en": row["name_en"],
                    "description": row["description"],
                    "taxonomy": row["taxonomy"],
                    "taxonomy_id": taxonomy_id(row["taxonomy"]),
                    "language": "ja",
                }
                for row in taxonomy_rows()
            ],
        },
        complete=False,
    )
    writer.finish()
    return len(taxonomy_rows())
