"""Every indicator test starts and ends in Japanese, whichever page the one before read
(a request in another language leaves that language active in the thread)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _japanese() -> Iterator[None]:
    with translation.override("ja"):
        yield
    translation.activate("ja")
