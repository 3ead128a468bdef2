"""The lines shown first when a resident's words suggest a crisis.

National lines come from ``directory/data/national_lines.csv`` (rows marked
``crisis=yes``), read once per process: the panel never depends on whether the lines were
loaded into the directory. When they were (``national_lines_load``), their schedules say
which are open now. A municipality's own crisis lines are added after the national ones:
services there with the term ``need.crisis`` given by the source (never an inferred one:
a word like 自殺 in a lecture's description must not make it a crisis line) that are open
24 hours (``attr.24h``, stated or inferred from their hours)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _

from tsunagari.directory.models import Attribute, Phone, Schedule, Service
from tsunagari.directory.national_lines import Line, national_lines_read, service_id
from tsunagari.directory.selectors import services_public
from tsunagari.search.opening import open_state

# Words in a line's name or target that make it the first to show for a kind of crisis.
RELEVANT = {
    "suicide": ("自殺", "いのち", "こころ", "いばしょ", "よりそい"),
    "self_harm": ("自殺", "いのち", "こころ", "いばしょ", "よりそい"),
    "violence": ("DV", "性暴力", "暴力"),
    "abuse": ("虐待", "子供", "子ども", "18歳"),
}
MAX_LOCAL = 3


@dataclass(frozen=True)
class CrisisLine:
    name: str
    phone: str
    hours: str
    url: str
    notes: str
    service_id: uuid.UUID | None = None
    open_now: bool | None = None  # None: not known (hours not in the directory)


@cache
def _national() -> tuple[Line, ...]:
    return tuple(line for line in national_lines_read() if line.crisis)


def crisis_lines(*, kinds: tuple[str, ...], municipality: str, at: dt.datetime) -> list[CrisisLine]:
    """National crisis lines (those for ``kinds`` first, then those open at ``at``,
    then in file order), then up to three of the municipality's own 24-hour crisis
    lines."""
    lines = _national()
    ids = [service_id(line.name) for line in lines]
    local = _local_ids(municipality) if municipality else []
    schedules = _schedules([*ids, *local])
    words = tuple(w for kind in kinds for w in RELEVANT.get(kind, ()))

    def order(item: tuple[int, Line]) -> tuple[int, bool, int]:
        index, line = item
        # A line named for the kind of crisis first, then one whose target mentions it.
        relevance = (
            2 if any(w in line.name for w in words) else int(any(w in line.target for w in words))
        )
        return (-relevance, _open(schedules, ids[index], at) is not True, index)

    found = [
        CrisisLine(
            name=line.name,
            phone="" if _is_url(line.contact) else line.contact,
            hours=line.hours,
            url=line.contact if _is_url(line.contact) else "",
            notes=_notes(line),
            service_id=ids[index],
            open_now=_open(schedules, ids[index], at),
        )
        for index, line in sorted(enumerate(lines), key=order)
    ]
    return found + _local_lines(local, schedules, at)


def _is_url(contact: str) -> bool:
    return contact.startswith(("http://", "https://"))


def _notes(line: Line) -> str:
    seen = _("受付時間は%(year)s年に確認した情報です。") % {"year": line.as_of}
    return f"{line.notes.rstrip('。')}。{seen}" if line.notes else seen


def _open(
    schedules: dict[uuid.UUID, list[Schedule]], sid: uuid.UUID, at: dt.datetime
) -> bool | None:
    found = schedules.get(sid)
    if not found:
        return None
    state = open_state(found, at)
    return state.open_now if state.known else None


def _schedules(ids: list[uuid.UUID]) -> dict[uuid.UUID, list[Schedule]]:
    found: dict[uuid.UUID, list[Schedule]] = defaultdict(list)
    for schedule in Schedule.objects.filter(service_id__in=ids):
        assert schedule.service_id is not None
        found[schedule.service_id].append(schedule)
    return found


def _local_ids(municipality: str) -> list[uuid.UUID]:
    stated_crisis = Attribute.objects.filter(
        link_entity="service", taxonomy_term__code="need.crisis", inferred=False
    ).values("link_id")
    always = Attribute.objects.filter(link_entity="service", taxonomy_term__code="attr.24h").values(
        "link_id"
    )
    return list(
        services_public()
        .filter(municipality_id=municipality, id__in=stated_crisis)
        .filter(id__in=always)
        .order_by("name")
        .values_list("id", flat=True)[:MAX_LOCAL]
    )


def _local_lines(
    ids: list[uuid.UUID], schedules: dict[uuid.UUID, list[Schedule]], at: dt.datetime
) -> list[CrisisLine]:
    if not ids:
        return []
    phones: dict[uuid.UUID, str] = {}
    for sid, number in Phone.objects.filter(service_id__in=ids).values_list("service_id", "number"):
        assert sid is not None
        phones.setdefault(sid, number)
    services = Service.objects.filter(id__in=ids).order_by("name")
    return [
        CrisisLine(
            name=service.name,
            phone=phones.get(service.id, ""),
            hours=_("24時間"),
            url=service.url,
            notes=_("お住まいの地域の窓口です。"),
            service_id=service.id,
            open_now=_open(schedules, service.id, at),
        )
        for service in services
    ]
