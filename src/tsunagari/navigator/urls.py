from django.urls import path

from . import views

app_name = "navigator"

urlpatterns = [
    path("", views.start, name="start"),
    path("result/", views.result, name="result"),
    path("<slug:step>/", views.step, name="step"),
]
