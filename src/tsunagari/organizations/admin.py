from django.contrib import admin

from .models import CoordinatorScope, Membership, MunicipalityPolicy, Organization


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
