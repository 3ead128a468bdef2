"""Who may see and change what on the staff side: the one place that decides.

Every staff view and API endpoint gets its objects through an access helper here
(``service_for_user``, ``organization_for_user``, ``municipality_for_coordinator``), which
does the lookup and the check together: an object the user may not see answers 404 (its
existence is not revealed), one they may see but not change answers 403. Lists, search
and counts use the queryset forms (``services_visible_to`` ...), so a list never shows
what the detail page would refuse.

The world: a platform administrator (superuser) sees and changes everything; a
coordinator sees and changes everything in the municipalities they coordinate and
reviews partner edits there; a member sees their organisation's listings, and an editor
or owner changes them; only an owner (or a coordinator of its municipality, or an
administrator) manages the organisation's members."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from tsunagari.directory.models import Location, Municipality, Service
from tsunagari.directory.models import Organization as Listing

from .models import (
    CoordinatorScope,
    Invitation,
    Membership,
    MunicipalityPolicy,
    Organization,
    Role,
)

User = AbstractBaseUser | AnonymousUser

EDITING_ROLES = (Role.OWNER, Role.EDITOR)


def _active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_platform_admin(user: Any) -> bool:
    return _active(user) and bool(user.is_superuser)


def coordinated_codes(user: Any) -> set[str]:
    """Codes of the municipalities ``user`` coordinates (cached on the user object for
    the request)."""
    if not _active(user):
        return set()
    cached = getattr(user, "_coordinated_codes", None)
    if cached is None:
        cached = set(
            CoordinatorScope.objects.filter(user=user).values_list("municipality_id", flat=True)
        )
        user._coordinated_codes = cached
    return set(cached)


def is_coordinator(user: Any) -> bool:
    return bool(coordinated_codes(user))


def roles_of(user: Any) -> dict[uuid.UUID, str]:
    """Organisation id -> the user's role there (cached on the user for the request)."""
    if not _active(user):
        return {}
    cached = getattr(user, "_roles_by_org", None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("organization_id", "role"))
        user._roles_by_org = cached
    return dict(cached)


def needs_two_factor(user: Any) -> bool:
    """Coordinators and administrators must sign in with a second factor."""
    return is_platform_admin(user) or is_coordinator(user)


def is_staff_user(user: Any) -> bool:
    """Anyone with a place on the staff side: administrator, coordinator or member."""
    return is_platform_admin(user) or is_coordinator(user) or bool(roles_of(user))


# -- organisations -------------------------------------------------------------------


def organizations_visible_to(user: Any) -> QuerySet[Organization]:
    qs = Organization.objects.select_related("listing")
    if is_platform_admin(user):
        return qs
    codes = coordinated_codes(user)
    return qs.filter(
        Q(id__in=list(roles_of(user)))
        | Q(listing__municipality_id__in=codes)
        | Q(listing__services__municipality_id__in=codes)
    ).distinct()


def role_in(user: Any, organization: Organization) -> str | None:
    return roles_of(user).get(organization.id)


def can_manage_members(user: Any, organization: Organization) -> bool:
    return (
        is_platform_admin(user)
        or role_in(user, organization) == Role.OWNER
        or _coordinates_organization(user, organization)
    )


def can_edit_organization(user: Any, organization: Organization) -> bool:
    return (
        is_platform_admin(user)
        or role_in(user, organization) in EDITING_ROLES
        or _coordinates_organization(user, organization)
    )


def _coordinates_organization(user: Any, organization: Organization) -> bool:
    codes = coordinated_codes(user)
    if not codes:
        return False
    if organization.listing.municipality_id in codes:
        return True
    return Service.objects.filter(
        organization_id=organization.listing_id, municipality_id__in=codes
    ).exists()


def organization_for_user(
    user: Any, organization_id: uuid.UUID | str, *, manage: bool = False, edit: bool = False
) -> Organization:
    """The organisation, if ``user`` may see it (else 404); with ``edit`` or ``manage``
    (its members), 403 when they may see but not do that."""
    try:
        organization = organizations_visible_to(user).get(pk=organization_id)
    except (Organization.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404 from error
    if manage and not can_manage_members(user, organization):
        raise PermissionDenied
    if edit and not can_edit_organization(user, organization):
        raise PermissionDenied
    return organization


def membership_for_user(
    user: Any, organization_id: uuid.UUID | str, membership_id: int | str
) -> Membership:
    """A membership of an organisation whose members ``user`` manages: 404 when they may
    not see the organisation or it has no such member, 403 when they may see but not
    manage it."""
    organization = organization_for_user(user, organization_id, manage=True)
    try:
        return Membership.objects.select_related("user", "organization__listing").get(
            pk=membership_id, organization=organization
        )
    except (Membership.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404 from error


def invitation_for_user(
    user: Any, organization_id: uuid.UUID | str, invitation_id: int | str
) -> Invitation:
    """A pending invitation of an organisation whose members ``user`` manages (404 and
    403 as for a membership)."""
    organization = organization_for_user(user, organization_id, manage=True)
    try:
        return Invitation.objects.select_related("organization").get(
            pk=invitation_id, organization=organization, accepted_at__isnull=True, revoked=False
        )
    except (Invitation.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404 from error


def listings_registrable_by(user: Any, codes: set[str] | None = None) -> QuerySet[Listing]:
    """HSDS organizations not yet registered as stewarding organisations, in the
    municipalities ``user`` coordinates (administrators: any; ``codes`` narrows)."""
    if not (is_platform_admin(user) or is_coordinator(user)):
        return Listing.objects.none()
    qs = Listing.objects.filter(steward__isnull=True)
    scope: set[str] | None = None if is_platform_admin(user) else coordinated_codes(user)
    if codes is not None:
        scope = codes if scope is None else scope & codes
    if scope is not None:
        qs = qs.filter(
            Q(municipality_id__in=scope) | Q(services__municipality_id__in=scope)
        ).distinct()
    return qs.order_by("name", "id")


def listing_for_registration(user: Any, listing_id: uuid.UUID | str) -> Listing:
    """An unregistered HSDS organization ``user`` may register: 403 for users who are
    neither coordinators nor administrators, 404 when it is outside their municipalities
    or already registered."""
    if not (is_platform_admin(user) or is_coordinator(user)):
        raise PermissionDenied
    try:
        return listings_registrable_by(user).get(pk=listing_id)
    except (Listing.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404 from error


# -- services and locations ----------------------------------------------------------


def _listing_ids(user: Any, roles: tuple[str, ...] | None = None) -> list[uuid.UUID]:
    """HSDS organization ids stewarded by the user's organisations (with one of ``roles``).
    The organisation -> listing map is read once per user object, like ``roles_of``: a
    staff page asks several access questions per request."""
    roles_by_org = roles_of(user)
    if not roles_by_org:
        return []
    listing_of = getattr(user, "_listing_by_org", None)
    if listing_of is None:
        listing_of = dict(
            Organization.objects.filter(id__in=list(roles_by_org)).values_list("id", "listing_id")
        )
        user._listing_by_org = listing_of
    return [
        listing_of[o]
        for o, r in roles_by_org.items()
        if (roles is None or r in roles) and o in listing_of
    ]


def services_visible_to(user: Any) -> QuerySet[Service]:
    """Services a staff user may see on the staff side (archived ones included)."""
    if is_platform_admin(user):
        return Service.objects.all()
    if not _active(user):
        return Service.objects.none()
    return Service.objects.filter(
        Q(organization_id__in=_listing_ids(user)) | Q(municipality_id__in=coordinated_codes(user))
    )


def services_editable_by(user: Any) -> QuerySet[Service]:
    if is_platform_admin(user):
        return Service.objects.all()
    if not _active(user):
        return Service.objects.none()
    return Service.objects.filter(
        Q(organization_id__in=_listing_ids(user, EDITING_ROLES))
        | Q(municipality_id__in=coordinated_codes(user))
    )


def can_edit_service(user: Any, service: Service) -> bool:
    return services_editable_by(user).filter(pk=service.pk).exists()


def service_for_user(user: Any, service_id: uuid.UUID | str, *, edit: bool = False) -> Service:
    """The service, if ``user`` may see it on the staff side (else 404); with ``edit``,
    403 when they may see but not change it."""
    try:
        service = services_visible_to(user).select_related("organization").get(pk=service_id)
    except (Service.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404 from error
    if edit and not can_edit_service(user, service):
        raise PermissionDenied
    return service


def locations_visible_to(user: Any) -> QuerySet[Location]:
    if is_platform_admin(user):
        return Location.objects.all()
    if not _active(user):
        return Location.objects.none()
    codes = coordinated_codes(user)
    listings = _listing_ids(user)
    return Location.objects.filter(
        Q(organization_id__in=listings)
        | Q(municipality_id__in=codes)
        | Q(service_at_locations__service__organization_id__in=listings)
    ).distinct()


def location_for_user(user: Any, location_id: uuid.UUID | str, *, edit: bool = False) -> Location:
    try:
        location = locations_visible_to(user).get(pk=location_id)
    except (Location.DoesNotExist, ValidationError, ValueError, TypeError) as error:
        raise Http404 from error
    if edit:
        editable = (
            is_platform_admin(user)
            or location.municipality_id in coordinated_codes(user)
            or location.organization_id in _listing_ids(user, EDITING_ROLES)
            or Service.objects.filter(
                service_at_locations__location=location,
                organization_id__in=_listing_ids(user, EDITING_ROLES),
            ).exists()
        )
        if not editable:
            raise PermissionDenied
    return location


# -- municipalities and review ---------------------------------------------------------


def municipalities_coordinated_by(user: Any) -> QuerySet[Municipality]:
    if is_platform_admin(user):
        return Municipality.objects.exclude(name="")
    return Municipality.objects.filter(code__in=coordinated_codes(user))


def municipality_for_coordinator(user: Any, code: str) -> Municipality:
    """A municipality the user coordinates (administrators: any); 404 otherwise."""
    try:
        return municipalities_coordinated_by(user).get(code=code)
    except Municipality.DoesNotExist as error:
        raise Http404 from error


def can_review(user: Any, municipality_code: str | None) -> bool:
    """Whether ``user`` approves or returns edits in that municipality."""
    if is_platform_admin(user):
        return True
    return municipality_code is not None and municipality_code in coordinated_codes(user)


def policy_for(municipality_code: str | None) -> MunicipalityPolicy:
    """The municipality's stewardship policy (defaults when it has none stored)."""
    if municipality_code:
        found = MunicipalityPolicy.objects.filter(municipality_id=municipality_code).first()
        if found is not None:
            return found
    return MunicipalityPolicy(municipality_id=municipality_code or "")


def edit_needs_review(user: Any, service: Service) -> bool:
    """A partner's edit waits for a coordinator when the municipality asks for review;
    a coordinator's or administrator's own edit goes live at once."""
    if can_review(user, service.municipality_id):
        return False
    return policy_for(service.municipality_id).review_partner_edits
