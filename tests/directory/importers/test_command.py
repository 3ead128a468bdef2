"""``tsunagari import`` as a user runs it: summaries, --dry-run, and bad input that exits
with status 2, names file, row and column, and writes nothing of that file."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tsunagari.directory import models as m

from .conftest import FIXTURES, KUDAMATSU_CARE, MACHIDA, YUZAWA, counts

pytestmark = pytest.mark.usefixtures("directory")


def run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=err)
    except CommandError as exc:
        err.write(str(exc))
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_import_prints_a_summary_per_file():
    status, out, _ = run(str(MACHIDA), str(YUZAWA))
    assert status == 0
    assert "132098_machida_kodomo_shokudo.csv: kodomo_shokudo 19 件 — サービス 新規 19" in out
    assert "yuzawa_life_event_soudan_madoguchi_2022.json" in out
    status, out, _ = run(str(MACHIDA))
    assert "新規 0 / 更新 0 / 変更なし 19" in out


def test_dry_run_checks_and_counts_but_writes_nothing():
    before = counts()
    status, out, _ = run(str(MACHIDA), "--dry-run")
    assert status == 0
    assert "新規 19" in out and "dry run" in out
    assert counts() == before
    assert not m.DataSource.objects.exists()


def test_unknown_municipality_option_is_refused():
    before = counts()
    status, _, err = run(str(YUZAWA), "--municipality", "999997")
    assert status == 2
    assert "999997" in err
    status, _, err = run(str(YUZAWA), "--municipality", "132099")  # bad check digit
    assert status == 2
    assert counts() == before


def test_municipality_option_accepts_five_digits():
    status, _, _ = run(str(YUZAWA), "--municipality", "13209")
    assert status == 0
    assert set(m.Service.objects.values_list("municipality_id", flat=True)) == {"132098"}


def write_variant(tmp_path: Path, source: Path, old: str, new: str, *, count: int = 1) -> Path:
    text = source.read_text(encoding="utf-8-sig")
    assert old in text
    path = tmp_path / source.name
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


# (name, make the bad file, what the message must name: row, column, reason)
BAD_INPUTS = [
    (
        "unknown header",
        lambda tmp: write_variant(
            tmp, MACHIDA, "全国地方公共団体コード,ID,都道府県", "自治体,番号,県"
        ),
        ["row 1", "unknown format"],
    ),
    (
        "broken quoting",
        lambda tmp: write_variant(tmp, MACHIDA, "132098,3,東京都", '132098,3,"東京都'),
        ["row 4", "引用符"],
    ),
    (
        "invalid coordinate",
        lambda tmp: write_variant(tmp, MACHIDA, "35.57641,139.46245", "35.57641,東経139"),
        ["row 2", "column 経度", "数値ではありません"],
    ),
    (
        "swapped coordinates",
        lambda tmp: write_variant(tmp, MACHIDA, "35.57641,139.46245", "139.46245,35.57641"),
        ["row 2", "column 緯度", "入れ替わって"],
    ),
    (
        "unknown municipality code (valid check digit)",
        lambda tmp: write_variant(tmp, MACHIDA, "132098,4,", "999997,4,"),
        ["row 5", "column 全国地方公共団体コード", "999997", "一覧にありません"],
    ),
    (
        "bad check digit",
        lambda tmp: write_variant(
            tmp, KUDAMATSU_CARE, "352071,KD0000900003", "352072,KD0000900003"
        ),
        ["row 4", "column 全国地方公共団体コード", "チェックディジット"],
    ),
    (
        "impossible time",
        lambda tmp: write_variant(tmp, MACHIDA, "17:30,18:30", "17:30,25:00"),
        ["row 2", "column 開催終了時間", "25:00"],
    ),
    (
        "impossible date",
        lambda tmp: write_variant(tmp, MACHIDA, "5,木,,17:30", "5,木,2025/2/30,17:30"),
        ["row 2", "column 開催日", "2025/2/30"],
    ),
]


@pytest.mark.parametrize(("name", "make", "expected"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_exits_2_names_the_place_and_writes_nothing(tmp_path, name, make, expected):
    run(str(YUZAWA))  # something already in the directory
    bad = make(tmp_path)
    before = counts()
    sources = m.DataSource.objects.count()
    status, _, err = run(str(bad))
    assert status == 2
    assert bad.name in err
    for part in expected:
        assert part in err
    assert counts() == before
    assert m.DataSource.objects.count() == sources


def test_bad_input_in_a_reimport_leaves_the_earlier_import_as_it_was(tmp_path):
    run(str(MACHIDA))
    before = counts()
    names = sorted(m.Service.objects.values_list("name", flat=True))
    # Row 2 changes its name (would be an update), row 3 has a broken time: nothing changes.
    text = MACHIDA.read_text(encoding="utf-8-sig")
    text = text.replace("にこにこ清風食堂", "別の名前", 1).replace("16:00,20:00", "16:00,28:00", 1)
    bad = tmp_path / MACHIDA.name
    bad.write_text(text, encoding="utf-8")
    status, _, err = run(str(bad))
    assert status == 2
    assert "row 3" in err and "column 開催終了時間" in err
    assert counts() == before
    assert sorted(m.Service.objects.values_list("name", flat=True)) == names


def test_other_files_stay_imported_and_the_message_says_so(tmp_path):
    bad = write_variant(tmp_path, KUDAMATSU_CARE, "34.0237061,131.8519855", "x,131.8519855")
    status, out, err = run(str(MACHIDA), str(bad))
    assert status == 2
    assert "新規 19" in out
    assert "取り込み済み" in err and MACHIDA.name in err
    assert m.Service.objects.count() == 19


def test_the_older_generation_fixture_imports_through_the_command():
    status, out, _ = run(str(FIXTURES / "352071_kudamatsu_care_service_older_generation.csv"))
    assert status == 0
    assert "standard:kaigo 3 件" in out


def test_the_console_command_exits_with_status_2(tmp_path):
    import os
    import subprocess
    import sys

    bad = write_variant(tmp_path, MACHIDA, "17:30,18:30", "17:30,25:00")
    root = Path(__file__).resolve().parents[3]
    env = {
        **os.environ,
        "PYTHONPATH": str(root / "src"),
        "TSUNAGARI_DEBUG": "1",
        "TSUNAGARI_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)  # its own SQLite file in tmp_path
    tsunagari = [sys.executable, "-m", "tsunagari"]
    for setup in (["migrate", "-v0"], ["load_reference"]):
        subprocess.run([*tsunagari, *setup], env=env, capture_output=True, check=True, timeout=300)
    proc = subprocess.run(
        [*tsunagari, "import", str(bad)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert bad.name in proc.stderr
    assert "row 2" in proc.stderr and "開催終了時間" in proc.stderr
