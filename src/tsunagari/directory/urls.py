from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("services/<uuid:service_id>/", views.service_detail, name="service_detail"),
    path("sources/", views.source_list, name="source_list"),
]
