"""Fixtures of the page tests."""

from tests.pages.fake_advice import fake_advise  # noqa: F401
