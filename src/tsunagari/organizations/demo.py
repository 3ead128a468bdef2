"""Sample staff accounts for the demo town, so `make demo` can show the staff side.

Only in demo mode (TSUNAGARI_DEMO): the password is published in the README, so these
accounts must never exist on a real deployment."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from tsunagari.directory.demo.town import DEMO_CODE
from tsunagari.directory.models import Organization as Listing

from .models import CoordinatorScope, Membership, Organization, Role

PASSWORD = "tsunagari-demo-2025"  # noqa: S105 - demo mode only, published on purpose
COORDINATOR = "demo-coordinator"
PARTNER = "demo-npo"


@transaction.atomic
def demo_accounts_load() -> list[str]:
    """Create (once) a coordinator of the demo town and the owner of one demo
    organisation; returns the user names, or nothing outside demo mode."""
    if not settings.DEMO:
        return []
    users = get_user_model().objects
    coordinator = users.filter(username=COORDINATOR).first() or users.create_user(
        COORDINATOR, f"{COORDINATOR}@tsunagari-city.example", PASSWORD
    )
    CoordinatorScope.objects.get_or_create(user=coordinator, municipality_id=DEMO_CODE)
    listing = Listing.objects.filter(municipality_id=DEMO_CODE).order_by("name").first()
    if listing is None:
        return [COORDINATOR]
    partner = users.filter(username=PARTNER).first() or users.create_user(
        PARTNER, f"{PARTNER}@tsunagari-city.example", PASSWORD
    )
    organization, _created = Organization.objects.get_or_create(listing=listing)
    Membership.objects.get_or_create(
        user=partner, organization=organization, defaults={"role": Role.OWNER}
    )
    return [COORDINATOR, PARTNER]
