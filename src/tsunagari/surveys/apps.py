from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "tsunagari.surveys"
    label = "surveys"
    verbose_name = "調査の集計"
