from django.urls import path

from . import views

app_name = "stewardship"
urlpatterns = [
    path("", views.listings, name="listings"),
    path("services/<uuid:service_id>/", views.service_edit, name="service_edit"),
    path("services/<uuid:service_id>/archive/", views.service_archive, name="service_archive"),
    path(
        "services/<uuid:service_id>/unarchive/", views.service_unarchive, name="service_unarchive"
    ),
    path("review/", views.review_queue, name="review_queue"),
    path("review/<int:pk>/", views.review_detail, name="review_detail"),
    path("import/", views.bulk_import, name="bulk_import"),
]
