"""The part of a service that its stewards edit, as plain JSON (a "listing"), and how a
listing becomes an HSDS graph for ``DirectoryWriter``.

A listing holds the service's own fields, its locations (with their first address),
its weekly schedules (and monthly ones on some weeks of the month), its phones and
its contacts — nothing else::

    {"service": {"id": ..., "name": ..., ...},
     "locations": [{"id": ..., "name": ..., "address": {"id": ..., ...} | None}],
     "schedules": [{"id": ..., "byday": "MO,WE", "opens_at": "10:00:00", ...}],
     "phones": [{"id": ..., "number": ..., "description": ...}],
     "contacts": [{"id": ..., "name": ..., "phone_id": ..., "phone": ...}]}

Values are in their HSDS JSON form (``hsds.to_hsds``), so a listing is stored as is in a
change request and two listings compare equal exactly when the data is the same.

Everything else the service has (languages, costs, areas, a location's own phones and
hours, schedules this page cannot express, taxonomy links) is not part of the listing;
``writer_graph`` re-reads it when the change is applied and passes it on unchanged, as
the writer's complete graphs require (a part missing from the graph is deleted)."""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from typing import Any

import orjson
from django.db.models import Q

from tsunagari.directory.hsds import BY_NAME, to_hsds, to_python
from tsunagari.directory.models import (
    Address,
    Attribute,
    Contact,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from tsunagari.directory.schedule_words import parse_byday
from tsunagari.directory.services import LOCATION_CHILDREN, SERVICE_CHILDREN, Graph

Listing = dict[str, Any]

SERVICE_FIELDS = (
    "name",
    "name_kana",
    "description",
    "url",
    "email",
    "eligibility_description",
    "fees_description",
    "application_process",
    "alert",
    "status",
)
LOCATION_FIELDS = ("name", "transportation", "latitude", "longitude")
ADDRESS_FIELDS = ("postal_code", "state_province", "city", "address_1", "address_2")
SCHEDULE_FIELDS = ("byday", "opens_at", "closes_at", "description")
PHONE_FIELDS = ("number", "description")
CONTACT_FIELDS = ("name", "title", "email")

# A schedule this page edits: hours on days of the week, every week or on some weeks
# of every month, nothing more.
_NOT_SIMPLE = (
    Q(location_id__isnull=False)
    | Q(service_at_location_id__isnull=False)
    | Q(valid_from__isnull=False)
    | Q(valid_to__isnull=False)
    | Q(until__isnull=False)
    | Q(count__isnull=False)
    | ~Q(bymonthday="")
    | ~Q(byweekno="")
    | ~Q(byyearday="")
    | ~Q(notes="")
    | ~Q(freq__in=["", "WEEKLY", "MONTHLY"])
    # Every other week (or month): the page's boxes would read it as every week.
    | Q(interval__gt=1)
)
WEEKS_OF_MONTH = {1, 2, 3, 4, -1}


def _editable_schedule(schedule: Schedule) -> bool:
    """Weekly rows as before; a monthly row only when it is some weeks times some days
    (「第2・第4 土曜」), which is what the page's two sets of boxes can say."""
    if schedule.freq != "MONTHLY":
        return True
    tokens = parse_byday(schedule.byday)
    weeks = {n for n, _code in tokens}
    days = {code for _n, code in tokens}
    return (
        bool(tokens)
        and weeks <= WEEKS_OF_MONTH
        and len(tokens) == len(set(tokens)) == len(weeks) * len(days)
    )


def schedule_freq(byday: str) -> str:
    """WEEKLY, or MONTHLY when the days carry weeks of the month (``2SA``)."""
    return "MONTHLY" if any(n is not None for n, _code in parse_byday(byday)) else "WEEKLY"


def _values(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {"id": str(obj.id), **{f: to_hsds(getattr(obj, f)) for f in fields}}


def listing_get(service: Service) -> Listing:
    """The service's listing as stored now (a fixed number of queries)."""
    locations = []
    links = (
        ServiceAtLocation.objects.filter(service=service)
        .select_related("location")
        .order_by("location__name", "location_id")
    )
    seen: set[uuid.UUID] = set()
    location_objects = []
    for link in links:
        if link.location_id not in seen:
            seen.add(link.location_id)
            location_objects.append(link.location)
    first_address: dict[uuid.UUID, Address] = {}
    for address in Address.objects.filter(location_id__in=seen).order_by("id"):
        assert address.location_id is not None
        first_address.setdefault(address.location_id, address)
    for location in location_objects:
        row = _values(location, LOCATION_FIELDS)
        found = first_address.get(location.id)
        row["address"] = None if found is None else _values(found, ADDRESS_FIELDS)
        locations.append(row)
    schedules = [
        _values(s, SCHEDULE_FIELDS)
        for s in Schedule.objects.filter(service=service).exclude(_NOT_SIMPLE).order_by("id")
        if _editable_schedule(s)
    ]
    phones = list(Phone.objects.filter(service=service).order_by("id"))
    contacts = []
    for contact in Contact.objects.filter(service=service).order_by("id"):
        row = _values(contact, CONTACT_FIELDS)
        phone = next((p for p in phones if p.contact_id == contact.id), None)
        row["phone_id"] = str(phone.id) if phone else None
        row["phone"] = phone.number if phone else ""
        contacts.append(row)
    contact_phone_ids = {c["phone_id"] for c in contacts}
    return {
        "service": _values(service, SERVICE_FIELDS),
        "locations": locations,
        "schedules": schedules,
        "phones": [
            _values(p, PHONE_FIELDS)
            for p in phones
            if p.contact_id is None and str(p.id) not in contact_phone_ids
        ],
        "contacts": contacts,
    }


def listing_digest(listing: Listing) -> str:
    """A short fingerprint of a listing: equal listings, equal digests."""
    return hashlib.sha256(orjson.dumps(listing, option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]


# -- from a listing to the writer's graph ------------------------------------------------


def _row(table: str, values: dict[str, Any]) -> dict[str, Any]:
    t = BY_NAME[table]
    return {key: to_python(t, key, value) for key, value in values.items()}


def _editable_ids(listing: Listing) -> dict[str, set[str]]:
    """Ids of the rows a listing speaks for, by table."""
    ids: dict[str, set[str]] = defaultdict(set)
    ids["schedule"] = {s["id"] for s in listing["schedules"]}
    ids["phone"] = {p["id"] for p in listing["phones"]}
    ids["phone"] |= {c["phone_id"] for c in listing["contacts"] if c.get("phone_id")}
    ids["contact"] = {c["id"] for c in listing["contacts"]}
    ids["address"] = {loc["address"]["id"] for loc in listing["locations"] if loc["address"]}
    return ids


def writer_graph(service: Service, current: Listing, proposed: Listing) -> Graph:
    """The complete HSDS graph of ``service`` with ``proposed`` applied: the listing's
    rows as proposed (rows of ``current`` missing from it are left out, so the writer
    deletes them), and every other part of the service and its locations as stored.
    A location new in ``proposed`` is created and linked to the service; one missing
    from it is unlinked only. Raises ValueError for a "new" location whose id is stored
    already (another service's place)."""
    sid = service.id
    editable = _editable_ids(current)
    graph: Graph = defaultdict(list)
    graph["service"].append(_row("service", proposed["service"]) | {"id": sid})
    current_locations = {uuid.UUID(loc["id"]) for loc in current["locations"]}
    kept_locations = {uuid.UUID(loc["id"]) for loc in proposed["locations"]} & current_locations
    # A place taken off the listing is only unlinked from the service: it may be another
    # service's place too, and nothing of it is deleted.
    unlinked = current_locations - kept_locations
    unlinked_links = set(
        ServiceAtLocation.objects.filter(service_id=sid, location_id__in=unlinked).values_list(
            "id", flat=True
        )
    )
    # Parts of the service this page does not edit, passed on unchanged.
    linked: set[uuid.UUID] = {sid}
    for name in SERVICE_CHILDREN:
        model = BY_NAME[name].model
        for pk in model._default_manager.filter(service_id=sid).values_list("id", flat=True):
            if pk in unlinked_links:
                continue
            linked.add(pk)
            if str(pk) not in editable[name]:
                graph[name].append({"id": pk})
    location_ids = sorted(kept_locations)
    for name in LOCATION_CHILDREN:
        model = BY_NAME[name].model
        for pk in model._default_manager.filter(location_id__in=location_ids).values_list(
            "id", flat=True
        ):
            linked.add(pk)
            if str(pk) not in editable[name] and pk not in {r["id"] for r in graph[name]}:
                graph[name].append({"id": pk})
    # The listing's rows as proposed.
    new_locations = [
        loc for loc in proposed["locations"] if uuid.UUID(loc["id"]) not in current_locations
    ]
    if Location.objects.filter(id__in=[loc["id"] for loc in new_locations]).exists():
        raise ValueError("a location that is not the service's")
    for location in proposed["locations"]:
        fields = {f: location[f] for f in LOCATION_FIELDS}
        row = {"id": location["id"], **fields}
        if location in new_locations:
            row |= {
                "organization_id": service.organization_id,
                "municipality_code": service.municipality_id,
            }
            graph["service_at_location"].append(
                {
                    "id": uuid.uuid4(),
                    "service_id": sid,
                    "location_id": uuid.UUID(location["id"]),
                }
            )
        graph["location"].append(_row("location", row))
        linked.add(uuid.UUID(location["id"]))
        address = location.get("address")
        if address:
            fields = {f: address[f] for f in ADDRESS_FIELDS}
            row = {"id": address["id"], "location_id": location["id"], **fields}
            graph["address"].append(_row("address", row))
    for schedule in proposed["schedules"]:
        fields = {f: schedule[f] for f in SCHEDULE_FIELDS}
        freq = schedule_freq(schedule["byday"])
        row = {"id": schedule["id"], "service_id": str(sid), "freq": freq, **fields}
        graph["schedule"].append(_row("schedule", row))
    for phone in proposed["phones"]:
        fields = {f: phone[f] for f in PHONE_FIELDS}
        graph["phone"].append(_row("phone", {"id": phone["id"], "service_id": str(sid), **fields}))
    for contact in proposed["contacts"]:
        fields = {f: contact[f] for f in CONTACT_FIELDS}
        graph["contact"].append(
            _row("contact", {"id": contact["id"], "service_id": str(sid), **fields})
        )
        if contact.get("phone"):
            row = {
                "id": contact.get("phone_id") or str(uuid.uuid4()),
                "service_id": str(sid),
                "contact_id": contact["id"],
                "number": contact["phone"],
            }
            graph["phone"].append(_row("phone", row))
    # Taxonomy links of every part (the writer removes links a complete graph lacks).
    for pk in Attribute.objects.filter(link_id__in=linked).values_list("id", flat=True):
        graph["attribute"].append({"id": pk})
    return dict(graph)
