from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import CoordinatorScope, Invitation, Membership, MunicipalityPolicy, Organization


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
    search_fields = ["listing__name"]
    raw_id_fields = ["listing"]
    inlines = [MembershipInline]


@admin.register(CoordinatorScope)
class CoordinatorScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality"]
    raw_id_fields = ["municipality"]
    autocomplete_fields = ["user"]


@admin.register(MunicipalityPolicy)
class MunicipalityPolicyAdmin(admin.ModelAdmin):
    list_display = ["municipality", "review_partner_edits", "stale_after_months"]
    raw_id_fields = ["municipality"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only: invitations are made and used through the organisation pages (which
    audit them); the token itself is never stored, only its hash, which is not shown."""

    list_display = ["email", "organization", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "revoked"]
    search_fields = ["email", "organization__listing__name"]
    exclude = ["token_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
