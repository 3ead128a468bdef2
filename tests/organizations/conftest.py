from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _japanese_afterwards() -> Iterator[None]:
    """A request to an /en/ page leaves English active in this thread (LocaleMiddleware
    does not switch back); later tests expect the default language."""
    yield
    translation.activate(settings.LANGUAGE_CODE)
