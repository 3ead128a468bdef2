"""Included at the site root inside i18n_patterns: the staff dashboard under
/staff/indicators/ and the public indicators and open data under /indicators/."""

from django.urls import path

from . import views

app_name = "indicators"

TABLE = "<str:key>.csv"

urlpatterns = [
    path("staff/indicators/", views.staff_index, name="dashboard"),
    path("staff/indicators/<str:code>/", views.staff_dashboard, name="staff_dashboard"),
    path(f"staff/indicators/<str:code>/{TABLE}", views.staff_table_csv, name="staff_csv"),
    path("staff/indicators/<str:code>/indicators.xlsx", views.staff_xlsx, name="staff_xlsx"),
    path("staff/indicators/<str:code>/report.pdf", views.staff_report_pdf, name="staff_pdf"),
    path("indicators/", views.public_index, name="public_index"),
    path("indicators/opendata/indicators.csv", views.open_data, name="open_data"),
    path("indicators/opendata/metadata.json", views.open_metadata_json, name="open_metadata"),
    path("indicators/opendata/metadata.csv", views.open_metadata_csv, name="open_metadata_csv"),
    path("indicators/<str:code>/", views.public_dashboard, name="public_dashboard"),
    path(f"indicators/<str:code>/{TABLE}", views.public_table_csv, name="public_csv"),
    path("indicators/<str:code>/indicators.xlsx", views.public_xlsx, name="public_xlsx"),
]
