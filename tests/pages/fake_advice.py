"""A stand-in for ``navigator.advice.advise`` with the contract's shapes, so the
navigator's screens are tested apart from the recommendation engine."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class FakeLine:
    name: str
    phone: str
    hours: str
    url: str = ""
    notes: str = ""


@dataclass
class FakeRecommendation:
    service_id: uuid.UUID
    name: str
    kind: str
    channels: list[str]
    why: str
    open_now: bool | None
    phone: str = ""
    url: str = ""


@dataclass
class FakeAdvice:
    crisis: bool
    crisis_lines: list[FakeLine] = field(default_factory=list)
    recommendations: list[FakeRecommendation] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)


@pytest.fixture
def fake_advise(monkeypatch):
    """Replaces the advice call; returns the list of (answers, record) it was called with.
    Text containing 死にたい is a crisis; the options are the given services."""
    from tsunagari.navigator import views

    calls: list[tuple[dict[str, Any], bool]] = []
    state: dict[str, Any] = {"services": []}

    def advise(answers: dict[str, Any], *, record: bool) -> FakeAdvice:
        calls.append((answers, record))
        crisis = "死にたい" in answers["text"] or "need.crisis" in answers["topics"]
        kinds = ["place", "person", "specialist", "remote"]
        options = [
            FakeRecommendation(
                service_id=s.id,
                name=s.name,
                kind=kinds[i % 4],
                channels=["in_person"] if i == 0 else ["phone", "sns"],
                why=f"理由{i}",
                open_now=i == 1 or None,
                phone="0120-279-338" if i == 3 else "",
            )
            for i, s in enumerate(state["services"])
        ]
        lines = [FakeLine("いのちの電話", "0120-783-556", "24時間")] if crisis else []
        return FakeAdvice(crisis=crisis, crisis_lines=lines, recommendations=options)

    monkeypatch.setattr(views, "advise_answers", advise)
    return type("Fake", (), {"calls": calls, "state": state})
