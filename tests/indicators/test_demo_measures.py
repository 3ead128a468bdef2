"""`make demo` shows a working dashboard and staff side: the demo town gets a population
table, a closed sample survey and (in demo mode only) two sample staff accounts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from tsunagari.directory.demo import DEMO_CODE, demo_load
from tsunagari.directory.demo.town import DISTRICTS
from tsunagari.indicators.charts import district_map
from tsunagari.indicators.demo import RESPONSES, demo_measures_load
from tsunagari.indicators.districts import district_shapes
from tsunagari.indicators.models import Population
from tsunagari.indicators.prevalence import local_prevalence
from tsunagari.organizations.demo import COORDINATOR, PARTNER, PASSWORD, demo_accounts_load
from tsunagari.organizations.models import Membership, Role
from tsunagari.surveys.models import Response

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_town(reference_data: None) -> None:
    demo_load()


def test_the_demo_dashboard_has_prevalence_with_intervals_by_district(demo_town: None) -> None:
    loaded = demo_measures_load()
    assert loaded.responses == RESPONSES
    result = local_prevalence(DEMO_CODE)
    assert result is not None
    overall = result.rows[0]
    assert overall.n == RESPONSES and not overall.suppressed
    assert overall.ci_low < overall.estimate < overall.ci_high
    districts = [r for r in result.rows if r.group == "district"]
    assert len(districts) == 12 and all(r.n >= 10 for r in districts)
    assert Population.objects.filter(municipality_id=DEMO_CODE).count() == 12 * 8 * 2


def test_the_demo_town_has_a_map_with_every_district(demo_town: None) -> None:
    from tsunagari.indicators.selectors import prevalence_table

    assert demo_measures_load().district_shapes == 12
    shapes = district_shapes(DEMO_CODE)
    assert set(shapes) == {d.name for d in DISTRICTS}
    result = local_prevalence(DEMO_CODE)
    assert result is not None
    svg = str(district_map(prevalence_table(result), shapes))
    assert svg.count("<path") == 12
    assert svg.count("データなし") == 1  # in the key only: every district has a value


def test_loading_the_demo_measures_twice_adds_nothing(demo_town: None) -> None:
    demo_measures_load()
    again = demo_measures_load()
    assert again.responses == 0
    assert Response.objects.count() == RESPONSES
    assert sorted(district_shapes(DEMO_CODE)) == sorted(d.name for d in DISTRICTS)
    assert Population.objects.filter(municipality_id=DEMO_CODE).count() == 12 * 8 * 2


def test_demo_staff_accounts_exist_only_in_demo_mode(demo_town: None) -> None:
    assert demo_accounts_load() == []
    assert not User.objects.filter(username__startswith="demo-").exists()
    with override_settings(DEMO=True):
        assert demo_accounts_load() == [COORDINATOR, PARTNER]
        assert demo_accounts_load() == [COORDINATOR, PARTNER]  # once only
    partner = User.objects.get(username=PARTNER)
    assert Membership.objects.get(user=partner).role == Role.OWNER
    # The partner signs in with the published password (no second factor needed).
    client = Client()
    response = client.post("/staff/login/", {"username": PARTNER, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200
