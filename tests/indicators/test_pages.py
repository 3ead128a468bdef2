"""The dashboard pages: who may open them, and what a coordinator reads there."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.staff_world import X, Y, sign_in

STAFF = f"/staff/indicators/{X}/"


def test_a_coordinator_reads_their_municipality_with_charts_and_tables(client, world) -> None:
    response = sign_in(client, world.coord_x).get(STAFF)
    assert response.status_code == 200
    page = response.content.decode()
    assert "東京都町田市の指標" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in page
    assert "<td>4.3</td>" in page  # 令和6年's national figure in its table
    assert '<title id="chart-places-title">' in page
    assert 'id="table-places"' in page and 'id="table-national"' in page
    assert "人口データがありません" in page
    assert "この市区町村の調査結果はまだありません" in page
    assert "style=" not in page


def test_the_staff_index_lists_only_the_coordinators_municipalities(client, world) -> None:
    page = sign_in(client, world.coord_x).get("/staff/indicators/").content.decode()
    assert "東京都町田市" in page and "千代田区" not in page


@pytest.mark.parametrize("role", ["viewer_a", "editor_a", "owner_a", "editor_b"])
def test_partners_may_not_open_the_dashboard(client, world, role) -> None:
    assert sign_in(client, getattr(world, role)).get(STAFF).status_code == 403


def test_another_municipalitys_coordinator_gets_404(client, world) -> None:
    assert sign_in(client, world.coord_y).get(STAFF).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(client, world) -> None:
    response = client.get(STAFF)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


def test_the_public_page_shows_published_indicators_only(world) -> None:
    page = Client().get(f"/indicators/{X}/").content.decode()
    assert "東京都町田市の指標" in page
    assert 'id="table-places"' in page and 'id="table-needs"' not in page
    assert Client().get(f"/indicators/{X}/needs.csv").status_code == 404


def test_the_public_index_lists_municipalities_with_listings(world) -> None:
    page = Client().get("/indicators/").content.decode()
    assert "東京都町田市" in page and "東京都千代田区" in page
    assert Client().get("/indicators/011002/").status_code == 404  # 札幌市: no listings


def test_the_english_page_reads_in_english(client, world) -> None:
    page = sign_in(client, world.coord_x).get(f"/en{STAFF}").content.decode()
    assert "Indicators for" in page and "Listings by field (per 10,000 residents)" in page
    assert "There is no population data yet" in page


def test_the_easy_japanese_page(world) -> None:
    page = Client().get(f"/ja-easy/indicators/{X}/").content.decode()
    assert "しひょう" in page and "人口の データが ありません" in page
    assert Y not in page


def test_survey_results_reach_the_public_page_only_once_published(client, world) -> None:
    from tests.organizations.support import sign_in_recently
    from tests.surveys.conftest import STAFF as SURVEY_STAFF
    from tests.surveys.conftest import make_survey
    from tsunagari.audit.models import AuditEvent
    from tsunagari.surveys import services

    survey = make_survey()
    for i in range(12):
        answers = {"direct_loneliness": 5 if i < 3 else 2, "district": "鶴川"}
        services.response_enter_paper(actor=SURVEY_STAFF, survey=survey, answers=answers)
    public = f"/indicators/{X}/"
    assert 'id="table-prevalence"' not in Client().get(public).content.decode()
    assert Client().get(f"{public}prevalence.csv").status_code == 404

    coordinator = sign_in_recently(client, world.coord_x)
    policy_url = f"/staff/municipalities/{X}/policy/"
    form = coordinator.get(policy_url).content.decode()
    assert 'name="publish_survey_results"' in form
    saved = coordinator.post(
        policy_url,
        {"review_partner_edits": "on", "stale_after_months": "12", "publish_survey_results": "on"},
    )
    assert saved.status_code == 302
    event = AuditEvent.objects.get(action="policy.update")
    assert event.old_values["publish_survey_results"] is False
    assert event.new_values["publish_survey_results"] is True

    page = Client().get(public).content.decode()
    assert 'id="table-prevalence"' in page
    assert '<th scope="row">全体</th><td>25</td>' in page
    # Nobody was asked their age or sex here: no row for "no answer" as a group.
    assert "：nan" not in page and "年齢：" not in page
    assert 'id="table-needs"' not in page  # navigator needs stay with the staff
    download = Client().get(f"{public}prevalence.csv")
    assert download.status_code == 200 and "全体,25" in download.content.decode("utf-8-sig")
