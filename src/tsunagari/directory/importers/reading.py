"""Reading municipal files: UTF-8 with or without a BOM, or CP932 (Shift_JIS as Windows
writes it), decided once per file."""

from __future__ import annotations

import io
from pathlib import Path

from .base import ImportProblem

HEAD_BYTES = 64 * 1024


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` when the file is valid UTF-8 (a BOM is dropped), else ``cp932``.
    Raises ImportProblem when it is neither."""
    with path.open("rb") as f:
        data = f.read()
    try:
        data.decode("utf-8")
        return "utf-8-sig"
    except UnicodeDecodeError as utf8_error:
        try:
            data.decode("cp932")
        except UnicodeDecodeError as exc:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise ImportProblem(
                f"the file is neither UTF-8 nor CP932 (Shift_JIS); undecodable byte "
                f"near byte {exc.start}",
                file=path.name,
                row=line,
            ) from exc
        return "cp932"


def open_text(path: Path) -> io.TextIOWrapper:
    """The file as text with universal newlines handled by the csv module (newline='')."""
    return io.TextIOWrapper(path.open("rb"), encoding=detect_encoding(path), newline="")


def read_head(path: Path) -> str:
    """The decoded start of the file, for format detection."""
    with path.open("rb") as f:
        raw = f.read(HEAD_BYTES)
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            # A multi-byte character cut at the end of the head is fine.
            if exc.start >= len(raw) - 4:
                return raw[: exc.start].decode(encoding)
    raise ImportProblem("the file is neither UTF-8 nor CP932 (Shift_JIS)", file=path.name)
