"""Included at the site root inside i18n_patterns: the public report form sits next to
the service page (/services/<id>/report/, /en/..., /ja-easy/...) and the staff pages
under /staff/freshness/."""

from django.urls import path

from . import views

app_name = "freshness"

urlpatterns = [
    path("services/<uuid:service_id>/report/", views.report_form, name="report"),
    path("services/<uuid:service_id>/report/thanks/", views.report_thanks, name="report_thanks"),
    path("staff/freshness/reports/", views.reports, name="reports"),
    path("staff/freshness/reports/<int:report_id>/resolve/", views.resolve, name="resolve"),
    path("staff/freshness/stale/", views.stale, name="stale"),
    path("staff/freshness/services/<uuid:service_id>/verify/", views.verify, name="verify"),
]
