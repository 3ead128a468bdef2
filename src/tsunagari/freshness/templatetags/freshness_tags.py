from __future__ import annotations

import datetime as dt

from django import template

from tsunagari.directory.models import Service
from tsunagari.freshness import selectors

register = template.Library()


@register.filter
def verified_on(service: Service) -> dt.date | None:
    """The day the service was last verified (freshness.selectors.verified_on)."""
    return selectors.verified_on(service)
