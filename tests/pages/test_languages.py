"""Japanese at /, やさしい日本語 at /ja-easy/, English at /en/: the language is in the URL,
so switching stores nothing."""

import pytest

from tests.factories import make_service

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.mark.parametrize(
    ("prefix", "lang", "heading"),
    [
        ("", "ja", "話せる場所・居場所をさがす"),
        ("/ja-easy", "ja", "はなせる ところを さがす"),
        ("/en", "en", "Find places and people to talk to"),
    ],
)
def test_each_language_has_its_url_and_html_lang(client, prefix, lang, heading):
    make_service("つながりカフェ", terms=["need.childcare"])
    response = client.get(f"{prefix}/?need=need.childcare")
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert not response.cookies


def test_language_switch_links_keep_the_page_and_the_query(client):
    service = make_service("つながりカフェ")
    html = client.get(f"/services/{service.id}/").content.decode()
    assert f'href="/en/services/{service.id}/"' in html
    assert f'href="/ja-easy/services/{service.id}/"' in html
    html = client.get("/en/?q=cafe").content.decode()
    assert 'href="/?q=cafe"' in html and 'href="/ja-easy/?q=cafe"' in html


def test_taxonomy_names_follow_the_language(client):
    make_service("つながりカフェ", terms=["need.childcare"])
    assert ">Raising children</li>" in client.get("/en/").content.decode()
    assert ">子育て</li>" in client.get("/").content.decode()


def test_accept_language_does_not_switch_the_unprefixed_pages(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="ja">' in html
