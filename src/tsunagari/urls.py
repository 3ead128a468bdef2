from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from tsunagari.accounts.admin_site import StaffAdminSite

# The Django admin asks for the second factor too: without this, a superuser's password
# alone would open it, past the two-factor rule of the staff pages.
admin.site.__class__ = StaffAdminSite

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    # The JSON API has no language prefix (it follows Accept-Language).
    path("", include("tsunagari.api.urls")),
]
# Public pages in every language: / (Japanese), /ja-easy/ (やさしい日本語), /en/.
urlpatterns += i18n_patterns(
    path("", include("tsunagari.search.urls")),
    path("", include("tsunagari.directory.urls")),
    path("navigator/", include("tsunagari.navigator.urls")),
    # Staff pages (sign-in needed): accounts, organisations, stewardship, audit.
    path("staff/", include("tsunagari.accounts.urls")),
    path("staff/audit/", include("tsunagari.audit.urls")),
    path("staff/", include("tsunagari.organizations.urls")),
    path("staff/listings/", include("tsunagari.stewardship.urls")),
    # 「情報がちがう」 (public, next to the service page) and staff/freshness/.
    path("", include("tsunagari.freshness.urls")),
    # The dashboard (staff/indicators/) and the published indicators and open data.
    path("", include("tsunagari.indicators.urls")),
    # Surveys: staff/surveys/ and the resident's forms under surveys/.
    path("", include("tsunagari.surveys.urls")),
    prefix_default_language=False,
)
