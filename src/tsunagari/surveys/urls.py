"""Included at the site root inside i18n_patterns: staff pages under /staff/surveys/, the
resident's forms under /surveys/ (and /en/..., /ja-easy/...)."""

from django.urls import path

from .views import public, staff

app_name = "surveys"

urlpatterns = [
    path("staff/surveys/", staff.survey_list, name="list"),
    path("staff/surveys/new/", staff.survey_create, name="create"),
    path("staff/surveys/<int:survey_id>/", staff.survey_detail, name="detail"),
    path("staff/surveys/<int:survey_id>/edit/", staff.survey_edit, name="edit"),
    path("staff/surveys/<int:survey_id>/status/", staff.survey_status, name="status"),
    path("staff/surveys/<int:survey_id>/paper/", staff.paper_entry, name="paper"),
    path("staff/surveys/<int:survey_id>/import/", staff.csv_import, name="import"),
    path(
        "staff/surveys/<int:survey_id>/imports/<int:import_id>/undo/",
        staff.import_undo,
        name="import_undo",
    ),
    path("staff/surveys/<int:survey_id>/template.csv", staff.csv_template, name="template"),
    path("staff/surveys/<int:survey_id>/codes/", staff.codes_create, name="codes"),
    path("staff/surveys/<int:survey_id>/codes.csv", staff.codes_csv, name="codes_csv"),
    path("surveys/letter/", public.letter, name="letter"),
    path("surveys/thanks/", public.thanks, name="thanks"),
    path("surveys/<str:token>/", public.respond, name="respond"),
]
