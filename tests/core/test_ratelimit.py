"""Which address a per-client bound counts, with and without reverse proxies."""

import pytest
from django.test import RequestFactory

from tsunagari.core.ratelimit import client_address, client_key


def request(forwarded: str | None = None, remote: str = "10.0.0.5"):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (0, "198.51.100.9", "10.0.0.5"),  # no proxy: the header is the client's own words
        (1, "198.51.100.1", "198.51.100.1"),
        (1, "203.0.113.7, 198.51.100.1", "198.51.100.1"),  # a written-in entry is ignored
        (2, "203.0.113.7, 198.51.100.1, 192.0.2.44", "198.51.100.1"),  # CDN, then nginx
        (2, " 198.51.100.1 ,192.0.2.44", "198.51.100.1"),
        (2, "192.0.2.44", "10.0.0.5"),  # not through both: only the sender is known
        (1, "", "10.0.0.5"),
        (1, None, "10.0.0.5"),
    ],
)
def test_the_client_is_what_the_outermost_trusted_proxy_saw(settings, proxies, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request(forwarded)) == client


def test_the_key_is_not_the_address_and_differs_by_purpose(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    one = request(remote="198.51.100.1")
    assert "198.51.100.1" not in client_key(one, "freshness")
    assert client_key(one, "freshness") != client_key(one, "letter")
    assert client_key(one, "letter") == client_key(request(remote="198.51.100.1"), "letter")
    assert client_key(one, "letter") != client_key(request(remote="198.51.100.2"), "letter")
