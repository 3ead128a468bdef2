"""`make demo` shows a working dashboard and staff side: the demo town gets a population
table, a closed sample survey and (in demo mode only) two sample staff accounts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from tsunagari.directory.demo import DEMO_CODE, demo_load
from tsunagari.indicators.demo import RESPONSES, demo_measures_load
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


def test_loading_the_demo_measures_twice_adds_nothing(demo_town: None) -> None:
    demo_measures_load()
    again = demo_measures_load()
    assert again.responses == 0
    assert Response.objects.count() == RESPONSES
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
