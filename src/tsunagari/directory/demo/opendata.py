"""The real municipal open-data files shipped in ``data/opendata/``, imported next to the
demo so their attribution (publisher, licence) is visible."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tsunagari.audit.services import Actor

from ..importers import ImportProblem, ImportResult, import_file
from ..reference import DATA_DIR

OPENDATA_DIR = DATA_DIR / "opendata"
NOT_DATA = {"SOURCES.md"}


@dataclass
class OpendataOutcome:
    file: str
    result: ImportResult | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.result is not None


def demo_opendata_files(directory: Path = OPENDATA_DIR) -> list[Path]:
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and p.name not in NOT_DATA and not p.name.startswith(".")
    )


def demo_opendata_load(
    directory: Path = OPENDATA_DIR, *, actor: Actor | None = None
) -> list[OpendataOutcome]:
    """Import every file (each in its own transaction, as ``import_file`` does). A file
    that fails is reported in its outcome and the others still load; the caller decides
    how to signal failure."""
    outcomes = []
    for path in demo_opendata_files(directory):
        try:
            result = import_file(path, actor=actor)
        except ImportProblem as problem:
            outcomes.append(OpendataOutcome(path.name, problem=str(problem)))
        except Exception as exc:  # an importer bug must not hide the other files
            outcomes.append(OpendataOutcome(path.name, problem=f"{type(exc).__name__}: {exc}"))
        else:
            outcomes.append(OpendataOutcome(path.name, result=result))
    return outcomes
