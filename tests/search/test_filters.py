"""Tick-box filters, municipality, distance and radius, place names."""

from __future__ import annotations

import uuid

import pytest

from tests.factories import ACTOR, make_service
from tsunagari.directory.services import DirectoryWriter
from tsunagari.search.places import resolve_place
from tsunagari.search.query import SearchQuery, search

from .conftest import found

pytestmark = pytest.mark.django_db

# 町田市役所 and two points about 3 km and 8 km to the north of it.
MACHIDA = (35.546631, 139.4386186)
NORTH_3KM = (35.5736, 139.4386)
NORTH_8KM = (35.6186, 139.4386)


def make_tagged(name, **fields):
    """A service with exactly the given tags: a plain description, so that inference
    (directory.inference) adds nothing of its own."""
    return make_service(name, description="案内です。", phones=(), schedules=(), **fields)


@pytest.fixture
def tagged(reference_data):
    return {
        "phone": make_tagged(
            "電話の窓口",
            terms=("type.hotline", "need.mental", "channel.phone", "attr.anonymous", "attr.free"),
        ),
        "chat": make_tagged(
            "チャットの窓口",
            terms=("type.consultation", "need.mental", "channel.chat", "attr.anonymous"),
        ),
        "place": make_tagged(
            "みんなの居場所",
            municipality="131016",
            latitude=NORTH_3KM[0],
            longitude=NORTH_3KM[1],
            terms=("type.ibasho", "need.talk", "audience.seniors", "attr.free"),
        ),
        "far": make_tagged(
            "遠くのサロン",
            latitude=NORTH_8KM[0],
            longitude=NORTH_8KM[1],
            terms=("type.salon", "need.talk", "audience.children"),
        ),
    }


def test_needs(tagged):
    assert set(found(needs=("need.mental",))) == {tagged["phone"].id, tagged["chat"].id}
    assert set(found(needs=("need.mental", "need.talk"))) == {s.id for s in tagged.values()}


def test_audiences(tagged):
    assert found(audiences=("audience.seniors",)) == [tagged["place"].id]


def test_service_types(tagged):
    assert set(found(service_types=("type.ibasho", "type.salon"))) == {
        tagged["place"].id,
        tagged["far"].id,
    }


def test_channels_any_of_them(tagged):
    assert set(found(channels=("channel.phone", "channel.chat"))) == {
        tagged["phone"].id,
        tagged["chat"].id,
    }


def test_attributes_all_must_hold(tagged):
    assert set(found(attributes=("attr.anonymous",))) == {tagged["phone"].id, tagged["chat"].id}
    assert found(attributes=("attr.anonymous", "attr.free")) == [tagged["phone"].id]


def test_groups_combine(tagged):
    assert found(needs=("need.talk",), attributes=("attr.free",)) == [tagged["place"].id]
    assert found(text="窓口", channels=("channel.chat",)) == [tagged["chat"].id]


def test_municipality(tagged):
    assert found(municipality="131016") == [tagged["place"].id]
    assert len(found(municipality="132098")) == 3


def test_distance_and_radius(tagged):
    result = search(SearchQuery(near=MACHIDA, radius_km=5))
    by_id = {hit.service_id: hit for hit in result.hits}
    assert tagged["far"].id not in by_id
    assert by_id[tagged["place"].id].distance_km == pytest.approx(3.0, abs=0.1)
    assert by_id[tagged["phone"].id].distance_km == pytest.approx(0.0, abs=0.01)
    assert found(near=MACHIDA, radius_km=10)[-1] == tagged["far"].id


def test_nearer_ranks_first_among_equals(tagged):
    ids = found(needs=("need.talk",), near=MACHIDA)
    assert ids == [tagged["place"].id, tagged["far"].id]


def test_service_without_a_place_is_outside_any_radius(reference_data):
    remote = make_service("電話相談", address=None)
    assert found(near=MACHIDA) == [remote.id]
    assert found(near=MACHIDA, radius_km=50) == []
    assert search(SearchQuery(near=MACHIDA)).hits[0].distance_km is None


def test_every_location_counts_for_distance(reference_data):
    """The naive engine measures to the nearest location; so does the index."""
    service = make_service("二か所の教室", latitude=NORTH_8KM[0], longitude=NORTH_8KM[1])
    writer = DirectoryWriter(actor=ACTOR)
    location_id = uuid.uuid4()
    writer.add(
        {
            "location": [
                {"id": location_id, "name": "分室", "latitude": MACHIDA[0], "longitude": MACHIDA[1]}
            ],
            "service_at_location": [
                {"id": uuid.uuid4(), "service_id": service.id, "location_id": location_id}
            ],
        }
    )
    writer.touched_services.add(service.id)
    writer.finish()
    (hit,) = search(SearchQuery(near=MACHIDA, radius_km=1)).hits
    assert hit.service_id == service.id
    assert hit.distance_km == pytest.approx(0.0, abs=0.01)


def test_resolve_place(reference_data):
    lat, lon, label = resolve_place("町田市")
    assert (lat, lon) == pytest.approx(MACHIDA)
    assert label == "東京都町田市"
    assert resolve_place("町田")[:2] == pytest.approx(MACHIDA)
    assert resolve_place("まちだし")[:2] == pytest.approx(MACHIDA)
    assert resolve_place("132098")[:2] == pytest.approx(MACHIDA)
    assert resolve_place("13209")[:2] == pytest.approx(MACHIDA)  # without the check digit
    assert resolve_place("東京都 町田市")[:2] == pytest.approx(MACHIDA)


def test_resolve_place_unknown_or_ambiguous(reference_data):
    assert resolve_place("") is None
    assert resolve_place("アトランティス") is None
    assert resolve_place("999999") is None
    assert resolve_place("府中市") is None  # Tokyo and Hiroshima
    assert resolve_place("東京都府中市") is not None
