"""Expected statuses of the public pages, the JSON API, the admin and the accounts pages
(the accounts helper may move the accounts entries to matrix_accounts.py)."""

from __future__ import annotations

from typing import Any

from tsunagari.directory.models import ServiceAtLocation, Taxonomy, TaxonomyTerm

from .roles import everyone, roles

PUBLIC = everyone(200)
# The admin's gate (AdminSite.has_permission) admits active is_staff users; only the
# platform administrator is one. Everyone else is sent to the admin's login page.
ADMIN_ONLY = roles(302, admin=200)

PREFIX_RULES = {
    "admin/": (
        "The Django admin: hundreds of ModelAdmin URLs behind one gate; sampled below "
        "(anonymous and non-staff 302 to the admin login, the administrator 200)."
    ),
}


def _service_at_location(w: Any) -> dict[str, Any]:
    sal = ServiceAtLocation.objects.filter(service=w.service_a).first()
    return {"id": sal.pk}


EXPECTED: dict[str, dict[str, Any]] = {
    # -- public pages: no account, ever ---------------------------------------------
    "search:search": {"expect": PUBLIC, "query": {"q": "サロン"}},
    "search:print": {"expect": PUBLIC, "query": {"q": "サロン"}},
    "directory:service_detail": {
        "expect": PUBLIC,
        "kwargs": lambda w: {"service_id": w.service_a.pk},
    },
    "directory:source_list": {"expect": PUBLIC},
    "navigator:start": {"expect": PUBLIC},
    "navigator:step": {"expect": PUBLIC, "kwargs": {"step": "topics"}},
    "navigator:result": {"expect": PUBLIC, "query": {"topic": "need.talk"}},
    # -- the JSON API: public, read-only --------------------------------------------
    "api:api_info": {"expect": PUBLIC},
    "api:api-root": {"expect": PUBLIC},
    "api:openapi-json": {"expect": PUBLIC},
    "api:openapi-view": {"expect": PUBLIC},
    "api:service_list": {"expect": PUBLIC},
    "api:service_detail": {"expect": PUBLIC, "kwargs": lambda w: {"id": w.service_a.pk}},
    "api:organization_list": {"expect": PUBLIC},
    "api:organization_detail": {
        "expect": PUBLIC,
        "kwargs": lambda w: {"id": w.service_a.organization_id},
    },
    "api:service_at_location_list": {"expect": PUBLIC},
    "api:service_at_location_detail": {"expect": PUBLIC, "kwargs": _service_at_location},
    "api:taxonomy_list": {"expect": PUBLIC},
    "api:taxonomy_detail": {
        "expect": PUBLIC,
        "kwargs": lambda w: {"id": Taxonomy.objects.values_list("pk", flat=True).first()},
    },
    "api:taxonomy_term_list": {"expect": PUBLIC},
    "api:taxonomy_term_detail": {
        "expect": PUBLIC,
        "kwargs": lambda w: {"id": TaxonomyTerm.objects.values_list("pk", flat=True).first()},
    },
    "api:navigator": {"expect": PUBLIC, "method": "POST", "json": {"topics": ["need.talk"]}},
    # Anything else under /api/ answers a JSON 404.
    "^api/": {"expect": everyone(404), "path": "/api/v0/nothing"},
    # -- the admin (sampled; PREFIX_RULES covers the rest) ----------------------------
    "admin:index": {"expect": ADMIN_ONLY},
    # Its login page sends everyone to the staff sign-in page (accounts.admin_site).
    "admin:login": {"expect": everyone(302)},
    "admin:directory_service_changelist": {"expect": ADMIN_ONLY},
    "admin:directory_service_change": {
        "expect": ADMIN_ONLY,
        "kwargs": lambda w: {"object_id": w.service_a.pk},
    },
    "admin:auth_user_changelist": {"expect": ADMIN_ONLY},
    "admin:organizations_organization_changelist": {"expect": ADMIN_ONLY},
    "admin:audit_auditevent_changelist": {"expect": ADMIN_ONLY},
    # Audit events are read-only, even for the administrator.
    "admin:audit_auditevent_add": {"expect": roles(302, admin=403)},
    # -- accounts ----------------------------------------------------------------------
    # Every role of the world has a place on the staff side.
}
